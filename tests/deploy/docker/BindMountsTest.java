package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lib.deploy.docker.BindMounts;
import lib.deploy.docker.BindMounts.Bind;
import org.junit.jupiter.api.Test;

/** Bind-mount sources from a compose file, short and long syntax; which must pre-exist on the host. */
class BindMountsTest {
    static final String FILE = """
            services:
              web:
                image: portoser-test/busybox:1
                volumes:
                  - ./www:/www:ro
                  - data:/data
                  - /var/lib/web:/state
                  - /cache
                  - ../shared:/shared
                  - ${LOGS}:/logs
              db:
                volumes:
                  - type: bind
                    source: /srv/pg
                    target: /var/lib/postgresql
                  - type: volume
                    source: pg
                    target: /x
                  - "~/conf:/conf"
            volumes:
              data: {}
              pg: {}
            """;

    @Test
    void findsBindMountsInBothSyntaxesAndSkipsVolumes() {
        assertEquals(List.of(new Bind("web", "./www", "/www"), new Bind("web", "/var/lib/web", "/state"),
                new Bind("web", "../shared", "/shared"), new Bind("web", "${LOGS}", "/logs"),
                new Bind("db", "/srv/pg", "/var/lib/postgresql"), new Bind("db", "~/conf", "/conf")), BindMounts.parse(FILE));
    }

    @Test
    void onlySourcesOutsideTheServiceDirMustPreExist() {
        assertEquals(List.of("/var/lib/web", "/opt/p/shared", "/srv/pg", "~/conf"),
                BindMounts.outside(BindMounts.parse(FILE), "/opt/p/web"));
    }

    @Test
    void filesWithoutServicesOrVolumesHaveNone() {
        assertEquals(List.of(), BindMounts.parse("services: {web: {image: x}}\n"));
        assertEquals(List.of(), BindMounts.parse("version: '3'\n"));
        assertEquals(List.of(), BindMounts.parse(""));
    }

    @Test
    void malformedYamlIsOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindMounts.parse("services: [\n"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}

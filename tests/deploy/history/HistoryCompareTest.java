package deploy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.DeploymentRecord.ServiceEntry;
import lib.deploy.history.HistoryCompare;
import lib.deploy.history.HistoryCompare.Change;
import org.junit.jupiter.api.Test;

/** `history compare`: a pure diff of two records. */
class HistoryCompareTest {
    static DeploymentRecord record(String id, String registry, ServiceEntry... entries) {
        DeploymentRecord r = new DeploymentRecord(id, "deploy", "me", "ctl", 1, null, "2026-11-23T15:00:00Z", null, null,
                DeploymentRecord.SUCCESS, null, List.of(), List.of(), "registry.yml", registry, List.of(), null);
        for (ServiceEntry e : entries) r = r.withOutcome(e);
        return r;
    }

    static ServiceEntry entry(String svc, String host, String image) {
        return new ServiceEntry(svc, host, "deploy", "deployed", List.of(), image == null ? Map.of() : Map.of(svc + "-1", image), null, Map.of());
    }

    @Test
    void servicesHostsImagesAndRegistryLinesThatDiffer() {
        DeploymentRecord a = record("deploy-a", "hosts: {}\nweb: h1\nimage: 1\n", entry("web", "h1", "sha256:1"), entry("db", "h2", null));
        DeploymentRecord b = record("deploy-b", "hosts: {}\nweb: h3\nimage: 1\n", entry("web", "h3", "sha256:2"), entry("api", "h1", null));
        HistoryCompare c = HistoryCompare.of(a, b);
        assertEquals(List.of("db"), c.onlyInFrom());
        assertEquals(List.of("api"), c.onlyInTo());
        assertEquals(List.of(new Change("web", "h1", "h3"), new Change("db", "h2", null), new Change("api", null, "h1")), c.hosts());
        assertEquals(List.of(new Change("web/web-1", "sha256:1", "sha256:2")), c.images());
        assertEquals(List.of("@@ -2 +2 @@", "- web: h1", "+ web: h3"), c.registry());
        assertEquals("""
                Compare deploy-a -> deploy-b
                  - db  (only in deploy-a)
                  + api  (only in deploy-b)
                  host   web: h1 -> h3
                  host   db: h2 -> null
                  host   api: null -> h1
                  image  web/web-1: sha256:1 -> sha256:2
                  registry:
                    @@ -2 +2 @@
                    - web: h1
                    + web: h3
                """, c.text());
    }

    static ServiceEntry withCompose(String svc, String compose) {
        return new ServiceEntry(svc, "h1", "deploy", "deployed", List.of(), Map.of(), null, Map.of("compose.yml", compose));
    }

    @Test
    void recordedFilesThatDifferAreShownLineByLine() {
        DeploymentRecord a = record("deploy-a", "x: 1\n", withCompose("web", "services:\n  web:\n    image: app:1\n"), entry("old", "h1", null));
        DeploymentRecord b = record("deploy-b", "x: 1\n", withCompose("web", "services:\n  web:\n    image: app:2\n"), withCompose("old", "x"));
        HistoryCompare c = HistoryCompare.of(a, b);
        assertEquals(Map.of("web/compose.yml", List.of("@@ -3 +3 @@", "-     image: app:1", "+     image: app:2")), c.files(),
                "a record that kept no files (old) is not compared");
        assertTrue(c.text().endsWith("  file web/compose.yml:\n    @@ -3 +3 @@\n    -     image: app:1\n    +     image: app:2\n"), c::text);
    }

    @Test
    void aRecordComparedWithItselfIsTheSame() {
        DeploymentRecord a = record("deploy-a", "x: 1\n", entry("web", "h1", "sha256:1"));
        assertTrue(HistoryCompare.of(a, a).same());
        assertEquals("Compare deploy-a -> deploy-a\n  no differences\n", HistoryCompare.of(a, a).text());
    }
}

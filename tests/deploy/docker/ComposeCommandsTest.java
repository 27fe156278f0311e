package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lib.deploy.docker.ComposeCommands;
import lib.deploy.docker.ComposeFlavor;
import lib.deploy.docker.DockerCommands;
import org.junit.jupiter.api.Test;

/** The exact shell lines the docker runner sends (no host needed). */
class ComposeCommandsTest {
    static final ComposeFlavor V1 = new ComposeFlavor(ComposeFlavor.STANDALONE, "1.29.2"),
            V2 = new ComposeFlavor(ComposeFlavor.PLUGIN, "2.27.0");
    static final ComposeCommands WEB = new ComposeCommands(V1, "/srv/web", "compose.yml", "web");

    @Test
    void composeLinesRunInTheServiceDirWithTheProjectNamedAfterTheService() {
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml up -d", WEB.up());
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml up -d --force-recreate", WEB.restart());
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml up -d --no-recreate", WEB.start());
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml stop", WEB.stop());
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml down", WEB.down());
        assertEquals("cd /srv/web && docker-compose -p web -f compose.yml logs --tail 50 --no-color", WEB.logs(50));
    }

    @Test
    void thePluginFlavourAndOddPathsAreQuoted() {
        ComposeCommands c = new ComposeCommands(V2, "/srv/my app", "docker compose.yml", "web");
        assertEquals("cd '/srv/my app' && docker compose -p web -f 'docker compose.yml' up -d", c.up());
    }

    @Test
    void noCommandEverRemovesVolumes() {
        for (ComposeFlavor f : List.of(V1, V2)) {
            ComposeCommands c = new ComposeCommands(f, "/srv/web", "compose.yml", "web");
            for (String line : List.of(c.up(), c.restart(), c.start(), c.stop(), c.down(), c.logs(10))) {
                assertFalse(line.matches(".*(\\s-v\\b|--volumes|\\brm\\b|prune).*"), line);
            }
        }
    }

    @Test
    void projectNamesAreNormalisedLikeCompose() {
        assertEquals("web", DockerCommands.project("web"));
        assertEquals("my-api_2", DockerCommands.project("My-API_2"));
        assertEquals("webv2", DockerCommands.project("web.v2"));
    }

    @Test
    void containerQueriesGoByTheComposeProjectLabel() {
        assertEquals("docker ps -q --filter label=com.docker.compose.project=web --filter status=running", DockerCommands.running("web"));
        assertEquals("ids=$(docker ps -q --filter label=com.docker.compose.project=web) && { [ -z \"$ids\" ] || "
                + "docker inspect --format '{{.Name}} {{.Image}}' $ids; }", DockerCommands.images("web"));
    }

    @Test
    void probesNameBindSourcesByIndexAndQuoteThem() {
        assertEquals("if [ -e /data/db ]; then echo '@@bind 0 yes'; else echo '@@bind 0 no'; fi; "
                + "if [ -e ~/'my dir' ]; then echo '@@bind 1 yes'; else echo '@@bind 1 no'; fi;",
                DockerCommands.bindProbe(List.of("/data/db", "~/my dir")));
        assertEquals("", DockerCommands.bindProbe(List.of()));
        assertTrue(DockerCommands.portProbe(8080).startsWith("docker ps --filter publish=8080 --format '@@pub {{.Names}} "
                + "{{.Label \"com.docker.compose.project\"}}' 2>/dev/null; { if command -v ss >/dev/null 2>&1; then ss -Hltnp 'sport = :8080';"));
    }
}

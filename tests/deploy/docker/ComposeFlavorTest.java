package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import lib.deploy.docker.ComposeFlavor;
import lib.deploy.docker.DockerCommands;
import org.junit.jupiter.api.Test;

/** Compose detection from what each flavour's `version` really prints (pure). */
class ComposeFlavorTest {
    // Captured: docker CLI 20.10 / 28 without the plugin, and docker-compose 1.29.2 (Debian 12).
    static final String NO_PLUGIN_20 = "docker: 'compose' is not a docker command.";
    static final String NO_PLUGIN_28 = "docker: unknown command: docker compose";
    static final String V1 = "docker-compose version 1.29.2, build unknown";
    static final String V2 = "Docker Compose version v2.27.0";

    @Test
    void theV2PluginWinsWhenBothAreInstalled() {
        assertEquals(Optional.of(new ComposeFlavor("docker compose", "2.27.0")), ComposeFlavor.detect(V2, V1));
    }

    @Test
    void withoutThePluginTheStandaloneBinaryIsUsed() {
        assertEquals(Optional.of(new ComposeFlavor("docker-compose", "1.29.2")), ComposeFlavor.detect("", V1));
        assertEquals(Optional.of(new ComposeFlavor("docker-compose", "1.29.2")), ComposeFlavor.detect(NO_PLUGIN_20, V1));
        assertEquals(Optional.of(new ComposeFlavor("docker-compose", "1.29.2")), ComposeFlavor.detect(NO_PLUGIN_28, V1));
    }

    @Test
    void aStandaloneV2BinaryIsStillCalledAsDockerCompose() {
        assertEquals(Optional.of(new ComposeFlavor("docker-compose", "2.20.2")),
                ComposeFlavor.detect(NO_PLUGIN_28, "Docker Compose version 2.20.2"));
    }

    @Test
    void neitherGivesNothing() {
        assertEquals(Optional.empty(), ComposeFlavor.detect(NO_PLUGIN_28, "sh: 1: docker-compose: not found"));
        assertEquals(Optional.empty(), ComposeFlavor.detect(null, null));
    }

    @Test
    void readsTheProbesTaggedLines() {
        assertEquals(Optional.of(new ComposeFlavor("docker-compose", "1.29.2")), ComposeFlavor.detect("@@v2\n@@v1 " + V1 + "\n"));
        assertEquals(Optional.of(new ComposeFlavor("docker compose", "2.27.0")), ComposeFlavor.detect("@@v2 " + V2 + "\n@@v1\n"));
        assertEquals("echo \"@@v2 $(docker compose version 2>&1 | grep -i 'compose version' | head -n 1)\"; "
                + "echo \"@@v1 $(docker-compose version 2>&1 | grep -i 'compose version' | head -n 1)\"", DockerCommands.flavourProbe());
    }
}

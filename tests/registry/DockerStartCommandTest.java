package registry;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.registry.RegistryError;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/** A host's `docker_start_command`: read as one shell command, validated like every host key (file:line:col). */
class DockerStartCommandTest {
    static RegistryLoader.Checked check(String startLine) {
        return RegistryLoader.check(Path.of("r.yml"), "hosts:\n  nuc:\n    ip: 10.0.0.10\n    path: /opt/p\n" + startLine, Map.of("SUDO", "sudo"));
    }

    static List<String> problems(String startLine) { return check(startLine).errors().stream().map(RegistryError::format).toList(); }

    @Test
    void aCommandIsReadAsIsAndEnvironmentReferencesExpand() {
        var c = check("    docker_start_command: '${SUDO} service docker start; d=/x; setsid dockerd -H unix://$d/s &'\n");
        assertEquals(List.of(), c.errors());
        assertEquals("sudo service docker start; d=/x; setsid dockerd -H unix://$d/s &", c.registry().hosts().get("nuc").dockerStartCommand());
        assertNull(check("").registry().hosts().get("nuc").dockerStartCommand(), "not set: the init system's way is used");
        var r = c.registry();
        assertEquals("sudo service docker start; d=/x; setsid dockerd -H unix://$d/s &",
                lib.registry.RegistryJson.machine(r, r.hosts().get("nuc")).get("docker_start_command"), "GET /api/machines shows it");
    }

    @Test
    void anEmptyOrStructuredValueIsAnErrorNamingTheField() {
        assertEquals(List.of("r.yml:5:27: hosts.nuc.docker_start_command: must not be empty (a shell command run on the host to start its "
                + "docker daemon, e.g. `docker_start_command: sudo service docker start`; or remove the key)"), problems("    docker_start_command: '  '\n"));
        assertEquals(List.of("r.yml:5:27: hosts.nuc.docker_start_command: expected a single value, got a list"),
                problems("    docker_start_command: [a, b]\n"));
        assertEquals(List.of("r.yml:5:5: hosts.nuc.docker_start_comand: unknown key (did you mean `docker_start_command`?)"),
                problems("    docker_start_comand: x\n"));
    }
}

package registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import lib.registry.EnvExpander;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/** `${VAR}`, `${VAR:-default}` and `$$`, alone and through the loader. */
class EnvExpansionTest {
    static final Map<String, String> ENV = Map.of("USER", "ops", "EMPTY", "");

    static String expand(String s) throws EnvExpander.Unset {
        return EnvExpander.expand(s, ENV);
    }

    @Test
    void aSetVariableIsSubstituted() throws Exception {
        assertEquals("ops@host", expand("${USER}@host"));
        assertEquals("", expand("${EMPTY}"));
    }

    @Test
    void theDefaultIsUsedWhenUnsetOrEmpty() throws Exception {
        assertEquals("root", expand("${NOPE:-root}"));
        assertEquals("fallback", expand("${EMPTY:-fallback}"));
        assertEquals("ops", expand("${USER:-root}"));
        assertEquals("", expand("${NOPE:-}"));
    }

    @Test
    void doubleDollarIsALiteralDollar() throws Exception {
        assertEquals("cost $5", expand("cost $$5"));
        assertEquals("${USER}", expand("$${USER}"));
        assertEquals("$ops", expand("$$${USER}"));
    }

    @Test
    void textWithoutReferencesIsUntouched() throws Exception {
        assertEquals("$HOME and $ alone", expand("$HOME and $ alone"));
        assertEquals("${unterminated", expand("${unterminated"));
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnError() {
        EnvExpander.Unset e = assertThrows(EnvExpander.Unset.class, () -> expand("a ${NOPE} b"));
        assertEquals("NOPE", e.variable);
        assertEquals("environment variable NOPE is not set", e.getMessage());
    }

    @Test
    void theLoaderExpandsEveryValue() {
        String yaml = """
                hosts:
                  nuc:
                    ip: ${IP:-10.0.0.1}
                    ssh_user: ${USER}
                    path: $$HOME/${USER}
                services:
                  web:
                    current_host: nuc
                    deployment_type: docker
                    docker_compose: c.yml
                    port: ${PORT:-8080}
                    tags: ["${USER}", $$x]   # quoted: in [..] a plain ${ would open a mapping
                """;
        Registry r = RegistryLoader.check(Path.of("r.yml"), yaml, ENV).registry();
        assertEquals("10.0.0.1", r.hosts().get("nuc").ip());
        assertEquals("ops", r.hosts().get("nuc").sshUser());
        assertEquals("$HOME/ops", r.hosts().get("nuc").path());
        assertEquals(8080, r.services().get("web").port());
        assertEquals(java.util.List.of("ops", "$x"), r.services().get("web").tags());
    }
}

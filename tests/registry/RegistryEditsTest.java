package registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.registry.EditException;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/**
 * Edits splice text: each test states the whole expected file as the original with exactly one
 * fragment replaced, so any other byte that moved (a comment, a blank line, key order) fails it.
 */
class RegistryEditsTest {
    /** Comments everywhere, 3- and 4-space sections with 3-space steps, blank lines, a flow host, an emoji. */
    static final String FILE = """
            # Registry for the lab.
            # Keep this file tidy!

            domain: lab      # DNS suffix

            hosts:
               # the little box
               nuc:
                  ip: 10.0.0.10        # wired
                  path: /opt/portoser
                  roles:
                    - docker

               pi: {ip: 10.0.0.11, path: /opt/p}   # flow style, by hand

            services:

                # ---- frontends ----

                # public site
                web:
                   current_host: nuc     # pinned
                   deployment_type: docker
                   docker_compose: services/web/compose.yml
                   port: 8080
                   dependencies:
                     - db      # must be up first
                   # tags come later

                # database 🐘
                db:
                   current_host: nuc
                   deployment_type: docker
                   docker_compose: services/db/compose.yml
                   port: 5432


            # trailing notes
            """;

    /** The text with one unique fragment replaced: the only change an edit may make. */
    static String only(String text, String fragment, String replacement) {
        assertEquals(text.indexOf(fragment), text.lastIndexOf(fragment), "fragment must be unique: " + fragment);
        assertTrue(text.contains(fragment), "fragment not found: " + fragment);
        return text.replace(fragment, replacement);
    }

    static Registry valid(String text) {
        var checked = RegistryLoader.check(Path.of("r.yml"), text, Map.of());
        assertEquals(List.of(), checked.errors(), text);
        return checked.registry();
    }

    @Test
    void theFixtureItselfIsValid() {
        assertEquals(List.of("web", "db"), List.copyOf(valid(FILE).services().keySet()));
    }

    @Test
    void aSameLineValueIsReplacedInPlaceKeepingItsComment() {
        String out = RegistryEdits.setServiceField(FILE, "web", "current_host", "pi");
        assertEquals(only(FILE, "current_host: nuc     # pinned", "current_host: pi     # pinned"), out);
        assertEquals("pi", valid(out).services().get("web").currentHost());
    }

    @Test
    void aNumberIsWrittenPlain() {
        assertEquals(only(FILE, "port: 8080\n", "port: 9090\n"), RegistryEdits.setServiceField(FILE, "web", "port", 9090));
    }

    @Test
    void offsetsAfterAnEmojiAreRight() {
        String out = RegistryEdits.setServiceField(FILE, "db", "port", 5433);
        assertEquals(only(FILE, "port: 5432\n", "port: 5433\n"), out);
    }

    @Test
    void aBlockListBecomesAFlowListAndItsLastCommentStays() {
        String out = RegistryEdits.setServiceField(FILE, "web", "dependencies", List.of("db", "cache"));
        assertEquals(only(FILE, "dependencies:\n         - db      # must be up first\n",
                "dependencies: [db, cache]      # must be up first\n"), out);
    }

    @Test
    void aNewFieldGoesLastAtTheFieldsIndentationAfterTheBlocksOwnComments() {
        String out = RegistryEdits.setServiceField(FILE, "web", "tags", List.of("frontend", "public"));
        assertEquals(only(FILE, "       # tags come later\n", "       # tags come later\n       tags: [frontend, public]\n"), out);
        assertEquals(List.of("frontend", "public"), valid(out).services().get("web").tags());
    }

    @Test
    void aFlowMappingIsEditedInsideItsBraces() {
        String out = RegistryEdits.setHostField(FILE, "pi", "ssh_port", 2222);
        assertEquals(only(FILE, "{ip: 10.0.0.11, path: /opt/p}", "{ip: 10.0.0.11, path: /opt/p, ssh_port: 2222}"), out);
        out = RegistryEdits.setHostField(out, "pi", "ip", "10.0.0.99");
        assertEquals(only(FILE, "{ip: 10.0.0.11, path: /opt/p}", "{ip: 10.0.0.99, path: /opt/p, ssh_port: 2222}"), out);
        assertEquals(2222, valid(out).hosts().get("pi").sshPort());
    }

    @Test
    void aNewServiceTakesTheSectionsIndentationAndGoesLast() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("current_host", "pi");
        f.put("deployment_type", "local");
        f.put("service_file", "services/cache/service.yml");
        f.put("dependencies", List.of("db"));
        String out = RegistryEdits.addService(FILE, "cache", f);
        assertEquals(only(FILE, "       port: 5432\n", """
                       port: 5432
                    cache:
                       current_host: pi
                       deployment_type: local
                       service_file: services/cache/service.yml
                       dependencies: [db]
                """), out);
        assertEquals(List.of("web", "db", "cache"), List.copyOf(valid(out).services().keySet()));
    }

    @Test
    void aNewHostGoesAfterTheLastHostAndItsComment() {
        String out = RegistryEdits.addHost(FILE, "big", new LinkedHashMap<>(Map.of("ip", "10.0.0.12")));
        assertEquals(only(FILE, "# flow style, by hand\n", "# flow style, by hand\n   big:\n      ip: 10.0.0.12\n"), out);
    }

    @Test
    void removingAServiceTakesItsCommentsAndOneBlankLine() {
        String out = RegistryEdits.removeService(FILE, "web");
        assertEquals(only(FILE, """
                    # public site
                    web:
                       current_host: nuc     # pinned
                       deployment_type: docker
                       docker_compose: services/web/compose.yml
                       port: 8080
                       dependencies:
                         - db      # must be up first
                       # tags come later

                """, ""), out);
        assertEquals(List.of("db"), List.copyOf(valid(out).services().keySet()));
    }

    @Test
    void removingTheLastServiceKeepsWhatFollowsTheSection() {
        String out = RegistryEdits.removeService(RegistryEdits.removeServiceField(FILE, "web", "dependencies"), "db");
        assertTrue(out.endsWith("       # tags come later\n\n\n# trailing notes\n"), out);
        assertTrue(out.contains("# ---- frontends ----"), out);
        assertEquals(List.of("web"), List.copyOf(valid(out).services().keySet()));
    }

    @Test
    void removingAFieldTakesAllItsLines() {
        assertEquals(only(FILE, "       dependencies:\n         - db      # must be up first\n", ""),
                RegistryEdits.removeServiceField(FILE, "web", "dependencies"));
        assertEquals(FILE, RegistryEdits.removeServiceField(FILE, "web", "description"));
    }

    @Test
    void windowsLineEndingsAreKept() {
        String crlf = FILE.replace("\n", "\r\n");
        String out = RegistryEdits.addHost(RegistryEdits.setServiceField(crlf, "web", "port", 81), "big",
                new LinkedHashMap<>(Map.of("ip", "10.0.0.12")));
        assertEquals(only(only(crlf, "port: 8080\r\n", "port: 81\r\n"), "# flow style, by hand\r\n",
                "# flow style, by hand\r\n   big:\r\n      ip: 10.0.0.12\r\n"), out);
    }

    @Test
    void aFileWithoutAFinalNewlineGetsOneBeforeTheNewBlock() {
        String text = "hosts:\n  a:\n    ip: 1\n    path: /p";
        assertEquals(text + "\n  b:\n    ip: 2\n", RegistryEdits.addHost(text, "b", new LinkedHashMap<>(Map.of("ip", "2"))));
    }

    @Test
    void anEmptyOrMissingServicesSectionIsFilledIn() {
        String hosts = "hosts:\n  a: {ip: 1, path: /p}\n";
        Map<String, Object> f = new LinkedHashMap<>(Map.of("current_host", "a"));
        String block = "  web:\n    current_host: a\n";
        assertEquals(hosts + "services:\n" + block, RegistryEdits.addService(hosts, "web", f));
        assertEquals(hosts + "services:\n" + block, RegistryEdits.addService(hosts + "services:\n", "web", f));
        assertEquals(hosts + "services:  # none yet\n" + block, RegistryEdits.addService(hosts + "services: {}  # none yet\n", "web", f));
        assertEquals(hosts + "services:\n" + block + "dns: {ingress_ip: 1}\n",
                RegistryEdits.addService(hosts + "services: ~\ndns: {ingress_ip: 1}\n", "web", f));
    }

    @Test
    void anEmptyValueGetsOneAfterTheColon() {
        String text = "hosts:\n  a:\n    ip: 1\n    path: /p\n    ssh_user:   # who\n";
        assertEquals("hosts:\n  a:\n    ip: 1\n    path: /p\n    ssh_user: ops   # who\n", RegistryEdits.setHostField(text, "a", "ssh_user", "ops"));
    }

    @Test
    void valuesAreQuotedOnlyWhenYamlWouldReadThemOtherwise() {
        String out = RegistryEdits.setServiceField(FILE, "web", "description", "yes");
        assertTrue(out.contains("       description: \"yes\"\n"), out);
        out = RegistryEdits.setServiceField(out, "web", "healthcheck_url", "http://{host}:8080/health");
        assertTrue(out.contains("       healthcheck_url: http://{host}:8080/health\n"), out);
        out = RegistryEdits.setServiceField(out, "web", "tags", List.of("a,b", "#x", "null", "{y}", "it's \"q\""));
        assertTrue(out.contains("       tags: [\"a,b\", \"#x\", \"null\", \"{y}\", it's \"q\"]\n"), out);
        out = RegistryEdits.removeServiceField(out, "web", "healthcheck_url"); // a service has one kind of health check
        out = RegistryEdits.setServiceField(out, "web", "healthcheck", Map.of("cmd", "curl -fs localhost:8080 # ok"));
        assertTrue(out.contains("       healthcheck: {cmd: \"curl -fs localhost:8080 # ok\"}\n"), out);
        var web = valid(out).services().get("web");
        assertEquals("yes", web.description());
        assertEquals(List.of("a,b", "#x", "null", "{y}", "it's \"q\""), web.tags());
        assertEquals("curl -fs localhost:8080 # ok", web.healthcheck().cmd());
    }

    @Test
    void movingChecksTheHostExists() {
        EditException e = assertThrows(EditException.class, () -> RegistryEdits.moveService(FILE, "web", "pj"));
        assertEquals("no host 'pj' in the registry", e.getMessage());
        assertEquals("did you mean `pi`?", e.hint());
        assertEquals(only(FILE, "current_host: nuc     # pinned", "current_host: pi     # pinned"), RegistryEdits.moveService(FILE, "web", "pi"));
    }

    @Test
    void impossibleEditsSayWhy() {
        EditException e = assertThrows(EditException.class, () -> RegistryEdits.setServiceField(FILE, "wbe", "port", 1));
        assertEquals("no service 'wbe' in the registry (did you mean `web`?)", e.getMessage() + " (" + e.hint() + ")");
        e = assertThrows(EditException.class, () -> RegistryEdits.addService(FILE, "db", Map.of()));
        assertEquals("service 'db' already exists", e.getMessage());
        e = assertThrows(EditException.class, () -> RegistryEdits.addHost(FILE, "no/slash", Map.of()));
        assertEquals("invalid host name 'no/slash'", e.getMessage());
        e = assertThrows(EditException.class, () -> RegistryEdits.addHost(FILE, "true", Map.of()));
        assertEquals("invalid host name 'true'", e.getMessage());
        e = assertThrows(EditException.class, () -> RegistryEdits.removeService("hosts: {}\nservices: {a: {}}\n", "a"));
        assertEquals("cannot edit services: it is written in flow style ({…})", e.getMessage());
        e = assertThrows(EditException.class, () -> RegistryEdits.setServiceField("hosts: [\n", "a", "port", 1));
        assertEquals("cannot edit: the registry is not valid YAML: 2:1: malformed YAML: expected the node content,"
                + " but found '<stream end>' (while parsing a flow node started at line 2, column 1)", e.getMessage());
    }
}

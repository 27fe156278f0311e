package registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.registry.RegistryError;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/** Every class of registry problem, with its exact message, line and column. */
class ValidationTest {
    static final String HOSTS = """
            hosts:
              nuc:
                ip: 10.0.0.10
                path: /opt/p
            """;

    static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<String> problems(String yaml, Map<String, String> env) {
        return RegistryLoader.check(Path.of("r.yml"), yaml, env).errors().stream().map(RegistryError::format).toList();
    }

    /** A registry with the standard host and one service whose body is given. */
    static List<String> service(String body) {
        return problems(HOSTS + "services:\n  web:\n" + body.indent(4));
    }

    @Test
    void aValidRegistryHasNoProblems() {
        assertEquals(List.of(), service("current_host: nuc\ndeployment_type: docker\ndocker_compose: c.yml\nport: 80\n"));
    }

    @Test
    void theExampleRegistryValidates() {
        Path example = Path.of(System.getProperty("portoser.root", "."), "registry.yml");
        var checked = RegistryLoader.check(example, RegistryLoader.read(example), Map.of("HOME", "/home/x"));
        assertEquals(List.of(), checked.errors());
        assertEquals("root", checked.registry().hosts().get("local").sshUser());
    }

    @Test
    void unknownKeysSuggestTheClosestKnownOne() {
        assertEquals(List.of("r.yml:10:5: services.web.healthchek_url: unknown key (did you mean `healthcheck_url`?)"),
                service("current_host: nuc\ndeployment_type: docker\ndocker_compose: c.yml\nhealthchek_url: http://x\n"));
        assertEquals(List.of("r.yml:3:5: hosts.nuc.ssh_usr: unknown key (did you mean `ssh_user`?)"),
                problems("hosts:\n  nuc:\n    ssh_usr: u\n    ip: 1.2.3.4\n    path: /p\n"));
    }

    @Test
    void unknownKeysFarFromAnyListTheKnownOnes() {
        assertEquals(List.of("r.yml:1:1: zebra: unknown key (known keys: domain, hosts, services, dns, caddy)"),
                problems("zebra: 1\n" + HOSTS));
    }

    @Test
    void wrongTypesNameWhatWasFound() {
        assertEquals(List.of(
                "r.yml:10:11: services.web.port: expected a whole number, got 'abc'",
                "r.yml:11:26: services.web.healthcheck_retries: must be between 1 and 10000, got 0",
                "r.yml:12:27: services.web.healthcheck_interval: expected a duration like 2s, 500ms or 1m, got 'soon'",
                "r.yml:13:11: services.web.tags: expected a list, got 'frontend' (write [frontend])",
                "r.yml:14:19: services.web.dependencies: expected a list, got a mapping (write […])",
                "r.yml:15:18: services.web.healthcheck: give exactly one of tcp or cmd"
                        + " (e.g. `healthcheck: {tcp: 8080}` or `healthcheck: {cmd: \"curl -f localhost:8080\"}`)"),
                service("""
                        current_host: nuc
                        deployment_type: docker
                        docker_compose: c.yml
                        port: abc
                        healthcheck_retries: 0
                        healthcheck_interval: soon
                        tags: frontend
                        dependencies: {db: 1}
                        healthcheck: {tcp: 1, cmd: x}
                        """));
    }

    @Test
    void enumsListTheirValuesAndSuggestOne() {
        assertEquals(List.of("r.yml:8:22: services.web.deployment_type: expected one of docker, local, native, got 'dokcer'"
                + " (did you mean `docker`?)"), service("current_host: nuc\ndeployment_type: dokcer\n"));
        assertEquals(List.of("r.yml:5:11: hosts.nuc.arch: expected one of amd64, arm64, got 'arm' (did you mean `arm64`?)"),
                problems(HOSTS + "    arch: arm\n"));
    }

    @Test
    void aServiceThatIsNotAMappingIsOneProblemNotThree() {
        assertEquals(List.of("r.yml:6:8: services.web: expected a mapping, got '5'"), problems(HOSTS + "services:\n  web: 5\n"));
    }

    @Test
    void missingRequiredFieldsPointAtTheirOwner() {
        assertEquals(List.of(
                "r.yml:2:3: hosts.nuc.ip: missing required field (the address portoser connects to, e.g. `ip: 10.0.0.10`)",
                "r.yml:5:3: services.web.current_host: missing required field (name the host it runs on, e.g. `current_host: nuc`)",
                "r.yml:5:3: services.web.docker_compose: missing required field for deployment_type docker"
                        + " (e.g. `docker_compose: services/web/compose.yml`)"),
                problems("hosts:\n  nuc:\n    path: /p\nservices:\n  web:\n    deployment_type: docker\n    docker_compose:\n"));
        assertEquals(List.of("r.yml:1:1: hosts: missing required field (every registry lists its machines under `hosts:`)"),
                problems("domain: x\n"));
        assertEquals(List.of("r.yml:6:3: services.api.service_file: missing required field for deployment_type native"
                + " (e.g. `service_file: services/api/service.yml`)"),
                problems(HOSTS + "services:\n  api:\n    current_host: nuc\n    deployment_type: native\n"));
    }

    @Test
    void aTildeIsNullAsInEveryYaml12Reader() {
        assertEquals(List.of("r.yml:3:5: hosts.nuc.ip: missing required field (the address portoser connects to, e.g. `ip: 10.0.0.10`)"),
                problems("hosts:\n  nuc:\n    ip: ~\n    path: /p\n"));
        assertEquals(List.of(), problems(HOSTS + "services: ~\n"));
    }

    @Test
    void anEmptyValueCountsAsMissing() {
        assertEquals(List.of("r.yml:4:5: hosts.nuc.ip: missing required field (the address portoser connects to, e.g. `ip: 10.0.0.10`)"),
                problems("hosts:\n  nuc:\n    path: /p\n    ip:\n"));
    }

    @Test
    void currentHostMustNameAHost() {
        assertEquals(List.of("r.yml:7:19: services.web.current_host: unknown host 'nuk' (did you mean `nuc`?)"),
                service("current_host: nuk\ndeployment_type: docker\ndocker_compose: c.yml\n"));
        assertEquals(List.of("r.yml:7:19: services.web.current_host: unknown host 'zz-top' (hosts are: nuc)"),
                service("current_host: zz-top\ndeployment_type: docker\ndocker_compose: c.yml\n"));
    }

    @Test
    void aServiceHasOneKindOfHealthCheck() {
        assertEquals(List.of("r.yml:11:5: services.web.healthcheck: give either healthcheck_url or healthcheck, not both"
                        + " (keep the one that proves the service works)"),
                service("current_host: nuc\ndeployment_type: docker\ndocker_compose: c.yml\n"
                        + "healthcheck_url: http://{host}/\nhealthcheck: {tcp: 80}\n"));
    }

    @Test
    void caddyIngressHostMustNameAHost() {
        assertEquals(List.of("r.yml:5:23: caddy.ingress_host: unknown host 'nux' (did you mean `nuc`?)"),
                problems(HOSTS + "caddy: {ingress_host: nux}\n"));
    }

    @Test
    void dependenciesMustNameServices() {
        assertEquals(List.of("r.yml:10:20: services.web.dependencies: unknown service 'dbb' (services are: web)"),
                service("current_host: nuc\ndeployment_type: docker\ndocker_compose: c.yml\ndependencies: [dbb]\n"));
    }

    @Test
    void cyclesArePrintedOnceFromTheirFirstService() {
        String yaml = HOSTS + """
                services:
                  a: {current_host: nuc, deployment_type: local, service_file: s, dependencies: [b]}
                  b: {current_host: nuc, deployment_type: local, service_file: s, dependencies: [c]}
                  c: {current_host: nuc, deployment_type: local, service_file: s, dependencies: [a]}
                  d: {current_host: nuc, deployment_type: local, service_file: s, dependencies: [d]}
                """;
        assertEquals(List.of(
                "r.yml:6:81: services.a.dependencies: dependency cycle: a -> b -> c -> a (remove one of these dependencies)",
                "r.yml:9:81: services.d.dependencies: dependency cycle: d -> d (remove one of these dependencies)"), problems(yaml));
    }

    @Test
    void twoServicesOnOneHostCannotShareAPort() {
        String yaml = HOSTS + """
                services:
                  a: {current_host: nuc, deployment_type: local, service_file: s, port: 80}
                  b: {current_host: nuc, deployment_type: local, service_file: s, port: 80}
                """;
        assertEquals(List.of("r.yml:7:73: services.b.port: port 80 on host nuc is already used by service 'a'"
                + " (give one of them another port or another host)"), problems(yaml));
    }

    @Test
    void duplicateKeysPointAtTheFirst() {
        assertEquals(List.of("r.yml:5:5: hosts.nuc.ip: duplicate key (an earlier `ip` is at line 3)"), problems(HOSTS + "    ip: 1\n"));
    }

    @Test
    void malformedYamlGivesTheParsersPositionAndContext() {
        assertEquals(List.of("r.yml:4:1: malformed YAML: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence started at line 3, column 9)"), problems("hosts:\n  a:\n    ip: [1\n"));
        assertEquals(List.of("r.yml:3:5: malformed YAML: mapping values are not allowed here"), problems("hosts:\n  a: 1\n   b: 2\n"));
        assertEquals(List.of("r.yml:4:4: malformed YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping started at line 2, column 3)"), problems("hosts:\n  a:\n    ip: 1\n   path: /p\n"));
    }

    @Test
    void anEmptyFileSaysSo() {
        assertEquals(List.of("r.yml:1:1: the registry is empty (start from the example registry.yml in the Portoser-J repository)"),
                problems("# nothing yet\n"));
    }

    @Test
    void unsetVariablesWithoutDefaultAreProblems() {
        assertEquals(List.of("r.yml:5:15: hosts.nuc.ssh_user: environment variable DEPLOY_USER is not set"
                + " (export DEPLOY_USER=… or write ${DEPLOY_USER:-default})"), problems(HOSTS + "    ssh_user: ${DEPLOY_USER}\n"));
        assertEquals(List.of(), problems(HOSTS + "    ssh_user: ${DEPLOY_USER}\n", Map.of("DEPLOY_USER", "ops")));
    }

    @Test
    void everyProblemIsReportedInOneRunInFileOrder() {
        String yaml = """
                hosts:
                  nuc:
                    ip: 10.0.0.10
                    path: /p
                    ssh_port: 0
                services:
                  web:
                    current_host: nux
                    deployment_type: docker
                    docker_compose: ${COMPOSE}
                    port: 80
                    dependencies: [db, cache]
                  db:
                    current_host: nuc
                    deployment_type: docker
                    docker_compose: db.yml
                    port: 80
                    dependencies: [web]
                    tag: blue
                """;
        List<String> p = problems(yaml);
        assertEquals(List.of(
                "r.yml:5:15: hosts.nuc.ssh_port: must be between 1 and 65535, got 0",
                "r.yml:8:19: services.web.current_host: unknown host 'nux' (did you mean `nuc`?)",
                "r.yml:10:21: services.web.docker_compose: environment variable COMPOSE is not set (export COMPOSE=… or write ${COMPOSE:-default})",
                "r.yml:12:19: services.web.dependencies: dependency cycle: web -> db -> web (remove one of these dependencies)",
                "r.yml:12:24: services.web.dependencies: unknown service 'cache' (services are: web, db)",
                "r.yml:19:5: services.db.tag: unknown key (did you mean `tags`?)"), p);
        assertTrue(p.stream().noneMatch(s -> s.contains("port 80")), "web's host is unknown, so no port clash is claimed");
    }
}

package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lib.deploy.PreflightProblem;
import lib.deploy.docker.PreflightCheck;
import org.junit.jupiter.api.Test;

/** Preflight verdicts from the remote probe's output (pure; the lines are what the harness hosts print). */
class PreflightCheckTest {
    static final String HEALTHY = """
            @@docker yes
            @@daemon ok 20.10.24+dfsg1
            @@v2
            @@v1 docker-compose version 1.29.2, build unknown
            """;
    static final PreflightCheck WEB = new PreflightCheck("web", "h1", "web", 8080, List.of());

    static List<String> checks(List<PreflightProblem> ps) { return ps.stream().map(PreflightProblem::check).toList(); }

    @Test
    void aHealthyHostWithAFreePortHasNoProblems() {
        assertEquals(List.of(), WEB.problems(HEALTHY));
        assertEquals(List.of(), new PreflightCheck("web", "h1", "web", null, List.of()).problems(HEALTHY));
    }

    @Test
    void noDockerCliIsTheOnlyProblemReported() {
        List<PreflightProblem> ps = WEB.problems("@@docker no\n@@daemon down sh: 1: docker: not found\n@@v2\n@@v1\n");
        assertEquals(List.of("docker"), checks(ps));
        assertEquals("web@h1: docker: the docker CLI is not installed (install Docker Engine on h1)", ps.get(0).format());
    }

    @Test
    void aDaemonThatDoesNotAnswerIsNamedWithItsError() {
        List<PreflightProblem> ps = WEB.problems("@@docker yes\n@@daemon down Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?\n"
                + "@@v1 docker-compose version 1.29.2, build unknown\n");
        assertEquals(List.of("docker_daemon"), checks(ps));
        assertTrue(ps.get(0).message().endsWith("Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?"), ps.get(0).message());
    }

    @Test
    void noComposeFlavour() {
        List<PreflightProblem> ps = WEB.problems("@@docker yes\n@@daemon ok 20.10\n@@v2\n@@v1\n");
        assertEquals(List.of("compose"), checks(ps));
        assertTrue(ps.get(0).hint().contains("docker-compose"), ps.get(0).hint());
    }

    @Test
    void missingBindSourcesAreNamed() {
        PreflightCheck c = new PreflightCheck("web", "h1", "web", null, List.of("/srv/data", "/srv/missing"));
        List<PreflightProblem> ps = c.problems(HEALTHY + "@@bind 0 yes\n@@bind 1 no\n");
        assertEquals(List.of("bind_mount"), checks(ps));
        assertEquals("bind-mount source /srv/missing does not exist", ps.get(0).message());
        assertTrue(ps.get(0).hint().contains("mkdir -p /srv/missing"), ps.get(0).hint());
    }

    @Test
    void aPortHeldByTheServicesOwnContainerIsFine() {
        String out = HEALTHY + "@@pub web_web_1 web\n"
                + "@@listen LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*    users:((\"docker-proxy\",pid=811,fd=4))\n";
        assertEquals(List.of(), WEB.problems(out));
    }

    @Test
    void aPortHeldByAnotherContainerNamesIt() {
        List<PreflightProblem> ps = WEB.problems(HEALTHY + "@@pub api_api_1 api\n@@listen LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:* users:((\"docker-proxy\",pid=9,fd=4))\n");
        assertEquals("port 8080 is published by container api_api_1 (compose project api)", ps.get(0).message());
        assertTrue(ps.get(0).hint().contains("docker stop api_api_1"), ps.get(0).hint());
    }

    @Test
    void aPortHeldByAProcessNamesItsCommandAndPid() {
        List<PreflightProblem> ps = WEB.problems(HEALTHY + "@@listen LISTEN 0      10      0.0.0.0:8080      0.0.0.0:*    users:((\"busybox\",pid=4242,fd=3))\n");
        assertEquals(List.of("port"), checks(ps));
        assertEquals("port 8080 is in use by busybox (pid 4242)", ps.get(0).message());
        assertEquals("python3 1234 root 3u IPv4 0t0 TCP *:8080 (LISTEN)",
                PreflightCheck.holder("python3  1234 root    3u  IPv4 0t0  TCP *:8080 (LISTEN)"));
    }
}

package deploy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** `deploy` across three namespace hosts over real SSH, with the real LocalRunner. */
class DeployOverSshTest {
    @TempDir
    Path home;
    TestHosts hosts;
    LocalCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
        System.setProperty("portoser.home", home.toString());
        // Beside the harness registry, so its known_hosts is trusted as a user's project folder would be.
        cluster = new LocalCluster(hosts.dir().resolve("deploy-ssh-test.yml"));
        for (int i = 1; i <= 3; i++) cluster.host("h" + i, hosts.ip(i), hosts.srv(i), "ssh_key: " + hosts.key());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) cluster.killAll();
        System.clearProperty("portoser.home");
    }

    @Test
    void wavesSpanHostsAndADependentStartsOnlyAfterItsDependencyIsHealthy() throws Exception {
        cluster.local("db", "h1", "sleep 1; touch ready; exec sleep 600",
                        "healthcheck: {cmd: 'test -f ready'}, healthcheck_interval: 200ms, healthcheck_retries: 30")
                .local("cache", "h2", "exec sleep 600", null)
                .local("api", "h3", "exec sleep 600", "dependencies: [db, cache]")
                .local("web", "h1", "exec sleep 600", "dependencies: [api]")
                .local("bad", "h2", "echo 'bad: no such file: secrets.env' >&2; exit 3", null)
                .local("child", "h3", "exec sleep 600", "dependencies: [bad]").write();
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", cluster.registryFile.toString(), "--all", "--json-output");
        assertEquals(1, r.code(), r::toString);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals("failed", doc.get("result").asText());
        assertEquals(4, doc.get("deployed").asInt(), r::toString);
        assertTrue(cluster.started("api") - cluster.started("db") >= 1_000_000_000L, "api waited for db's health");
        assertTrue(Math.abs(cluster.started("db") - cluster.started("cache")) < 1_000_000_000L, "one wave, in parallel");
        assertTrue(cluster.started("web") > cluster.started("api"));
        assertTrue(r.err().contains("[child@h3] skipped: dependency bad failed"), r.err());
        assertTrue(r.err().contains("bad: no such file: secrets.env"), r.err());
        assertFalse(Files.exists(cluster.remoteDir("h3", "child")), "a skipped service is not synced");
    }
}

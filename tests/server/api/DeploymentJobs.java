package server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import lib.server.Scope;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/** Polls GET /api/deployment/jobs/{id} as a client would, until the job is no longer running. */
final class DeploymentJobs {
    private DeploymentJobs() {}

    static JsonNode await(WebFixture web, String id, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            Reply r = web.get("/api/deployment/jobs/" + id, Scope.READ);
            assertEquals(200, r.status(), r::toString);
            if (!"running".equals(r.json().get("state").asText())) return r.json();
            if (System.nanoTime() > end) throw new AssertionError("job " + id + " still running after " + max + ": " + r.body());
            Thread.sleep(100);
        }
    }

    /** POSTs, expects 202, waits for the job. */
    static JsonNode run(WebFixture web, String path, Object body, Duration max) throws InterruptedException {
        Reply r = web.post(path, body, Scope.DEPLOY);
        assertEquals(202, r.status(), r::toString);
        return await(web, r.json().get("deploy_id").asText(), max);
    }
}

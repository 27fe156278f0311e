package deploy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.deploy.Plan;
import lib.deploy.ServiceOutcome;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.history.HistoryStore;
import lib.deploy.history.ServiceFiles;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a record keeps of a service folder: the definition file and `.env`, small text only, and only for a deploy. */
class ServiceFilesTest {
    static final String ID = "deploy-20261123-160000-cd34";

    @TempDir
    Path dir;

    @Test
    void keepsTheMainFileAndDotEnvButNotBigBinaryOrOtherFiles() throws Exception {
        Path svc = Files.createDirectories(dir.resolve("web"));
        Files.writeString(svc.resolve("compose.yml"), "services: {}\n");
        Files.writeString(svc.resolve(".env"), "TAG=1\n");
        Files.writeString(svc.resolve("index.html"), "not a definition\n");
        assertEquals(Map.of("compose.yml", "services: {}\n", ".env", "TAG=1\n"), ServiceFiles.capture(svc.resolve("compose.yml")));

        Files.write(svc.resolve(".env"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        Files.writeString(svc.resolve("compose.yml"), "#".repeat(ServiceFiles.MAX_BYTES + 1));
        assertEquals(Map.of(), ServiceFiles.capture(svc.resolve("compose.yml")), "too big, not UTF-8: left out");
        assertEquals(Map.of(), ServiceFiles.capture(dir.resolve("gone/compose.yml")));
    }

    @Test
    void aDeployRecordsTheFilesItSendsAndTheyReadBack() throws Exception {
        Path svc = Files.createDirectories(dir.resolve("web"));
        Files.writeString(svc.resolve("compose.yml"), "services:\n  web: {image: 'x:1'}\n");
        Path regFile = dir.resolve("registry.yml");
        Files.writeString(regFile, "hosts:\n  h1: {ip: 127.0.0.1, ssh_user: root, path: /srv}\nservices:\n  web:\n    current_host: h1\n"
                + "    deployment_type: docker\n    docker_compose: web/compose.yml\n");
        Registry reg = RegistryLoader.load(regFile);
        HistoryStore store = new HistoryStore(dir.resolve("home"));
        HistoryRecorder r = HistoryRecorder.forRun(store, "deploy", regFile.toString(), Files.readString(regFile)).filesFrom(reg);
        r.beforeDeploy(ID, new Plan("web", List.of(new Plan.Wave(1, List.of(new Plan.Step("web", "h1", "docker", List.of())))), List.of()));
        Files.writeString(svc.resolve("compose.yml"), "changed after the run started\n");
        r.afterService(new ServiceOutcome("web", "h1", ServiceOutcome.Result.DEPLOYED, List.of(), Map.of("web-web-1", "sha256:a"), null, null));

        DeploymentRecord back = store.get(ID);
        assertEquals(Map.of("web", Map.of("compose.yml", "services:\n  web: {image: 'x:1'}\n")), back.files(), "read when the run started");
        assertTrue(Files.readString(store.file(ID)).contains("\"files\""));
    }

    @Test
    void aRecordWrittenBeforeFilesWereKeptStillLoads() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        Files.createDirectories(store.dir());
        Files.writeString(store.file(ID), "{\"id\":\"" + ID + "\",\"kind\":\"deploy\",\"result\":\"success\",\"outcomes\":[{\"service\":\"web\","
                + "\"host\":\"h1\",\"action\":\"deploy\",\"result\":\"deployed\",\"images\":{\"c\":\"sha256:b\"}}]}");
        DeploymentRecord r = store.get(ID);
        assertEquals(Map.of(), r.files());
        assertEquals(Map.of("web", Map.of("c", "sha256:b")), r.images());
    }
}

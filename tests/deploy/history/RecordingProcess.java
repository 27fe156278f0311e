package deploy.history;

import java.nio.file.Path;
import java.util.List;
import lib.deploy.Plan;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.history.HistoryStore;

/** A separate JVM for HistoryStoreTest: starts a deploy record (result running), prints its id, then hangs until killed. */
public final class RecordingProcess {
    private RecordingProcess() {}

    public static void main(String[] args) throws InterruptedException {
        HistoryRecorder r = HistoryRecorder.forRun(new HistoryStore(Path.of(args[0])), "deploy", "registry.yml", "services: {}\n");
        r.beforeDeploy(args[1], new Plan("web", List.of(new Plan.Wave(1, List.of(new Plan.Step("web", "h1", "docker", List.of())))), List.of()));
        System.out.println("started " + r.id());
        System.out.flush();
        Thread.sleep(120_000);
    }
}

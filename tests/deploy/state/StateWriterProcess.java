package deploy.state;

import java.nio.file.Path;
import java.util.Map;
import lib.deploy.state.Deployed;
import lib.deploy.state.StateStore;

/** A separate JVM for StateStoreTest: records services PREFIX0..PREFIX(N-1), one locked update each. */
public final class StateWriterProcess {
    private StateWriterProcess() {}

    public static void main(String[] args) {
        StateStore store = new StateStore(Path.of(args[0]));
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            String name = args[1] + i;
            store.update(s -> s.with(name, new Deployed("h1", Map.of(name + "-1", "sha256:" + name), null, null)));
        }
    }
}

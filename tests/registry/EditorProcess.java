package registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lib.registry.RegistryEdits;
import lib.registry.RegistryFile;

/** A separate JVM for RegistryFileTest: adds services PREFIX0..PREFIX(N-1) one locked edit at a time. */
public final class EditorProcess {
    private EditorProcess() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            String name = args[1] + i;
            RegistryFile.edit(file, t -> RegistryEdits.addService(t, name, fields()));
        }
        System.out.println("done " + args[1]);
    }

    static Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("current_host", "nuc");
        f.put("deployment_type", "local");
        f.put("service_file", "s.yml");
        return f;
    }
}

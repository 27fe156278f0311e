package lib.knowledge;

import java.nio.file.Path;

/**
 * Where the knowledge base lives: `$PORTOSER_HOME/knowledge/` with `playbooks/<fingerprint>.md` (+ `.json` twin),
 * `problem_frequency.txt` and `patterns_history/`. One lock file guards every write, so a record is all-or-nothing
 * to readers that lock too and to every other writer, in any thread or process.
 */
public record KnowledgeDir(Path root) {
    public static KnowledgeDir standard() {
        return new KnowledgeDir(lib.exec.ExecOptions.defaults().portoserHome().resolve("knowledge"));
    }

    public Path playbooks() { return root.resolve("playbooks"); }

    public Path playbookMarkdown(String fingerprint) { return playbooks().resolve(safe(fingerprint) + ".md"); }

    public Path playbookJson(String fingerprint) { return playbooks().resolve(safe(fingerprint) + ".json"); }

    public Path frequency() { return root.resolve("problem_frequency.txt"); }

    public Path history() { return root.resolve("patterns_history"); }

    /** FileGuard locks `<this>.lock`: `knowledge/knowledge.lock`. */
    public Path guarded() { return root.resolve("knowledge"); }

    /** Fingerprints and service names become file names: keep them to one harmless path segment. */
    public static String safe(String name) {
        String s = name == null || name.isBlank() ? "unknown" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}

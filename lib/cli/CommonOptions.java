package lib.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command takes, declared once. They may be given before the subcommand
 * (`portoser --json status`) or after it (`portoser status --json`), and when a command runs
 * alone (`jbang commands/Status.java --json`): unset values fall back to the parent command's.
 */
public class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "Registry file. Default: $PORTOSER_REGISTRY, else registry.yml here.")
    Path registry;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    Boolean json;

    @Option(names = "--no-color", description = "Never colour output (also: NO_COLOR=1).")
    Boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and debug detail on errors.")
    Boolean verbose;

    public Path registryFile() {
        Path p = registry != null ? registry : parent() != null ? parent().registryFile() : null;
        if (p != null) return p;
        return defaultRegistry(System.getenv());
    }

    static Path defaultRegistry(Map<String, String> env) {
        String fromEnv = env.get("PORTOSER_REGISTRY");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "registry.yml");
    }

    public boolean json() { return pick(json, p -> p.json()); }

    public boolean noColor() { return pick(noColor, p -> p.noColor()); }

    public boolean verbose() { return pick(verbose, p -> p.verbose()); }

    public Console console() {
        return new Console(mixee.commandLine().getOut(), mixee.commandLine().getErr(), Console.colorWanted(noColor()));
    }

    private boolean pick(Boolean own, java.util.function.Predicate<CommonOptions> fromParent) {
        if (own != null) return own;
        CommonOptions p = parent();
        return p != null && fromParent.test(p);
    }

    /** The same mixin on the nearest ancestor command, if any. */
    private CommonOptions parent() {
        for (CommandSpec s = mixee == null ? null : mixee.parent(); s != null; s = s.parent()) {
            for (CommandSpec m : s.mixins().values()) {
                if (m.userObject() instanceof CommonOptions c) return c;
            }
        }
        return null;
    }
}

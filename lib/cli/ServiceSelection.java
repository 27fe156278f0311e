package lib.cli;

import java.util.List;
import lib.registry.Registry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `SERVICE…` or `--all`, exactly one: the services a start, stop or restart acts on. */
public class ServiceSelection {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static class Choice {
        @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "The services, by name.")
        List<String> services;

        @Option(names = "--all", required = true, description = "Every service in the registry.")
        boolean all;
    }

    /** The named services, or all of the registry's in file order. */
    public List<String> names(Registry registry) {
        return choice.all ? List.copyOf(registry.services().keySet()) : choice.services;
    }
}

package lib.registry;

import java.util.List;
import lib.cli.ExitCode;
import lib.cli.PortoserException;

/** A registry that did not load: carries every problem found, in file order. */
public class RegistryException extends PortoserException {
    private final List<RegistryError> errors;

    public RegistryException(List<RegistryError> errors) {
        this((errors.size() == 1 ? "1 problem" : errors.size() + " problems") + " in the registry:", errors,
                "fix the registry, then check it with: portoser registry validate");
    }

    /** A headline, then one indented line per problem. */
    public RegistryException(String headline, List<RegistryError> errors, String hint) {
        super(ExitCode.BAD_INPUT, render(headline, errors), hint);
        this.errors = List.copyOf(errors);
    }

    public List<RegistryError> errors() { return errors; }

    private static String render(String headline, List<RegistryError> errors) {
        StringBuilder sb = new StringBuilder(headline);
        for (RegistryError e : errors) sb.append("\n  ").append(e.format());
        return sb.toString();
    }
}

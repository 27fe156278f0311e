package lib.registry;

import java.util.List;
import lib.cli.ExitCode;
import lib.cli.PortoserException;

/** A registry that did not load: carries every problem found, in file order. */
public class RegistryException extends PortoserException {
    private final List<RegistryError> errors;

    public RegistryException(List<RegistryError> errors) {
        super(ExitCode.BAD_INPUT, render(errors), "fix the registry, then check it with: portoser registry validate");
        this.errors = List.copyOf(errors);
    }

    public List<RegistryError> errors() { return errors; }

    private static String render(List<RegistryError> errors) {
        StringBuilder sb = new StringBuilder(errors.size() == 1 ? "1 problem in the registry:" : errors.size() + " problems in the registry:");
        for (RegistryError e : errors) sb.append("\n  ").append(e.format());
        return sb.toString();
    }
}

package lib.cli;

import picocli.CommandLine.IVersionProvider;

/** `portoser --version`. */
public final class Version implements IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"portoser-j " + VERSION + " (java " + System.getProperty("java.version") + ")"};
    }
}

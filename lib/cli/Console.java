package lib.cli;

import java.io.PrintWriter;

/** One voice for messages: errors (✗) and warnings go to stderr, hints name the next command. */
public final class Console {
    private static final String RED = "\u001b[31m", YELLOW = "\u001b[33m", GREEN = "\u001b[32m",
            DIM = "\u001b[2m", BOLD = "\u001b[1m", RESET = "\u001b[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;

    public Console(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    /** Colour only when asked for, stdout is a terminal and NO_COLOR is unset. */
    public static boolean colorWanted(boolean noColorFlag) {
        return !noColorFlag && System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }

    public PrintWriter out() { return out; }

    public PrintWriter err() { return err; }

    public boolean color() { return color; }

    public void error(String message) { err.println(paint(RED, "✗ ") + message); err.flush(); }

    public void warn(String message) { err.println(paint(YELLOW, "! ") + message); err.flush(); }

    public void hint(String message) { err.println(paint(DIM, "  hint: " + message)); err.flush(); }

    public void ok(String message) { out.println(paint(GREEN, "✓ ") + message); out.flush(); }

    public String red(String s) { return paint(RED, s); }

    public String green(String s) { return paint(GREEN, s); }

    public String yellow(String s) { return paint(YELLOW, s); }

    public String dim(String s) { return paint(DIM, s); }

    public String bold(String s) { return paint(BOLD, s); }

    public String paint(String code, String s) { return color ? code + s + RESET : s; }
}

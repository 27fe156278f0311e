package lib.exec;

import java.io.PrintWriter;
import java.util.Collection;

/**
 * Interleaves output lines of many targets as {@code [service@host] line}, labels padded to one width and
 * coloured one colour per target when colour is on. Formatting is pure; the sinks only add locking.
 */
public final class PrefixedOutput {
    private static final String[] PALETTE = {"36", "35", "33", "32", "34", "96", "95", "93", "92", "94"};
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;
    private final int width;
    private int nextColor;

    public PrefixedOutput(PrintWriter out, PrintWriter err, boolean color, Collection<String> labels) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.width = labels.stream().mapToInt(String::length).max().orElse(0);
    }

    /** {@code service@host}, or just the host when there is no service. */
    public static String label(String service, String host) {
        return service == null || service.isEmpty() ? host : service + "@" + host;
    }

    /** One output line: {@code [label]} padded to {@code width}, coloured by {@code colorIndex} if {@code color}. */
    public static String format(String label, int width, String line, int colorIndex, boolean color) {
        String tag = "[" + label + "]";
        String pad = " ".repeat(Math.max(0, width - label.length()) + 1);
        if (!color) return tag + pad + line;
        return "\u001b[" + PALETTE[Math.floorMod(colorIndex, PALETTE.length)] + "m" + tag + RESET + pad + line;
    }

    /** A sink printing one target's lines (stderr lines to err), each target getting the next colour. */
    public synchronized LineSink sink(String label) {
        int colorIndex = nextColor++;
        return (line, stderr) -> print(stderr ? err : out, format(label, width, line, colorIndex, color));
    }

    // One lock for both streams, so lines of different targets never interleave mid-line.
    private synchronized void print(PrintWriter w, String text) {
        w.println(text);
        w.flush();
    }
}

package lib.util;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * A Writer that hands each complete line (without its line ending) to {@code sink}; a last unterminated line is
 * handed over on close. For turning what a PrintWriter-speaking piece prints into per-line events or log lines.
 */
public final class LineWriter extends Writer {
    private final Consumer<String> sink;
    private final StringBuilder buf = new StringBuilder();

    public LineWriter(Consumer<String> sink) { this.sink = sink; }

    @Override
    public synchronized void write(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (c[i] == '\n') {
                sink.accept(buf.toString());
                buf.setLength(0);
            } else if (c[i] != '\r') {
                buf.append(c[i]);
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public synchronized void close() {
        if (buf.length() > 0) sink.accept(buf.toString());
        buf.setLength(0);
    }
}

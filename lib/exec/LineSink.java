package lib.exec;

/** Receives output lines as they arrive; `stderr` tells which stream a line came from. */
@FunctionalInterface
public interface LineSink {
    LineSink NONE = (line, stderr) -> {};

    void line(String line, boolean stderr);
}

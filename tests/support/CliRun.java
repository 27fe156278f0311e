package support;

import java.io.PrintWriter;
import java.io.StringWriter;
import lib.cli.Cli;
import picocli.CommandLine;

/** Runs a command in-process through the same CommandLine setup as `main`, capturing stdout and stderr. */
public final class CliRun {
    public record Outcome(int code, String out, String err) {
        @Override
        public String toString() { return "exit " + code + "\n--- out\n" + out + "--- err\n" + err; }
    }

    private CliRun() {}

    public static Outcome run(Object command, String... args) {
        CommandLine cl = Cli.commandLine(command);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}

package lib.deploy;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lib.cli.Console;
import lib.exec.LineSink;
import lib.exec.PrefixedOutput;

/**
 * Prints a run as it happens: output lines as `[service@host] line`, and when a service ends its phase line
 * (plus, on failure, its log tail). All to one stream, so `--json-output` can send it all to stderr.
 */
public final class ConsoleListener implements DeployListener {
    private final PrefixedOutput out;
    private final Console console;
    private final Map<String, LineSink> sinks = new ConcurrentHashMap<>();

    /** {@code to} receives everything; {@code labels} (service@host) set the prefix width. */
    public ConsoleListener(PrintWriter to, Console console, Collection<String> labels) {
        this.out = new PrefixedOutput(to, to, console.color(), labels);
        this.console = console;
    }

    /** Labels `service@host` for the steps of a plan. */
    public static java.util.List<String> labels(Plan plan) {
        return plan.steps().stream().map(s -> PrefixedOutput.label(s.service(), s.host())).toList();
    }

    @Override
    public void line(String service, String host, String line) { sink(service, host).line(line, false); }

    @Override
    public void phase(String service, String host, PhaseResult phase) {}

    @Override
    public void finished(ServiceOutcome o) {
        LineSink s = sink(o.service(), o.host());
        s.line(DeployText.phaseLine(o, console), false);
        if (o.logTail() == null || o.logTail().isBlank()) return;
        s.line(console.dim("last log lines:"), false);
        for (String l : o.logTail().split("\n")) s.line("  " + l, false);
    }

    private LineSink sink(String service, String host) {
        return sinks.computeIfAbsent(PrefixedOutput.label(service, host), out::sink);
    }
}

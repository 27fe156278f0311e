package lib.server.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.cli.Console;
import lib.deploy.DeployListener;
import lib.deploy.DeployText;
import lib.deploy.HealRecord;
import lib.deploy.PhaseResult;
import lib.deploy.ServiceOutcome;
import lib.server.events.EventHub;

/**
 * A run's progress as live events, each naming the deploy id: `log` {service, host, line} for every line the CLI
 * prints as `[service@host] line` (a service's closing phase line and log tail included), `phase` {service, host,
 * phase, ok, status, duration_ms, detail} (preflight, sync, up, health, … and the healing loop's observe, diagnose,
 * solve), `problem` {service, host, fingerprint, severity, confidence, summary, evidence, hint}, `action` {service,
 * host, fingerprint, description, command, destructive, done} and `service` {service, host, result, error,
 * duration_ms} when a service is done.
 */
final class DeployEvents implements DeployListener {
    private final String deployId;
    private final EventHub events;
    private final Console plain;

    DeployEvents(String deployId, EventHub events, Console plain) {
        this.deployId = deployId;
        this.events = events;
        this.plain = plain;
    }

    @Override
    public void line(String service, String host, String line) {
        Map<String, Object> m = base(service, host);
        m.put("line", line);
        events.publish("log", m);
    }

    @Override
    public void phase(String service, String host, PhaseResult p) {
        Map<String, Object> m = base(service, host);
        m.put("phase", p.name());
        m.put("ok", p.ok());
        m.put("status", p.status().name().toLowerCase());
        m.put("duration_ms", p.durationMs());
        m.put("detail", p.detail());
        events.publish("phase", m);
    }

    @Override
    public void finished(ServiceOutcome o) {
        // The same closing lines the CLI prints under [service@host].
        line(o.service(), o.host(), DeployText.phaseLine(o, plain));
        if (o.logTail() != null && !o.logTail().isBlank()) {
            line(o.service(), o.host(), "last log lines:");
            for (String l : o.logTail().split("\n")) line(o.service(), o.host(), "  " + l);
        }
        Map<String, Object> m = base(o.service(), o.host());
        m.put("result", o.result().name().toLowerCase());
        m.put("error", o.error());
        m.put("duration_ms", o.durationMs());
        events.publish("service", m);
    }

    @Override
    public void problem(String service, String host, HealRecord.Found p) {
        Map<String, Object> m = base(service, host);
        m.put("fingerprint", p.fingerprint());
        m.put("severity", p.severity());
        m.put("confidence", p.confidence());
        m.put("summary", p.summary());
        m.put("evidence", p.evidence());
        m.put("hint", p.hint());
        events.publish("problem", m);
    }

    @Override
    public void action(String service, String host, String fingerprint, HealRecord.Step step) {
        Map<String, Object> m = base(service, host);
        m.put("fingerprint", fingerprint);
        m.put("description", step.description());
        m.put("command", step.command());
        m.put("destructive", step.destructive());
        m.put("done", step.done());
        events.publish("action", m);
    }

    private Map<String, Object> base(String service, String host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_id", deployId);
        m.put("service", service);
        m.put("host", host);
        return m;
    }
}

package lib.status;

import java.util.List;
import lib.registry.Host;
import lib.registry.Service;
import lib.deploy.local.LocalCommands;
import lib.deploy.local.LocalSpec;
import lib.util.Sh;

/**
 * Builds the one POSIX shell script that `status` runs per host: load, listening ports and, per service,
 * its process / containers / unit and command health check. Each fact is a line starting with `@@`.
 */
public final class ProbeScript {
    private ProbeScript() {}

    public static String build(Host host, List<Service> services) {
        StringBuilder sb = new StringBuilder(LocalCommands.IDENT);
        sb.append("echo \"@@load $( (cut -d' ' -f1-3 /proc/loadavg || sysctl -n vm.loadavg | tr -d '{}') 2>/dev/null)\"\n");
        sb.append("echo \"@@cpus $( (nproc || sysctl -n hw.ncpu) 2>/dev/null)\"\n");
        // Listening TCP ports as hex from /proc (Linux); BSD netstat addresses otherwise. Decoded in Java.
        sb.append("if [ -r /proc/net/tcp ]; then echo \"@@listen $(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null"
                + " | awk '$4==\"0A\"{split($2,a,\":\"); print a[2]}' | sort -u | tr '\\n' ' ')\";\n"
                + "else echo \"@@listen-bsd $(netstat -an -p tcp 2>/dev/null | awk '$6==\"LISTEN\"{print $4}' | tr '\\n' ' ')\"; fi\n");
        for (Service s : services) {
            switch (s.deploymentType()) {
                case LOCAL -> sb.append(localProcess(host, s));
                case DOCKER -> sb.append(containers(s));
                case NATIVE -> sb.append(nativeUnit(s));
            }
            if (s.healthcheck() != null && s.healthcheck().cmd() != null) sb.append(healthCommand(s));
        }
        return sb.toString();
    }

    /** The PID file a local service writes on its host (see ARCHITECTURE: `<path>/.portoser/run`). */
    public static String pidFile(Host host, Service s) {
        return host.path() + "/.portoser/run/" + s.name() + ".pid";
    }

    /** The unit name native services are installed under. */
    public static String unitName(Service s) {
        return "portoser-" + s.name();
    }

    /**
     * The same identity rule as the local runner (LocalCommands.IDENT): a zombie is gone, and a PID whose start
     * time differs from the one recorded at start belongs to another program now (reused), not to the service.
     */
    private static String localProcess(Host host, Service s) {
        String n = Sh.quote(s.name());
        String pid = pidFile(host, s);
        return "f=" + Sh.quote(pid) + "; m=" + Sh.quote(LocalSpec.metaFileFor(pid)) + "\n"
                + "if [ -f \"$f\" ]; then p=$(head -c 32 \"$f\" | tr -dc 0-9); now=$([ -n \"$p\" ] && ident \"$p\");"
                + " rec=$(sed -n 's/^start=//p' \"$m\" 2>/dev/null);"
                + " if [ -z \"$now\" ]; then echo \"@@proc " + n + " ${p:-0} dead\";"
                + " elif [ -n \"$rec\" ] && [ \"$rec\" != \"$now\" ]; then echo \"@@proc " + n + " $p reused\";"
                + " else echo \"@@proc " + n + " $p alive $(ps -p \"$p\" -o args= 2>/dev/null | head -c 300)\"; fi;"
                + " else echo \"@@proc " + n + " 0 nopid\"; fi\n";
    }

    private static String containers(Service s) {
        String n = Sh.quote(s.name());
        return "if command -v docker >/dev/null 2>&1; then"
                + " o=$(docker ps -a --filter label=com.docker.compose.project=" + n
                + " --format '{{.Names}}|{{.State}}|{{.Status}}' 2>&1);"
                + " if [ $? -eq 0 ]; then printf '%s\\n' \"$o\" | sed '/^$/d; s/^/@@ctr " + s.name() + " /'; echo \"@@ctrdone " + n + "\";"
                + " else echo \"@@ctrerr " + n + " $(printf '%s' \"$o\" | head -n 1)\"; fi;"
                + " else echo \"@@ctrerr " + n + " docker is not installed\"; fi\n";
    }

    private static String nativeUnit(Service s) {
        String n = Sh.quote(s.name());
        String unit = Sh.quote(unitName(s));
        return "if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then"
                + " echo \"@@unit " + n + " $(systemctl is-active " + unit + ".service 2>/dev/null)\";"
                + " elif command -v launchctl >/dev/null 2>&1; then"
                + " if launchctl list 2>/dev/null | grep -q " + unit + "; then echo \"@@unit " + n + " active\";"
                + " else echo \"@@unit " + n + " inactive\"; fi;"
                + " else echo \"@@unit " + n + " nomanager\"; fi\n";
    }

    private static String healthCommand(Service s) {
        String cmd = Sh.quote(s.healthcheck().cmd());
        return "if command -v timeout >/dev/null 2>&1; then timeout 10 sh -c " + cmd + " >/dev/null 2>&1;"
                + " else sh -c " + cmd + " >/dev/null 2>&1; fi; echo \"@@hc " + Sh.quote(s.name()) + " $?\"\n";
    }
}

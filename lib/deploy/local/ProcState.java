package lib.deploy.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the probe saw on the host for one local service: the PID file's PID, the process start time recorded
 * at launch and the one that PID has now, its command line, the log size and who listens on the service's
 * ports. {@link #status()} decides, purely, whether the PID file means our process.
 */
public record ProcState(Integer pid, String recorded, String now, String args, long logSize, Map<Integer, PortUse> ports) {
    public enum Status { NO_PID_FILE, RUNNING, STALE_GONE, STALE_REUSED, STALE_UNRECORDED }

    /** Listeners on one port: how many sockets, and the processes holding them when the host lets us see them. */
    public record PortUse(int port, int listeners, List<Holder> holders) {
        public PortUse {
            holders = List.copyOf(holders);
        }
    }

    public record Holder(int pid, int pgid, String args) {
        /** Our process or one of its children: the launch made it a process-group leader (setsid). */
        public boolean belongsTo(Integer servicePid) {
            return servicePid != null && (pid == servicePid || pgid == servicePid);
        }
    }

    public ProcState {
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }

    /**
     * Running only when the PID's process exists (not a zombie) and started when the launch recorded: the same
     * PID with another start time is a reused PID, i.e. a different program, and is never ours to kill.
     */
    public Status status() {
        if (pid == null) return Status.NO_PID_FILE;
        if (pid <= 0 || now == null || now.isEmpty()) return Status.STALE_GONE;
        if (recorded == null || recorded.isEmpty()) return Status.STALE_UNRECORDED;
        return recorded.equals(now) ? Status.RUNNING : Status.STALE_REUSED;
    }

    public boolean running() { return status() == Status.RUNNING; }

    public boolean stale() {
        Status s = status();
        return s != Status.NO_PID_FILE && s != Status.RUNNING;
    }

    /** One line for the user about a stale PID file; null when it is not stale. */
    public String staleReason() {
        return switch (status()) {
            case STALE_GONE -> pid <= 0 ? "stale PID file: it holds no PID" : "stale PID file: process " + pid + " is gone";
            case STALE_REUSED -> "stale PID file: PID " + pid + " now belongs to another program (" + shown(args)
                    + ", start time " + now + ", recorded " + recorded + ")";
            case STALE_UNRECORDED -> "stale PID file: PID " + pid + " (" + shown(args)
                    + ") has no start-time record beside it, so it cannot be proven to be this service";
            default -> null;
        };
    }

    private static String shown(String args) {
        return args == null || args.isBlank() ? "unknown command" : "`" + args.strip() + "`";
    }

    /** Parses the `@@` lines of {@link LocalCommands#probe}; unknown lines are ignored. */
    public static ProcState parse(String output) {
        Integer pid = null;
        String recorded = null, now = null, args = null;
        long logSize = 0;
        Map<Integer, Integer> counts = new TreeMap<>();
        Map<Integer, List<Holder>> holders = new TreeMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.split(" ", 2);
            String rest = w.length > 1 ? w[1].strip() : "";
            switch (w[0]) {
                case "@@pid" -> pid = rest.isEmpty() ? 0 : parseInt(rest); // 0: a PID file without a PID
                case "@@recorded" -> recorded = rest;
                case "@@now" -> now = rest;
                case "@@args" -> args = rest;
                case "@@logsize" -> logSize = parseLong(rest);
                case "@@listen" -> { String[] f = rest.split(" "); if (f.length == 2) counts.put(parseInt(f[0]), parseInt(f[1])); }
                case "@@holder" -> holder(rest, holders);
                default -> { }
            }
        }
        return new ProcState(pid, recorded, now, args, logSize, ports(counts, holders));
    }

    private static void holder(String rest, Map<Integer, List<Holder>> holders) {
        String[] f = rest.split(" ", 4);
        if (f.length < 3) return;
        holders.computeIfAbsent(parseInt(f[0]), k -> new ArrayList<>())
                .add(new Holder(parseInt(f[1]), parseInt(f[2]), f.length > 3 ? f[3] : ""));
    }

    private static Map<Integer, PortUse> ports(Map<Integer, Integer> counts, Map<Integer, List<Holder>> holders) {
        Map<Integer, PortUse> out = new TreeMap<>();
        counts.forEach((port, n) -> out.put(port, new PortUse(port, n, holders.getOrDefault(port, List.of()))));
        return out;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

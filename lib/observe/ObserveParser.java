package lib.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the `@@` lines of {@link ObserveScript} into observations. Pure. Every observation keeps the raw line(s)
 * it came from as {@code facts.line}, so a diagnosis can quote exactly what proved it.
 */
public final class ObserveParser {
    private static final Pattern EXIT = Pattern.compile("Exited \\((-?\\d+)\\)");

    private final ObserveTarget target;
    private final String ts;
    private final List<Observation> out = new ArrayList<>();
    private final Map<String, Map<String, Object>> disks = new LinkedHashMap<>();
    private final Map<String, Object> port = new LinkedHashMap<>();
    private final List<Map<String, Object>> holders = new ArrayList<>(), published = new ArrayList<>();
    private final List<String> portLines = new ArrayList<>();
    private String user = "";
    private Integer ownPid;
    private String dockerInit;

    private ObserveParser(ObserveTarget target, String ts) {
        this.target = target;
        this.ts = ts;
    }

    public static List<Observation> parse(ObserveTarget target, String output, String ts) {
        ObserveParser p = new ObserveParser(target, ts);
        for (String line : output.split("\n")) p.line(line.strip());
        return p.finish();
    }

    private void line(String line) {
        int sp = line.indexOf(' ');
        if (!line.startsWith("@@") || sp < 0) return;
        String rest = line.substring(sp + 1);
        String[] f = rest.split("\\|", -1);
        switch (line.substring(2, sp)) {
            case "user" -> user = rest.strip();
            case "df" -> disk(f[0]).putAll(DfLine.blocks(f.length > 1 ? f[1] : "", line));
            case "dfi" -> disk(f[0]).putAll(DfLine.inodes(f.length > 1 ? f[1] : "", line));
            case "mem" -> add("memory", Meminfo.facts(rest, line));
            case "pid" -> process(f, line);
            case "oom" -> oom(rest, line);
            case "listen" -> { port.put("port", intOr(f[0], 0)); port.put("listeners", intOr(at(f, 1), 0)); portLines.add(line); }
            case "holder" -> { holders.add(Map.of("pid", intOr(at(f, 1), 0), "pgid", intOr(at(f, 2), 0), "args", at(f, 3))); portLines.add(line); }
            case "pub" -> { published.add(Map.of("name", at(f, 1), "project", at(f, 2))); portLines.add(line); }
            case "dinit" -> dockerInit = rest.strip();
            case "daemon" -> daemon(f, line);
            case "ctr" -> container(f, line);
            case "perm" -> permission(f, line);
            default -> { }
        }
    }

    /** The daemon's state; a down one also says how it could be started: the configured command, the host's init. */
    private void daemon(String[] f, String line) {
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("state", f[0], "detail", at(f, 1), "line", line));
        if (dockerInit != null) facts.put("init", dockerInit);
        if (f[0].equals("down") && target.dockerStartCommand() != null) facts.put("start_command", target.dockerStartCommand());
        add("docker", facts);
    }

    private Map<String, Object> disk(String path) {
        return disks.computeIfAbsent(path, k -> new LinkedHashMap<>(Map.of("path", k)));
    }

    /** The PID file's process: none, dead, zombie, reused (another program now), unrecorded or alive. */
    private void process(String[] f, String line) {
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("line", line, "pid_file", target.pidFile()));
        if (f[0].equals("none")) {
            facts.put("state", "none");
        } else {
            int pid = intOr(f[0], 0);
            String now = at(f, 1), rec = at(f, 2), kstate = at(f, 3);
            String state = ProcessFacts.state(pid, now, rec, kstate);
            if (state.equals("alive") || state.equals("unrecorded")) ownPid = pid;
            facts.putAll(Map.of("pid", pid, "state", state, "now", now, "recorded", rec, "pgid", intOr(at(f, 4), 0), "args", at(f, 5)));
        }
        add("process", facts);
    }

    /** Only kernel OOM lines naming this service's process are about it; the others are other programs' trouble. */
    private void oom(String rest, String line) {
        boolean ours = rest.contains(target.service()) || (ownPid != null && rest.matches(".*\\b" + ownPid + "\\b.*"));
        if (ours) add("process", Map.of("event", "oom_killed", "message", rest, "line", line));
    }

    private void container(String[] f, String line) {
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("name", f[0], "state", at(f, 1), "status", at(f, 2), "line", line));
        Matcher m = EXIT.matcher(at(f, 2));
        if (m.find()) facts.put("exit_code", Integer.parseInt(m.group(1)));
        add("container", facts);
    }

    private void permission(String[] f, String line) {
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("what", f[0], "path", at(f, 1),
                "exists", "yes".equals(at(f, 2)), "user", user, "line", line));
        if (facts.get("exists").equals(true)) {
            facts.putAll(Map.of("readable", "yes".equals(at(f, 3)), "writable", "yes".equals(at(f, 4)),
                    "owner", at(f, 5), "mode", at(f, 6), "read_only_mount", "yes".equals(at(f, 7))));
        }
        add("permission", facts);
    }

    private List<Observation> finish() {
        for (Map<String, Object> d : disks.values()) add("disk", d);
        if (!port.isEmpty()) {
            port.put("holders", List.copyOf(holders));
            port.put("published", List.copyOf(published));
            if (ownPid != null) port.put("own_pid", ownPid);
            if (target.docker()) port.put("own_project", target.project());
            port.put("line", String.join("\n", portLines));
            add("port", port);
        }
        return List.copyOf(out);
    }

    private void add(String kind, Map<String, Object> facts) {
        out.add(new Observation(ts, target.host(), target.service(), kind, facts));
    }

    static String at(String[] f, int i) { return i < f.length ? f[i].strip() : ""; }

    static int intOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

package ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.util.Json;

/**
 * Runs tests/ui/ui.mjs (playwright-core driving Debian chromium) as a child process. Missing node, chromium or
 * tests/ui/node_modules skip the browser tests on a developer machine and FAIL them under CI=true, where a skip
 * would hide a broken set-up (tests/run installs all three).
 */
final class Browser {
    static final Path DIR = Path.of(System.getProperty("portoser.root", ".")).toAbsolutePath().normalize().resolve("tests/ui");
    static final Path SHOTS = DIR.resolve("screenshots");

    /** What one scenario printed and how it exited. */
    record Run(int exit, String output) {
        boolean passed(String step) { return output.lines().anyMatch(l -> l.startsWith("ok " + step)); }
    }

    private Browser() {}

    static Path chromium() {
        String env = System.getenv("CHROMIUM");
        return Path.of(env != null && !env.isBlank() ? env : "/usr/bin/chromium");
    }

    static Path node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "node");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Skips (locally) or fails (CI) naming what is missing and how to get it. */
    static void require() {
        List<String> missing = new ArrayList<>();
        if (node() == null) missing.add("node (apt-get install nodejs npm)");
        if (!Files.isExecutable(chromium())) missing.add(chromium() + " (apt-get install chromium)");
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) missing.add("tests/ui/node_modules (cd tests/ui && npm ci)");
        if (missing.isEmpty()) return;
        String why = "browser tests need " + String.join(", ", missing) + "; tests/run installs them";
        if (System.getenv("CI") != null) fail(why);
        assumeTrue(false, why);
    }

    /** Runs one scenario with its config (turned into JSON); its output goes to this test's stdout too. */
    static Run run(String scenario, Object config) throws IOException, InterruptedException {
        List<String> cmd = List.of(node().toString(), DIR.resolve("ui.mjs").toString(), scenario, Json.MAPPER.writeValueAsString(config));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium().toString());
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(l -> {
                    System.out.println("[ui " + scenario + "] " + l);
                    synchronized (out) { out.append(l).append('\n'); }
                });
            } catch (IOException e) {
                synchronized (out) { out.append("(output lost: ").append(e.getMessage()).append(")\n"); }
            }
        });
        reader.start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(10_000);
        synchronized (out) {
            return new Run(p.isAlive() ? -1 : p.exitValue(), out.toString());
        }
    }
}

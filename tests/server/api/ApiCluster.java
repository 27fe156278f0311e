package server.api;

import commands.Deploy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import server.support.WebFixture;
import support.CliRun;

/**
 * A registry written by hand (comments, blank lines, block style) whose services are `local` ones on this machine,
 * run by the real LocalRunner: `web` (busybox httpd with a URL health check, needs db), `db` (busybox httpd, TCP
 * check), `worker` (a sleep, needs db, never started) and `bad` (exits at once). {@link #deploy} runs the real
 * `portoser deploy` into the same $PORTOSER_HOME the server reads; {@link #web} starts the server on it.
 */
final class ApiCluster implements AutoCloseable {
    final Path dir;
    final Path registry;
    final Path home;
    final int webPort;
    final int dbPort;
    private WebFixture web;

    ApiCluster(Path dir) throws IOException {
        this.dir = dir;
        this.registry = dir.resolve("registry.yml");
        this.home = Files.createDirectories(dir.resolve("home"));
        this.webPort = freePort();
        this.dbPort = freePort();
        service("web", "start: busybox httpd -f -p " + webPort + " -h www\n");
        Files.createDirectories(dir.resolve("services/web/www"));
        Files.writeString(dir.resolve("services/web/www/health"), "ok\n");
        service("db", "start: busybox httpd -f -p " + dbPort + " -h .\n");
        service("worker", "start: exec sleep 600\n");
        service("bad", "start: \"echo 'bad: cannot open /etc/bad/config.toml' >&2; exit 3\"\n");
        Files.writeString(registry, text());
    }

    /** The registry as a person writes it: the comments and spacing edits must keep. */
    String text() {
        return """
                # Test cluster: everything runs on this machine.
                domain: internal

                hosts:
                  # the machine running the tests
                  here:
                    ip: 127.0.0.1
                    path: %s
                  spare:   # nothing on it yet
                    ip: 127.0.0.1
                    path: %s

                services:
                  # the front end
                  web:
                    current_host: here
                    deployment_type: local
                    service_file: services/web/service.yml
                    port: %d
                    healthcheck_url: http://{host}:%d/health
                    healthcheck_interval: 200ms
                    dependencies: [db]
                    tags: [frontend]

                  db:
                    current_host: here
                    deployment_type: local
                    service_file: services/db/service.yml
                    port: %d
                    healthcheck: {tcp: %d}
                    healthcheck_interval: 200ms

                  worker:
                    current_host: here
                    deployment_type: local
                    service_file: services/worker/service.yml
                    dependencies: [db]   # waits for the database

                  bad:
                    current_host: spare
                    deployment_type: local
                    service_file: services/bad/service.yml
                    healthcheck_retries: 2
                """.formatted(dir.resolve("srv"), dir.resolve("spare"), webPort, webPort, dbPort, dbPort);
    }

    private void service(String name, String yml) throws IOException {
        Path d = Files.createDirectories(dir.resolve("services").resolve(name));
        Files.writeString(d.resolve("service.yml"), yml + "working_dir: .\n");
    }

    /** `portoser deploy ARGS…` in-process against this registry and $PORTOSER_HOME. */
    CliRun.Outcome deploy(String... args) {
        return cli(new Deploy(), args);
    }

    /** Any command against this registry and home (reads $PORTOSER_HOME from -Dportoser.home, as in-process tests must). */
    CliRun.Outcome cli(Object command, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--registry";
        all[1] = registry.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        System.setProperty("portoser.home", home.toString());
        try {
            return CliRun.run(command, all);
        } finally {
            System.clearProperty("portoser.home");
        }
    }

    WebFixture web() throws IOException {
        if (web == null) web = WebFixture.start(registry, home, false);
        return web;
    }

    /** A JSON array of strings as a list. */
    static java.util.List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the server and kills every process the deploys started (whole process groups, by their PID files). */
    @Override
    public void close() throws IOException {
        if (web != null) web.close();
        for (String host : new String[] {"srv", "spare"}) {
            Path run = dir.resolve(host).resolve(".portoser/run");
            if (!Files.isDirectory(run)) continue;
            try (Stream<Path> s = Files.list(run)) {
                for (Path pid : s.filter(p -> p.toString().endsWith(".pid")).toList()) {
                    String p = Files.readString(pid).trim().split("\\s+")[0];
                    if (!p.matches("\\d+")) continue;
                    try {
                        new ProcessBuilder("kill", "-9", "--", "-" + p, p).start().waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}

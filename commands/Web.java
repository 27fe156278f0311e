///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.exec.ExecOptions;
import lib.server.Scope;
import lib.server.WebApp;
import lib.server.auth.TokenStore;
import lib.util.Json;
import lib.util.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser web`: the JSON API, the live event stream and the web UI; `web token …` manages API tokens. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Serve the JSON API (/api/), the live event stream (/api/events) and the web UI (/).",
                "Bound to 127.0.0.1 unless --bind says otherwise. Every change needs a token with the right scope;",
                "reads need a read token unless --public-read. Prints a login token valid while it runs."},
        subcommands = {Web.Token.class},
        footer = {"", "Examples:", "  portoser web", "  portoser web --port 9000 --static ./web-static",
                "  portoser web token create --scope deploy --name ci", "  portoser web --bind 0.0.0.0   (needs a token first)"})
public class Web implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: 127.0.0.1 (this machine only).")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0: any free one). Default: 8988.")
    int port = 8988;

    @Option(names = "--public-read", description = "Let anyone who can reach the server read (changes still need a token). Loopback only.")
    boolean publicRead;

    @Option(names = "--static", paramLabel = "DIR", description = "The web UI's files. Default: ./web-static, else web-static beside the registry.")
    Path staticDir;

    public static void main(String[] args) {
        Cli.exit(new Web(), args);
    }

    static Path home() { return ExecOptions.defaults().portoserHome(); }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new PortoserException(ExitCode.BAD_INPUT, "--port must be 0-65535, got " + port);
        Path home = home();
        refuseExposure(bind, publicRead, new TokenStore(home).anyLive());
        WebApp app;
        try {
            app = WebApp.start(new WebApp.Options(common.registryFile(), home, bind, port, publicRead, staticDir));
        } catch (java.net.BindException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot listen on " + bind + ":" + port + ": " + e.getMessage(),
                    "is another server on that port? pick one with --port");
        }
        Console c = common.console();
        TokenStore.Created login = app.tokens().createEphemeral("web-login", Scope.ADMIN);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            c.err().println("portoser web: stopping (in-flight requests may finish)");
            c.err().flush();
            app.close();
            c.err().println("portoser web: stopped");
            c.err().flush();
            stopped.countDown();
        }, "web-stop"));
        c.out().println("portoser web: serving " + app.url() + "  (registry " + common.registryFile().toAbsolutePath() + ")");
        c.out().println("login token (admin, valid until this server stops): " + login.token());
        c.out().println("a lasting token: portoser web token create --scope admin --name <you>");
        c.out().println("Ctrl-C stops the server.");
        c.out().flush();
        stopped.await();
        return ExitCode.OK;
    }

    /**
     * Beyond this machine, the server must not be open: refused (exit 2) unless a lasting token exists and reads
     * need one too. Pure apart from resolving the bind address.
     */
    public static void refuseExposure(String bind, boolean publicRead, boolean haveTokens) {
        if (loopback(bind)) return;
        if (publicRead)
            throw new PortoserException(ExitCode.BAD_INPUT, "refusing --public-read on " + bind + ": anyone on the network could read the registry, status and logs",
                    "drop --public-read, or keep the default --bind 127.0.0.1");
        if (!haveTokens)
            throw new PortoserException(ExitCode.BAD_INPUT, "refusing to listen on " + bind + " with no API token configured: the only login would be the one printed at start",
                    "create one first: portoser web token create --scope admin --name <you>");
    }

    static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new PortoserException(ExitCode.BAD_INPUT, "--bind: unknown address '" + bind + "'");
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens (stored hashed in $PORTOSER_HOME/web/tokens.json).",
            subcommands = {Create.class, ListCmd.class, Revoke.class})
    static class Token extends CommandGroup {
        @Mixin
        CommonOptions common;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once (only its hash is kept).",
            footer = {"", "Scopes: read (GET only), deploy (+ deploy/start/stop/restart/move/apply/rollback), admin (+ registry edits, audit).",
                    "Example:", "  portoser web token create --scope deploy --name ci"})
    static class Create implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "read, deploy or admin.")
        String scope;

        @Option(names = "--name", paramLabel = "NAME", description = "Who or what uses it (unique among live tokens). Default: token-<id>.")
        String name;

        @Option(names = "--json-output", description = "Print JSON (same as --json).")
        boolean jsonOutput;

        @Override
        public Integer call() {
            Scope s;
            try {
                s = Scope.parse(scope);
            } catch (IllegalArgumentException e) {
                throw new PortoserException(ExitCode.BAD_INPUT, "--scope: " + e.getMessage());
            }
            TokenStore.Created t = new TokenStore(home()).create(name, s);
            Console c = common.console();
            if (common.json() || jsonOutput) {
                c.out().println(Json.pretty(Map.of("id", t.id(), "name", t.name(), "scope", t.scope().wire(), "token", t.token())));
            } else {
                c.ok("created token '" + t.name() + "' (id " + t.id() + ", scope " + t.scope().wire() + ")");
                c.out().println(t.token());
                c.hint("it is shown only this once; send it as 'Authorization: Bearer <token>' or log in with it in the web UI");
            }
            c.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every token: id, name, scope, created, revoked. Never the secret.")
    static class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--json-output", description = "Print JSON (same as --json).")
        boolean jsonOutput;

        @Override
        public Integer call() {
            List<TokenStore.Info> all = new TokenStore(home()).list();
            Console c = common.console();
            if (common.json() || jsonOutput) {
                c.out().println(Json.pretty(Map.of("tokens", all.stream().map(Web::json).toList())));
            } else if (all.isEmpty()) {
                c.out().println("no tokens; create one: portoser web token create --scope admin --name <you>");
            } else {
                Table t = new Table("ID", "NAME", "SCOPE", "CREATED", "REVOKED");
                for (TokenStore.Info i : all) t.row(i.id(), i.name(), i.scope().wire(), i.created(), i.revoked() == null ? "-" : i.revoked());
                c.out().print(t.render());
            }
            c.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id or name: it and its browser sessions stop working at once.",
            footer = {"", "Example:", "  portoser web token revoke ci"})
    static class Revoke implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ID|NAME", description = "The token's id or name (see 'web token list').")
        String which;

        @Override
        public Integer call() {
            TokenStore.Info t = new TokenStore(home()).revoke(which);
            Console c = common.console();
            if (common.json()) c.out().println(Json.pretty(json(t)));
            else c.ok("revoked token '" + t.name() + "' (id " + t.id() + ")");
            c.out().flush();
            return ExitCode.OK;
        }
    }

    static Map<String, Object> json(TokenStore.Info i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("name", i.name());
        m.put("scope", i.scope().wire());
        m.put("created", i.created());
        m.put("revoked", i.revoked());
        return m;
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.util.List;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.RunOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.Confirm;
import lib.deploy.DeployOptions;
import lib.deploy.Healing;
import lib.deploy.Plan;
import lib.deploy.Planner;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser deploy`: plan, preflight, then deploy wave by wave. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy services to their hosts: sync the service folder, bring it up, wait until healthy.",
                "Services run in dependency waves; a wave's services deploy in parallel across hosts.",
                "Every target is preflighted first: any problem and nothing is changed.",
                "A failure never stops independent services; its dependents are skipped.",
                "A failed step goes through the self-healing loop: observe, diagnose, fix what is safe, retry (at most 3",
                "fixes per run; a fix that keeps failing trips a circuit breaker). --no-auto-heal only diagnoses."},
        footer = {"", "Examples:", "  portoser deploy web api", "  portoser deploy nuc web", "  portoser deploy --tag frontend --dry-run",
                "  portoser deploy --all --json-output > report.json"})
public class Deploy implements Callable<Integer>, Audited {
    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @Parameters(arity = "0..*", paramLabel = "[HOST] SERVICE", description = "Services to deploy; a leading host name keeps to that host.")
    List<String> words = List.of();

    @Option(names = "--all", description = "Every service in the registry (on HOST, if given).")
    boolean all;

    @Option(names = "--tag", paramLabel = "TAG", description = "Every service with this tag (on HOST, if given).")
    String tag;

    @Option(names = "--dry-run", description = "Print the plan (with --json: as JSON) and change nothing.")
    boolean dryRun;

    @Option(names = "--no-auto-heal", description = {"When a step fails, show the raw failure and the diagnosis, and fix nothing",
            "(by default the self-healing loop observes, diagnoses, applies safe fixes and retries)."})
    boolean noAutoHeal;

    @Option(names = {"-y", "--yes"}, description = {"Answer yes to questions (deploying --all or --tag on a terminal asks first),",
            "and allow destructive fixes of the self-healing loop (e.g. killing an unrelated process holding the port)."})
    boolean yes;

    public static void main(String[] args) {
        Cli.exit(new Deploy(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        Plan plan = Planner.plan(registry, Planner.parse(registry, words, all, tag));
        Console c = common.console();
        if (dryRun) return printPlan(c, plan);
        if (!confirmed(plan)) {
            c.error("not deployed");
            return ExitCode.FAILED;
        }
        run.healing = Healing.Settings.of(noAutoHeal, yes, Confirm.interactive() ? Confirm::ask : q -> false);
        return run.execute(registry, plan, DeployOptions.Action.DEPLOY, "deploy", c);
    }

    private int printPlan(Console c, Plan plan) {
        c.out().print(common.json() || run.jsonOutput ? Json.pretty(plan.json()) + "\n" : plan.text());
        c.out().flush();
        return ExitCode.OK;
    }

    /** A whole-registry or whole-tag deploy on a terminal asks first; names typed out are intent enough. */
    private boolean confirmed(Plan plan) {
        if (yes || !(all || tag != null) || !Confirm.interactive()) return true;
        return Confirm.ask("Deploy " + plan.steps().size() + " services (" + plan.selection() + ")?");
    }
}

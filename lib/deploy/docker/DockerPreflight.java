package lib.deploy.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.ServiceDirs;
import lib.exec.ExecException;
import lib.exec.Result;

/**
 * The docker preflight of one target: the compose file here, then one remote probe (docker CLI, daemon,
 * compose flavour, bind-mount sources outside the service dir, who holds the port). Reads only; changes nothing.
 */
final class DockerPreflight {
    private DockerPreflight() {}

    static List<PreflightProblem> run(DeployTarget t) {
        List<PreflightProblem> out = new ArrayList<>();
        List<String> binds = bindSources(t, out);
        Integer port = t.service().port();
        String script = String.join("\n", DockerCommands.daemonProbe(), DockerCommands.flavourProbe(),
                DockerCommands.bindProbe(binds), port == null ? "" : DockerCommands.portProbe(port));
        Result r;
        try {
            r = t.executor().run(t.host(), script);
        } catch (ExecException e) {
            out.add(problem(t, "ssh", e.getMessage(), e.hint()));
            return out;
        }
        ComposeFlavor.detect(r.stdout()).ifPresent(f -> ComposeFlavors.remember(t.host(), f));
        String project = DockerCommands.project(t.service().name());
        out.addAll(new PreflightCheck(t.service().name(), t.host().name(), project, port, binds).problems(r.stdout()));
        return out;
    }

    /** Bind sources outside the service dir, from the local compose file; a missing or broken file is a problem. */
    private static List<String> bindSources(DeployTarget t, List<PreflightProblem> out) {
        if (t.service().dockerCompose() == null) {
            out.add(problem(t, "compose_file", "no docker_compose file is set", "add docker_compose: <dir>/compose.yml to the service"));
            return List.of();
        }
        Path file = ServiceDirs.localFile(t.registry(), t.service());
        try {
            return BindMounts.outside(BindMounts.parse(Files.readString(file)), t.remoteDir());
        } catch (IOException e) {
            out.add(problem(t, "compose_file", "compose file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
                    "create it, or fix docker_compose in the registry"));
        } catch (IllegalArgumentException e) {
            out.add(problem(t, "compose_file", "compose file " + file + " is not valid YAML: " + e.getMessage(), "fix the file"));
        }
        return List.of();
    }

    private static PreflightProblem problem(DeployTarget t, String check, String message, String hint) {
        return new PreflightProblem(t.service().name(), t.host().name(), check, message, hint);
    }
}

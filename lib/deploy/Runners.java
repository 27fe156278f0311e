package lib.deploy;

import lib.deploy.docker.DockerRunner;
import lib.deploy.local.LocalRunner;
import lib.registry.DeploymentType;

/** The runner for each deployment type. A new instance per call: runners cache per-host facts for one run. */
public final class Runners {
    private Runners() {}

    public static Runner forType(DeploymentType type) {
        return switch (type) {
            case DOCKER -> new DockerRunner();
            case LOCAL -> new LocalRunner();
            case NATIVE -> notYet(type);
        };
    }

    // Placeholder until the runner classes are committed; replaced by `new XRunner()`.
    private static Runner notYet(DeploymentType type) {
        throw new DeployException("the " + type.yamlName() + " runner is not available in this build", null);
    }
}

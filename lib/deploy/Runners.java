package lib.deploy;

import lib.deploy.docker.DockerRunner;
import lib.deploy.local.LocalRunner;
import lib.deploy.unit.NativeRunner;
import lib.registry.DeploymentType;

/** The runner for each deployment type. A new instance per call: runners cache per-host facts for one run. */
public final class Runners {
    private Runners() {}

    public static Runner forType(DeploymentType type) {
        return switch (type) {
            case DOCKER -> new DockerRunner();
            case LOCAL -> new LocalRunner();
            case NATIVE -> new NativeRunner();
        };
    }

}

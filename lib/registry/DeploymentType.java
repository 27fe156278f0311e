package lib.registry;

/** How a service runs on its host. */
public enum DeploymentType {
    DOCKER, LOCAL, NATIVE;

    public String yamlName() { return name().toLowerCase(); }
}

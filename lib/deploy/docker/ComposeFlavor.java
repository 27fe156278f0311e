package lib.deploy.docker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which compose a host has: the v2 plugin ({@code docker compose}) or the standalone binary
 * ({@code docker-compose}, v1 or a v2 build). {@link #detect} is pure: it reads the first lines of both
 * {@code version} commands, as printed by {@link DockerCommands#flavourProbe()}.
 */
public record ComposeFlavor(String command, String version) {
    public static final String PLUGIN = "docker compose", STANDALONE = "docker-compose";

    // "Docker Compose version v2.27.0" (plugin or standalone v2), "docker-compose version 1.29.2, build unknown" (v1).
    private static final Pattern VERSION = Pattern.compile("(?i)^\\s*docker[- ]compose version:? v?([0-9][^,\\s]*)");

    /** The plugin when it answers (it is what Docker ships now), else the standalone binary, else none. */
    public static Optional<ComposeFlavor> detect(String pluginVersionLine, String standaloneVersionLine) {
        Optional<String> plugin = version(pluginVersionLine);
        if (plugin.isPresent()) return Optional.of(new ComposeFlavor(PLUGIN, plugin.get()));
        return version(standaloneVersionLine).map(v -> new ComposeFlavor(STANDALONE, v));
    }

    /** From the probe's output: the lines {@code @@v2 …} and {@code @@v1 …}. */
    public static Optional<ComposeFlavor> detect(String probeOutput) {
        return detect(ProbeLines.value(probeOutput, "v2"), ProbeLines.value(probeOutput, "v1"));
    }

    static Optional<String> version(String line) {
        if (line == null) return Optional.empty();
        Matcher m = VERSION.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean plugin() { return PLUGIN.equals(command); }

    @Override
    public String toString() { return command + " " + version; }
}

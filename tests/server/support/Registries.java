package server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small valid registries for server tests that need one but deploy nothing. */
public final class Registries {
    private Registries() {}

    /** One local host and one local service "hello" under {@code dir}; returns the registry file. */
    public static Path minimal(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("services/hello"));
        Files.writeString(dir.resolve("services/hello/service.yml"), "start: exec sleep 600\n");
        Path file = dir.resolve("registry.yml");
        Files.writeString(file, """
                hosts:
                  local:
                    ip: 127.0.0.1
                    path: %s
                services:
                  hello:
                    current_host: local
                    deployment_type: local
                    service_file: services/hello/service.yml
                    port: 18787
                """.formatted(dir.resolve("host")));
        return file;
    }
}

package lib.deploy;

import java.util.Map;

/** What `up` brought up: for docker, container name → image id (sha256:…); empty for local and native. */
public record UpResult(Map<String, String> images, String detail) {
    public UpResult {
        images = images == null ? Map.of() : Map.copyOf(images);
    }
}

package lib.deploy.state;

import java.util.Map;
import java.util.TreeMap;

/** Where one service was last deployed: its host, the image ids that came up (docker), when, and by which deploy. */
public record Deployed(String host, Map<String, String> images, String deployedAt, String deployId) {
    public Deployed {
        images = images == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(images));
    }

    public static Deployed on(String host) { return new Deployed(host, Map.of(), null, null); }
}

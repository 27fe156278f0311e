package deploy.unit;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.deploy.unit.UnitSpec;

/** Specs the renderer tests share: a plain one and one whose commands and values need every kind of escaping. */
final class Units {
    private Units() {}

    static UnitSpec plain(String dir) {
        return new UnitSpec("portoser-web", "web", dir + "/web", null, Map.of(), "busybox httpd -f -p 8080", null, null,
                dir + "/.portoser/logs/web.log", null);
    }

    static final String NASTY = "./server --port 8080 && echo \"$HOME\" '100%' \\ done <&>";

    static UnitSpec nasty(String dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "say \"hi\" 100% $HOME <&>");
        env.put("EMPTY", "");
        return new UnitSpec("portoser-api", "api", dir + "/api/app", dir + "/api/.env", env, NASTY, "./server --stop",
                "kill -HUP $(cat app.pid)", dir + "/.portoser/logs/api.log", null);
    }
}

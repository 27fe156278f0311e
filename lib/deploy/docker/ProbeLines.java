package lib.deploy.docker;

import java.util.ArrayList;
import java.util.List;

/** Reads the `@@key value` lines the docker probes print (one fact per line, like lib/status's probe). */
final class ProbeLines {
    private ProbeLines() {}

    /** The value of the first `@@key` line, or null when there is none. */
    static String value(String output, String key) {
        List<String> all = values(output, key);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The values of every `@@key` line, in order (the rest of the line after one space, trailing blanks cut). */
    static List<String> values(String output, String key) {
        List<String> out = new ArrayList<>();
        if (output == null) return out;
        String tag = "@@" + key;
        for (String line : output.split("\n")) {
            if (line.equals(tag)) out.add("");
            else if (line.startsWith(tag + " ")) out.add(line.substring(tag.length() + 1).stripTrailing());
        }
        return out;
    }
}

package lib.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.util.Json;

/**
 * `$PORTOSER_HOME/observations/<id>.jsonl`: one JSON object per line, appended, so a deploy's observations from
 * several attempts accumulate in one file and a crash mid-run leaves every earlier line readable.
 */
public final class ObservationLog {
    private final Path dir;

    public ObservationLog(Path portoserHome) {
        this.dir = portoserHome.resolve("observations");
    }

    public Path file(String id) { return dir.resolve(id + ".jsonl"); }

    public Path append(String id, List<Observation> observations) {
        StringBuilder sb = new StringBuilder();
        for (Observation o : observations) sb.append(line(o)).append('\n');
        try {
            Files.createDirectories(dir);
            return Files.writeString(file(id), sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(id) + ": " + e.getMessage(), e);
        }
    }

    public List<Observation> read(String id) {
        try {
            return parse(Files.readString(file(id), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(id) + ": " + e.getMessage(), e);
        }
    }

    public static String line(Observation o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render observation: " + e.getMessage(), e);
        }
    }

    /** JSONL text (blank lines ignored) back into observations: for fixtures and for reading a past run. */
    public static List<Observation> parse(String jsonl) {
        List<Observation> out = new ArrayList<>();
        for (String l : jsonl.split("\n")) {
            if (l.isBlank()) continue;
            try {
                Map<String, Object> m = Json.MAPPER.readValue(l, new TypeReference<Map<String, Object>>() {});
                @SuppressWarnings("unchecked") Map<String, Object> facts = (Map<String, Object>) m.get("facts");
                out.add(new Observation(str(m.get("ts")), str(m.get("host")), str(m.get("service")), str(m.get("kind")), facts));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not an observation line: " + l + " (" + e.getOriginalMessage() + ")", e);
            }
        }
        return out;
    }

    private static String str(Object o) { return o == null ? null : o.toString(); }
}

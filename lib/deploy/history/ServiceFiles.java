package lib.deploy.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition files of one service folder worth keeping in a history record, so a rollback can redeploy
 * exactly what ran: the compose file / service file itself, and `.env` beside it (compose substitutes
 * `${TAG}`-style variables from it, so it can carry the image tag). Nothing else: data, web roots and
 * build contexts can be big, and records must stay small. A file over {@link #MAX_BYTES} or not UTF-8 text
 * is left out (a rollback then uses the folder's current copy and says so).
 */
public final class ServiceFiles {
    public static final int MAX_BYTES = 64 * 1024;
    /** Beside the main file; recorded when present. Absent here means absent when deployed. */
    public static final List<String> EXTRAS = List.of(".env");

    private ServiceFiles() {}

    /** File name → text for the main file and each extra present in its folder; unreadable files are skipped. */
    public static Map<String, String> capture(Path mainFile) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, mainFile);
        Path dir = mainFile.getParent();
        if (dir != null) for (String extra : EXTRAS) put(out, dir.resolve(extra));
        return out;
    }

    private static void put(Map<String, String> out, Path file) {
        String text = read(file);
        if (text != null) out.put(file.getFileName().toString(), text);
    }

    /** The file's text, or null when missing, too big, not text or unreadable. */
    public static String read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) return null;
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            return null; // includes bytes that are not UTF-8: not a definition file we can replay
        }
    }
}

package lib.deploy;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Deploy ids: `deploy-YYYYMMDD-HHMMSS-xxxx`, sortable by time, 4 random hex digits against same-second runs. */
public final class DeployIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeployIds() {}

    public static String next() { return of(LocalDateTime.now(), RANDOM.nextInt(0x10000)); }

    static String of(LocalDateTime when, int random) {
        return "deploy-" + STAMP.format(when) + "-" + String.format("%04x", random & 0xffff);
    }
}

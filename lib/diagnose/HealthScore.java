package lib.diagnose;

import java.util.List;

/**
 * Health score: 100 minus a penalty per problem by severity — CRITICAL 40, HIGH 25, MEDIUM 10, LOW 5 — never
 * below 0. Unmatched problems are MEDIUM: something looks wrong, but nothing says how bad. So one CRITICAL
 * problem (host unreachable, daemon down, disk full) leaves 60, and three HIGH ones leave 25.
 */
public final class HealthScore {
    private HealthScore() {}

    public static int penalty(Problem.Severity s) {
        return switch (s) {
            case CRITICAL -> 40;
            case HIGH -> 25;
            case MEDIUM -> 10;
            case LOW -> 5;
        };
    }

    public static int of(List<Problem> problems) {
        int score = 100;
        for (Problem p : problems) score -= penalty(p.severity());
        return Math.max(0, score);
    }
}

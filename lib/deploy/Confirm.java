package lib.deploy;

import java.io.Console;

/** Yes/no questions, only where a person can answer: without a terminal the answer is "no question possible". */
public final class Confirm {
    private Confirm() {}

    public static boolean interactive() { return System.console() != null; }

    /** Asks on the terminal; anything but y/yes is no. Callers check {@link #interactive()} first. */
    public static boolean ask(String question) {
        Console term = System.console();
        if (term == null) return false;
        String answer = term.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}

package lib.registry;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands `${VAR}` and `${VAR:-default}`; `$$` stands for a literal `$`. */
public final class EnvExpander {
    private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** Thrown for a variable that is unset and has no default. */
    public static final class Unset extends Exception {
        public final String variable;

        Unset(String variable) {
            super("environment variable " + variable + " is not set");
            this.variable = variable;
        }
    }

    private EnvExpander() {}

    public static String expand(String text, Map<String, String> env) throws Unset {
        if (text == null || text.indexOf('$') < 0) return text;
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) replacement = "$";
            else {
                String value = env.get(m.group(1));
                if (value == null || (value.isEmpty() && m.group(2) != null)) {
                    if (m.group(2) == null) throw new Unset(m.group(1));
                    value = m.group(2);
                }
                replacement = value;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

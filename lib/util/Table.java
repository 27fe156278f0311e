package lib.util;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A plain text table with aligned columns; cells may carry ANSI colour codes. */
public final class Table {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c == null ? "-" : c.toString());
        rows.add(r);
        return this;
    }

    public boolean isEmpty() { return rows.isEmpty(); }

    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length && i < r.size(); i++) width[i] = Math.max(width[i], visible(r.get(i)));
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        for (List<String> r : rows) line(sb, r, width);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            l.append(c);
            if (i < width.length - 1) l.append(" ".repeat(width[i] - visible(c) + 2));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static int visible(String s) {
        return ANSI.matcher(s).replaceAll("").codePointCount(0, ANSI.matcher(s).replaceAll("").length());
    }
}

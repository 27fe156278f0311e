package lib.util;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWriterTest {
    @Test
    void handsOverWholeLinesWithoutTheirEndingsAndTheLastPartialOneOnClose() {
        List<String> lines = new ArrayList<>();
        try (PrintWriter w = new PrintWriter(new LineWriter(lines::add))) {
            w.print("one\r\ntw");
            w.print("o\n\nthr");
            w.flush();
            assertEquals(List.of("one", "two", ""), lines, "a line is handed over only once it ends");
            w.print("ee");
        }
        assertEquals(List.of("one", "two", "", "three"), lines);
    }
}

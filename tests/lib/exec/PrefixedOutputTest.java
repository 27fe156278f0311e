package lib.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixedOutputTest {
    @Test
    void labelIsServiceAtHostOrJustHost() {
        assertEquals("web@nuc", PrefixedOutput.label("web", "nuc"));
        assertEquals("nuc", PrefixedOutput.label(null, "nuc"));
    }

    @Test
    void plainFormatPadsLabelsToOneColumn() {
        assertEquals("[h1]     up", PrefixedOutput.format("h1", 6, "up", 0, false));
        assertEquals("[web@h1] up", PrefixedOutput.format("web@h1", 6, "up", 0, false));
    }

    @Test
    void colourWrapsOnlyTheTagAndDiffersPerTarget() {
        String a = PrefixedOutput.format("h1", 2, "x", 0, true), b = PrefixedOutput.format("h2", 2, "x", 1, true);
        assertTrue(a.startsWith("\u001b[") && a.endsWith("[h1]\u001b[0m x"), a);
        assertNotEquals(a.substring(0, 5), b.substring(0, 5));
    }

    @Test
    void sinksWriteStdoutAndStderrLinesToTheirStreams() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrefixedOutput p = new PrefixedOutput(new PrintWriter(out), new PrintWriter(err), false, List.of("h1", "web@h2"));
        p.sink("h1").line("hello", false);
        p.sink("web@h2").line("oops", true);
        assertEquals("[h1]     hello" + System.lineSeparator(), out.toString());
        assertEquals("[web@h2] oops" + System.lineSeparator(), err.toString());
    }
}

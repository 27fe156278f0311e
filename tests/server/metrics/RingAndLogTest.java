package server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.server.metrics.HostReading;
import lib.server.metrics.JsonlLog;
import lib.server.metrics.MetricsHistory;
import lib.server.metrics.Ring;
import lib.server.metrics.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ring and the file stay bounded, and a new history restores what the files hold. */
class RingAndLogTest {
    @TempDir
    Path dir;

    static Sample sample(String host, long ts) {
        return Sample.of(host, ts, 1, HostReading.parse(MetricsParsingTest.FIRST), null);
    }

    @Test
    void theRingKeepsTheNewestItems() {
        Ring<Integer> r = new Ring<>(3);
        for (int i = 1; i <= 7; i++) r.add(i);
        assertEquals(List.of(5, 6, 7), r.all());
        assertEquals(7, r.last());
        assertEquals(5, r.first());
        assertEquals(List.of(6, 7), r.where(i -> i > 5));
        assertThrows(IllegalArgumentException.class, () -> new Ring<>(0));
    }

    @Test
    void theFileNeverHoldsMoreThanTwiceKeepLines() throws Exception {
        JsonlLog log = new JsonlLog(dir.resolve("a.jsonl"), 5);
        for (int i = 1; i <= 23; i++) {
            log.append(sample("a", i));
            long onDisk = Files.readAllLines(log.file()).size();
            assertTrue(onDisk <= 10, "after " + i + " appends the file has " + onDisk + " lines");
            assertEquals(onDisk, log.lines());
        }
        List<String> tail = log.tail();
        assertEquals(5, tail.size());
        assertTrue(tail.get(4).contains("\"ts\":23"), tail.get(4));
        assertTrue(tail.get(0).contains("\"ts\":19"), tail.get(0));
    }

    @Test
    void historyIsBoundedInMemoryAndOnDiskAndRestoredAtStart() throws Exception {
        MetricsHistory h = MetricsHistory.open(dir, 4);
        for (int i = 1; i <= 9; i++) {
            h.add(sample("h1", i * 1000L));
            h.add(Sample.unreachable("h2", i * 1000L, "connection refused"));
        }
        assertEquals(4, h.series("h1", 0).size());
        assertEquals(9000, h.latest("h1").ts());
        assertEquals(List.of(8000L, 9000L), h.series("h1", 7000).stream().map(Sample::ts).toList(), "since is exclusive");
        assertTrue(Files.readAllLines(dir.resolve("h1.jsonl")).size() <= 8);

        MetricsHistory again = MetricsHistory.open(dir, 4);
        assertEquals(h.series("h1", 0), again.series("h1", 0), "every kept field read back as written");
        assertEquals(h.series("h2", 0), again.series("h2", 0));
        assertFalse(again.latest("h2").reachable());
        assertEquals("connection refused", again.latest("h2").error());
        again.add(sample("h1", 10_000));
        assertEquals(List.of(7000L, 8000L, 9000L, 10_000L), again.series("h1", 0).stream().map(Sample::ts).toList());
    }

    @Test
    void aLineTornByACrashAndForeignLinesAreSkipped() throws Exception {
        MetricsHistory h = MetricsHistory.open(dir, 10);
        h.add(sample("h1", 1000));
        h.add(sample("h1", 2000));
        Files.writeString(dir.resolve("h1.jsonl"), "not json\n" + Files.readString(dir.resolve("h1.jsonl")) + "{\"host\":\"h1\",\"ts\":30", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        MetricsHistory again = MetricsHistory.open(dir, 10);
        assertEquals(List.of(1000L, 2000L), again.series("h1", 0).stream().map(Sample::ts).toList());
        again.add(sample("h1", 3000));
        assertEquals(List.of(1000L, 2000L, 3000L), MetricsHistory.open(dir, 10).series("h1", 0).stream().map(Sample::ts).toList(),
                "the torn line was cut off, so the next append starts a line of its own");
    }

    @Test
    void hostNamesNeverEscapeTheFolder() throws Exception {
        assertEquals("nuc-1.jsonl", JsonlLog.fileName("nuc-1", ".jsonl"));
        assertEquals("x-2e2e2f6574632f706173737764.jsonl", JsonlLog.fileName("../etc/passwd", ".jsonl"));
        assertFalse(JsonlLog.fileName("..", ".jsonl").startsWith("."));
        MetricsHistory h = MetricsHistory.open(dir.resolve("m"), 3);
        h.add(sample("../evil", 1));
        assertFalse(Files.exists(dir.resolve("evil.jsonl")));
        assertEquals(1, MetricsHistory.open(dir.resolve("m"), 3).series("../evil", 0).size());
    }
}

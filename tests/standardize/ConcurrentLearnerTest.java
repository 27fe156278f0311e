package standardize;

import static knowledge.Fixtures.fixed;
import static knowledge.Fixtures.problem;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.knowledge.Playbook;
import lib.standardize.Learner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records from many threads, and from two JVMs at once, all land: no lost line, count or event. */
class ConcurrentLearnerTest {
    static final int PER_WRITER = 25;

    @TempDir
    Path home;

    @Test
    void eightThreadsLoseNothing() throws Exception {
        KnowledgeDir dir = new KnowledgeDir(home.resolve("knowledge"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String host = "h" + t;
            done.add(pool.submit(() -> writeMany(new Learner(dir, java.time.Clock.systemUTC()), host, PER_WRITER)));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        assertAllLanded(dir, 8 * PER_WRITER, 8);
    }

    @Test
    void twoProcessesLoseNothing() throws Exception {
        KnowledgeDir dir = new KnowledgeDir(home.resolve("knowledge"));
        List<Process> ps = new ArrayList<>();
        for (String host : List.of("p1", "p2")) ps.add(new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                RecordingWriter.class.getName(), dir.root().toString(), host, String.valueOf(PER_WRITER)).inheritIO().start());
        for (Process p : ps) assertEquals(0, p.waitFor());
        assertAllLanded(dir, 2 * PER_WRITER, 2);
    }

    static void writeMany(Learner l, String host, int n) {
        for (int i = 0; i < n; i++) l.record(problem("port_conflict", "web", host), fixed("stop holder"), "d-" + host + "-" + i);
    }

    static void assertAllLanded(KnowledgeDir dir, int total, int hosts) throws Exception {
        assertEquals(total, Files.readAllLines(dir.frequency()).size());
        try (Stream<Path> s = Files.list(dir.history())) {
            assertEquals(total, s.filter(p -> p.toString().endsWith(".json")).count());
        }
        Playbook pb = KnowledgeBase.load(dir).playbook("port_conflict").orElseThrow();
        assertEquals(total, pb.resolvedCount());
        assertEquals(hosts, pb.entries().size());
        pb.entries().forEach(e -> assertEquals(total / hosts, e.steps().get(0).successes(), e.host()));
    }

    static String javaBin() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }
}

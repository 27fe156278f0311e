package standardize;

import java.nio.file.Path;
import lib.knowledge.KnowledgeDir;
import lib.standardize.Learner;

/** A separate JVM for ConcurrentLearnerTest: records N problems for one host into the given knowledge dir. */
public final class RecordingWriter {
    private RecordingWriter() {}

    public static void main(String[] args) {
        Learner l = new Learner(new KnowledgeDir(Path.of(args[0])), java.time.Clock.systemUTC());
        ConcurrentLearnerTest.writeMany(l, args[1], Integer.parseInt(args[2]));
    }
}

package lib.solve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import lib.exec.ExecOptions;

/**
 * Finds `patterns/<fingerprint>.java` by file name at run time, compiles new or changed files in-process and loads
 * `patterns.<fingerprint>` as a {@link Pattern}: dropping a file in is the whole installation. Compiled classes are
 * cached by a hash of the source, so an unchanged file is never recompiled and an edited one always is. A file that
 * does not compile is reported (javac's file:line) and left out; the others still load.
 */
public final class PatternLoader {
    /** The patterns that loaded, by fingerprint, and one message per file that did not. */
    public record Loaded(Map<String, Pattern> patterns, List<String> errors) {
        public Loaded {
            patterns = Map.copyOf(patterns);
            errors = List.copyOf(errors);
        }
    }

    private final Path dir;
    private final Path cache;

    public PatternLoader(Path patternsDir, Path cacheDir) {
        this.dir = patternsDir.toAbsolutePath().normalize();
        this.cache = cacheDir.toAbsolutePath().normalize();
    }

    /** `patterns/` beside the project root (-Dportoser.root, else the working directory), cache under $PORTOSER_HOME. */
    public PatternLoader(Path patternsDir) {
        this(patternsDir, ExecOptions.defaults().portoserHome().resolve("cache/patterns"));
    }

    public static PatternLoader defaults() {
        return new PatternLoader(Path.of(System.getProperty("portoser.root", ".")).resolve("patterns"));
    }

    public Path dir() { return dir; }

    /** Compiles what changed and loads every pattern file; never throws for a bad file. */
    public Loaded load() {
        Map<String, Pattern> loaded = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        List<Path> files = files(errors);
        if (!files.isEmpty() && !PatternCompiler.available()) return new Loaded(loaded, List.of(PatternCompiler.NO_COMPILER));
        for (Path f : files) {
            String name = fingerprint(f);
            try {
                Pattern p = loadOne(f, name, errors);
                if (p != null) loaded.put(name, p);
            } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
                errors.add(f + ": cannot load pattern " + name + ": " + e);
            }
        }
        return new Loaded(loaded, errors);
    }

    private List<Path> files(List<String> errors) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (SourceVersion.isName(fingerprint(f))) out.add(f);
                else errors.add(f + ": not a pattern: the file name must be a Java identifier (the fingerprint)");
            }
            return out;
        } catch (IOException e) {
            errors.add(dir + ": cannot list patterns: " + e.getMessage());
            return List.of();
        }
    }

    static String fingerprint(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".java".length());
    }

    private Pattern loadOne(Path file, String name, List<String> errors) throws IOException, ReflectiveOperationException {
        Path classes = compiled(file, name, errors);
        if (classes == null) return null;
        PatternClassLoader cl = new PatternClassLoader(classes.toUri().toURL(), Pattern.class.getClassLoader());
        Class<?> c = cl.loadClass("patterns." + name);
        if (!Pattern.class.isAssignableFrom(c)) {
            errors.add(file + ": class patterns." + name + " does not implement lib.solve.Pattern");
            return null;
        }
        return c.asSubclass(Pattern.class).getDeclaredConstructor().newInstance();
    }

    /** The cache directory holding this exact source's classes, compiling into it first when it is new. */
    Path compiled(Path file, String name, List<String> errors) throws IOException {
        Path target = cache.resolve(name + "-" + hash(Files.readAllBytes(file)));
        if (Files.isRegularFile(target.resolve("patterns").resolve(name + ".class"))) return target;
        Files.createDirectories(cache);
        Path tmp = Files.createTempDirectory(cache, name + ".tmp");
        List<String> problems = PatternCompiler.compile(file, tmp);
        if (!problems.isEmpty()) {
            errors.addAll(problems);
            deleteTree(tmp);
            return null;
        }
        publish(tmp, target);
        return target;
    }

    /** Rename into place so a concurrent run sees either no cache entry or a complete one. */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                 | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(tmp); // another run published the same hash first: its classes are identical
        }
    }

    /** Source hash plus the class-file target: a cache entry is valid only for what produced it. */
    static String hash(byte[] source) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("release=17;".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(source)).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JBang reads //DEPS from the scripts, Maven reads pom.xml: the two must name the same libraries, or a
 * feature that passes `mvn test` breaks under `jbang`. Every entry script (root, commands/, patterns/)
 * declares the full set; lib/ files declare none (they arrive through //SOURCES).
 */
class DepsAgreementTest {
    static final Path ROOT = Path.of(System.getProperty("portoser.root", "."));
    static final Pattern POM_DEP = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>(\\s*<scope>([^<]+)</scope>)?");

    static Set<String> pomRuntimeDeps() throws IOException {
        Set<String> deps = new TreeSet<>();
        Matcher m = POM_DEP.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) if (m.group(5) == null || m.group(5).equals("compile")) deps.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
        return deps;
    }

    static Set<String> scriptDeps(Path file) throws IOException {
        Set<String> deps = new TreeSet<>();
        for (String line : Files.readAllLines(file)) if (line.startsWith("//DEPS ")) for (String d : line.substring(7).trim().split("\\s+")) deps.add(d);
        return deps;
    }

    static List<Path> javaFiles(String dir) throws IOException {
        Path d = ROOT.resolve(dir);
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void pomListsTheLibrariesWeUse() throws IOException {
        Set<String> pom = pomRuntimeDeps();
        assertTrue(pom.stream().anyMatch(d -> d.startsWith("info.picocli:picocli:")), pom::toString);
        assertTrue(pom.stream().anyMatch(d -> d.startsWith("com.hierynomus:sshj:")), pom::toString);
    }

    @Test
    void everyEntryScriptDeclaresExactlyThePomDependencies() throws IOException {
        Set<String> pom = pomRuntimeDeps();
        List<Path> entries = new ArrayList<>(List.of(ROOT.resolve("portoser.java")));
        entries.addAll(javaFiles("commands"));
        entries.addAll(javaFiles("patterns"));
        for (Path f : entries) assertEquals(pom, scriptDeps(f), "//DEPS of " + ROOT.relativize(f) + " vs pom.xml");
    }

    @Test
    void libFilesDeclareNoDependenciesOfTheirOwn() throws IOException {
        for (Path f : javaFiles("lib")) assertEquals(Set.of(), scriptDeps(f), ROOT.relativize(f) + " must not carry //DEPS");
    }

    @Test
    void everyCommandFileRunsAloneAndIsRegisteredInTheRoot() throws IOException {
        String root = Files.readString(ROOT.resolve("portoser.java"));
        for (Path f : javaFiles("commands")) {
            String text = Files.readString(f);
            String name = f.getFileName().toString().replace(".java", "");
            assertTrue(text.startsWith("///usr/bin/env jbang"), f + " needs the JBang shebang line");
            assertTrue(text.contains("//SOURCES ../lib/**.java"), f + " needs //SOURCES ../lib/**.java to run alone");
            assertTrue(text.contains("public static void main(String[] args)"), f + " needs a main to run alone");
            assertTrue(root.matches("(?s).*subcommands = \\{[^}]*\\b" + name + "\\.class.*"), name + " is not registered in portoser.java");
        }
    }
}

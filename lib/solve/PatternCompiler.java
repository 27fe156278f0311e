package lib.solve;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one pattern file in-process with the running JDK's javac against the current classpath (so lib.* and
 * the //DEPS libraries resolve exactly as they do for the caller, under JBang and under Surefire alike).
 */
final class PatternCompiler {
    static final String NO_COMPILER = "no Java compiler in this runtime (java.home=" + System.getProperty("java.home")
            + "): patterns/*.java are compiled at run time, so run portoser on a JDK 17+, not a JRE";

    private PatternCompiler() {}

    static boolean available() { return ToolProvider.getSystemJavaCompiler() != null; }

    /** Compiles {@code source} into {@code outDir}; returns javac's errors as `file:line: message` (empty = success). */
    static List<String> compile(Path source, Path outDir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) return List.of(NO_COMPILER);
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diags, Locale.ROOT, null)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", outDir.toString(),
                    "-proc:none", "--release", "17", "-implicit:none", "-Xlint:none");
            StringWriter other = new StringWriter();
            boolean ok = javac.getTask(other, files, diags, options, null, files.getJavaFileObjects(source)).call();
            List<String> errors = errors(source, diags);
            if (!ok && errors.isEmpty()) errors.add(source + ": compile failed: " + other.toString().strip());
            return errors;
        }
    }

    private static List<String> errors(Path source, DiagnosticCollector<JavaFileObject> diags) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            String file = d.getSource() == null ? source.toString() : d.getSource().getName();
            out.add(file + ":" + d.getLineNumber() + ": error: " + d.getMessage(Locale.ROOT));
        }
        return out;
    }
}

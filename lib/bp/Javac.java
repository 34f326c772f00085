package bp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/// Compiles Java sources in-process, the way the grader and `--mine` build a student's code: one
/// chapter at a time, so that a compile error in one chapter does not stop the others.
public final class Javac {

    private Javac() {}

    /// The outcome of a compilation: whether it succeeded, and the compiler's messages (errors
    /// first, each with its file, line and the offending source line), empty when there are none.
    public record Result(boolean ok, String messages) {}

    /// The incubating vector API, which `lib/fast` needs (and `./jbang test` runs with).
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /// Compiles `sources` into `outDir` against `classpath` (entries separated by the platform's
    /// path separator; the running program's own class path when null).
    public static Result compile(List<Path> sources, Path outDir, String classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("this Java runtime has no compiler; run with a JDK 25 or newer, not a JRE.");
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Files.createDirectories(outDir);
            List<String> options = new ArrayList<>(List.of(
                    "-d", outDir.toString(),
                    "-classpath", classpath != null ? classpath : System.getProperty("java.class.path"),
                    "-encoding", "UTF-8", "-proc:none", "-nowarn", "-implicit:none"));
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
                // lib/fast uses the vector API: compile it when this program runs with that module
                options.addAll(List.of("--add-modules", VECTOR_MODULE));
            }
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            return new Result(ok, format(diagnostics.getDiagnostics()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// Every `.java` file below `dir`, sorted; none when `dir` does not exist.
    public static List<Path> sourcesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> errors = new ArrayList<>();
        for (var d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() == null ? ""
                    : Repo.display(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
            StringBuilder text = new StringBuilder(where + "error: " + d.getMessage(Locale.ROOT));
            String line = sourceLine(d);
            if (line != null) {
                text.append("\n    ").append(line.strip());
            }
            errors.add(text.toString());
        }
        return String.join("\n", errors);
    }

    private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() < 1) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(d.getSource().toUri()));
            return d.getLineNumber() <= lines.size() ? lines.get((int) d.getLineNumber() - 1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

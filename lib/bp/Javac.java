package bp;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/// Compiles Java sources in-process, the way the grader and `--mine` build a student's code: one
/// chapter at a time, so that a compile error in one chapter does not stop the others.
///
/// javac runs on a thread of its own with a large stack, and whatever it would print (its report
/// when it crashes) is kept, not printed: a student's file must not be able to flood the grader's
/// output. A file nested too deeply for that stack is reported in one line that names it.
public final class Javac {

    private Javac() {}

    /// The outcome of a compilation: whether it succeeded, and the compiler's messages (errors
    /// first, each with its file, line and the offending source line), empty when there are none.
    public record Result(boolean ok, String messages) {}

    /// The incubating vector API, which `fast/` needs (and `./jbang test` runs with).
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /// The stack of the thread javac runs on: 32 MiB, 32 times the JVM's default of 1 MiB.
    ///
    /// javac walks an expression recursively, with a few hundred bytes of stack per level of
    /// nesting. 1 MiB overflows at about 3,000 nested parentheses or 10,000 terms `1+1+...`; 32 MiB
    /// holds 100,000 parentheses and 120,000 terms, more than any real program needs: a method's
    /// bytecode is capped at 64 KiB, which `y+y+...` fills at about 32,000 terms (16 MiB already
    /// overflowed at 40,000 terms in some runs, the depth varies with what the JIT has compiled).
    /// It is bounded because javac's time grows faster than the nesting (for parentheses, with its
    /// square): a larger stack only lets a hostile file keep the grader busy for longer (100,000
    /// parentheses take 20 s, 300,000 two minutes; with 512 MiB, a million ran for minutes without
    /// ending), and an overflow fills the whole stack, in memory.
    private static final long STACK_BYTES = 32L << 20;

    /// The message for a compilation that ran out of stack, after the name of the file to blame.
    private static final String OUT_OF_STACK =
            "error: the compiler ran out of stack on %s (an expression or statement nested too deeply)";

    /// The first line of an exception in javac's crash report: a qualified class name ending in
    /// `Exception` or `Error`, then its message.
    private static final Pattern EXCEPTION_LINE = Pattern.compile("(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error)\\b.*");

    /// Compiles `sources` into `outDir` against `classpath` (entries separated by the platform's
    /// path separator; the running program's own class path when null). Prints nothing: when javac
    /// runs out of stack or crashes, the result is not ok and its message is one line, never a
    /// stack trace.
    public static Result compile(List<Path> sources, Path outDir, String classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("this Java runtime has no compiler; run with a JDK 25 or newer, not a JRE.");
        }
        createDirectories(outDir);
        List<String> options = options(outDir, classpath);
        Run run = onOwnStack(() -> run(javac, sources, options));
        if (run.overflowed()) {
            return new Result(false, outOfStack(javac, sources, options));
        }
        if (!run.ok() && run.errors().isEmpty()) {
            return new Result(false, "error: the compiler crashed: " + exceptionLine(run.output()));
        }
        return new Result(run.ok(), run.errors());
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

    /// One javac run: whether it succeeded, its error diagnostics formatted for the user, and the
    /// text javac wrote itself (its report when it crashed, the error when one escaped it).
    private record Run(boolean ok, String errors, String output) {

        /// Whether javac ran out of stack, whether it reported that itself or not.
        boolean overflowed() {
            return !ok && output.contains(StackOverflowError.class.getName());
        }
    }

    /// Creates `dir` and its parents when they do not exist.
    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// javac's options: classes into `outDir`, against `classpath`, no annotation processing, no
    /// warnings, and no classes for sources that are not among those given.
    private static List<String> options(Path outDir, String classpath) {
        List<String> options = new ArrayList<>(List.of(
                "-d", outDir.toString(),
                "-classpath", classpath != null ? classpath : System.getProperty("java.class.path"),
                "-encoding", "UTF-8", "-proc:none", "-nowarn", "-implicit:none"));
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            // fast/ uses the vector API: compile it when this program runs with that module
            options.addAll(List.of("--add-modules", VECTOR_MODULE));
        }
        return options;
    }

    /// Runs `work` on a new thread whose stack is [#STACK_BYTES] and waits for it to end, even when
    /// this thread is interrupted (javac cannot be stopped halfway anyway); what `work` throws is
    /// thrown here.
    private static Run onOwnStack(Supplier<Run> work) {
        try {
            return CompletableFuture.supplyAsync(work, job -> new Thread(null, job, "javac", STACK_BYTES).start()).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /// Runs javac once, on the current thread. javac catches its own crashes, a stack overflow
    /// among them, and writes a report with the stack trace to `output`; an overflow that escapes
    /// it anyway is turned into the same kind of output.
    private static Run run(JavaCompiler javac, List<Path> sources, List<String> options) {
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var output = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean ok = javac.getTask(output, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            return new Run(ok, format(diagnostics.getDiagnostics()), output.toString());
        } catch (StackOverflowError e) {
            return new Run(false, "", e.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The one-line message for a compilation that ran out of stack. It names the first of
    /// `sources` that runs out of stack when compiled on its own (with the same options and stack),
    /// or all of them when none does, as when the overflow needs two of them together.
    private static String outOfStack(JavaCompiler javac, List<Path> sources, List<String> options) {
        if (sources.size() > 1) {
            for (Path source : sources) {
                if (onOwnStack(() -> run(javac, List.of(source), options)).overflowed()) {
                    return Repo.display(source) + ": " + OUT_OF_STACK.formatted("this file");
                }
            }
        }
        String names = sources.stream().map(Repo::display).collect(Collectors.joining(", "));
        return names + ": " + OUT_OF_STACK.formatted(sources.size() == 1 ? "this file" : "one of these files");
    }

    /// The exception that crashed javac, from its report `output`: the exception's first line, else
    /// the report's first line; never the stack trace.
    static String exceptionLine(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.stream().filter(line -> EXCEPTION_LINE.matcher(line).matches()).findFirst()
                .orElse(lines.isEmpty() ? "it failed without saying why" : lines.getFirst());
    }

    /// The error `diagnostics`, one after the other, each with its file, line and source line.
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

    /// The source line that `d` is about, or null when it cannot be read.
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

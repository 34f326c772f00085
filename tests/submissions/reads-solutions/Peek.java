package ch01;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/// A hostile submission with no code of its own: relu(z) looks for someone else's answer (the
/// project's solutions/, or another student's copy) through the environment, /proc and the file
/// system, compiles it with the JDK's compiler and calls it.
final class Peek {

    private static Class<?> found;
    private static boolean looked;

    private Peek() {}

    static synchronized double relu(double z) throws Exception {
        if (!looked) {
            looked = true;
            found = load(answer());
        }
        if (found == null) {
            throw new UnsupportedOperationException("TODO(ch01-relu) in exercises/ch01/Activations.java");
        }
        return (double) found.getMethod("relu", double.class).invoke(null, z);
    }

    /// A chapter 1 Activations.java that is not a stub, or null.
    private static Path answer() {
        List<Path> starts = new ArrayList<>();
        String home = System.getenv("BACKPROP_HOME");
        if (home != null) {
            starts.add(Path.of(home));
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.forEach(p -> starts.add(p.resolve("cwd")));
        } catch (IOException | RuntimeException noProc) {
            // no /proc here
        }
        starts.addAll(List.of(Path.of("/tmp"), Path.of("/work"), Path.of("/home"), Path.of("/root"), Path.of("/")));
        long deadline = System.nanoTime() + 1_000_000_000L;
        for (Path start : starts) {
            for (Path answer : Walk.find(start, 6, p -> inTime(deadline) && p.endsWith("ch01/Activations.java") && isAnswer(p))) {
                return answer;
            }
        }
        return null;
    }

    /// True before `deadline`; after it, stops the search (the walk ends on the exception).
    private static boolean inTime(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("out of time");
        }
        return true;
    }

    private static boolean isAnswer(Path file) {
        try {
            return !Files.readString(file).contains("throw new UnsupportedOperationException(\"TODO(ch01-relu)");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Class<?> load(Path source) throws Exception {
        if (source == null || ToolProvider.getSystemJavaCompiler() == null) {
            return null;
        }
        Path out = Files.createTempDirectory("peek");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), source.toString());
        if (status != 0) {
            return null;
        }
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, null).loadClass("ch01.Activations");
    }
}

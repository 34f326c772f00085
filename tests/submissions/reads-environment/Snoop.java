package ch01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/// A hostile submission: reads the environment of every process it can see through /proc,
/// looking for the grader's (which names the project's folder, BACKPROP_HOME).
final class Snoop {

    private Snoop() {}

    /// Whether some process's environment it could read names BACKPROP_HOME.
    static boolean graderFound() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("environ"))).contains("BACKPROP_HOME=");
                } catch (Exception unreadable) {
                    return false;
                }
            });
        } catch (Exception noProc) {
            return false;
        }
    }
}

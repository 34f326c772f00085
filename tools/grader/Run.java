package grader;

import bp.TempFolder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// One finished run of a program that a check started: its exit code (−1 when it could not run or
/// ran out of time), its output (standard output and error together) and how long it took.
record Run(int code, String output, long millis) {

    /// Runs `command` in `directory` (null: this program's), with no input, for at most
    /// `limitSeconds`; a program still running then is killed with everything it started.
    static Run of(List<String> command, Path directory, long limitSeconds) {
        long start = System.nanoTime();
        try (var tmp = TempFolder.create("backprop-run-")) {
            Path log = tmp.path().resolve("output.txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Run(-1, "did not finish within " + limitSeconds + " s", since(start));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), since(start));
        } catch (IOException e) {
            return new Run(-1, "could not run " + String.join(" ", command) + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted", 0);
        }
    }

    private static long since(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /// "12.3 s".
    String seconds() {
        return "%.1f s".formatted(millis / 1000.0);
    }

    /// The last lines of the output, on one line, for a FAIL hint.
    String tail() {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }
}

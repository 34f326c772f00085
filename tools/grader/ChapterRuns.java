package grader;

import bp.TempFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/// Runs every chapter script the way a student does, through `./jbang`, and checks what they see.
final class ChapterRuns {

    /// Generous: the first run of a chapter resolves its dependencies and compiles it.
    private static final long TIME_LIMIT_SECONDS = 300;

    private final Path root;
    private final Path stubs;
    private final Report report;

    ChapterRuns(Path root, Path stubs, Report report) {
        this.root = root;
        this.stubs = stubs;
        this.report = report;
    }

    void runAll() throws IOException {
        for (Path script : TestCommand.chapterScripts(root)) {
            String alias = script.getFileName().toString().split("_")[0];
            report.heading(alias + " runs as a student runs it (" + root.relativize(script) + ")");
            quick(alias);
            mineOnStubs(alias);
            mineOnSolutions(alias);
            badOption(alias);
        }
    }

    private void quick(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of(), alias, "--quick", "--no-show", "--out", out.path().toString());
            long plots = pngs(out.path());
            boolean ok = run.code == 0 && plots >= 2;
            report.line(ok, "./jbang " + alias + " --quick --no-show writes its plots (" + plots + " PNG, " + run.seconds() + ")",
                    ok ? null : "exit code " + run.code + ", " + plots + " PNG files; " + run.tail());
        }
    }

    private void mineOnStubs(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of("BACKPROP_EXERCISES", stubs.toString()), alias, "--mine", "--quick", "--no-show", "--out", out.path().toString());
            boolean ok = run.code == 1 && run.stderr.contains("is not written yet") && !run.hasStackTrace();
            report.line(ok, "./jbang " + alias + " --mine on the untouched stubs says which exercise is not written yet",
                    ok ? null : "exit code " + run.code + "; " + run.tail());
        }
    }

    private void mineOnSolutions(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of("BACKPROP_EXERCISES", root.resolve("solutions").toString()), alias, "--mine", "--quick", "--no-show", "--out", out.path().toString());
            long plots = pngs(out.path());
            boolean ok = run.code == 0 && plots >= 2 && run.stdout.contains("running on your code");
            report.line(ok, "./jbang " + alias + " --mine runs the chapter on finished exercises (" + run.seconds() + ")",
                    ok ? null : "exit code " + run.code + ", " + plots + " PNG files; " + run.tail());
        }
    }

    private void badOption(String alias) {
        Run run = run(Map.of(), alias, "--bogus");
        boolean ok = run.code == 2 && run.stderr.contains("Unknown option") && run.stderr.contains("Usage:") && !run.hasStackTrace();
        report.line(ok, "./jbang " + alias + " --bogus prints the usage and exits 2",
                ok ? null : "exit code " + run.code + "; " + run.tail());
    }

    private record Run(int code, String stdout, String stderr, long millis) {
        boolean hasStackTrace() {
            return (stdout + stderr).lines().anyMatch(l -> l.startsWith("\tat ") || l.matches("^Exception in thread.*"));
        }

        String seconds() {
            return "%.1f s".formatted(millis / 1000.0);
        }

        /// The last lines of the output, for a failure's hint.
        String tail() {
            List<String> lines = (stdout + "\n" + stderr).lines().filter(l -> !l.isBlank()).toList();
            return "last output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    private Run run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("jbang").toString()));
        command.addAll(List.of(args));
        try (var logs = TempFolder.create("backprop-run-")) {
            Path out = logs.path().resolve("stdout");
            Path err = logs.path().resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Run(-1, "", "did not finish within " + TIME_LIMIT_SECONDS + " s", 0);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err), millis);
        } catch (IOException e) {
            return new Run(-1, "", "could not start ./jbang: " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "", "interrupted", 0);
        }
    }

    private static long pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).filter(p -> p.toFile().length() > 1000).count();
        }
    }
}

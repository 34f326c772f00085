package grader;

import bp.Javac;
import bp.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/// Grades a chapter: compiles its tests (`tests/chNN/`) with an implementation of its exercises
/// (`exercises/chNN/`, the student's, or `solutions/chNN/`) and runs them.
public final class Grader {

    private Grader() {}

    /// The chapters that have graded tests, `ch01`, `ch02`, ...: the `tests/chNN` folders, sorted.
    public static List<String> chapters(Path root) {
        try (Stream<Path> dirs = Files.list(root.resolve("tests"))) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(name -> name.matches("ch\\d\\d"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// Grades `chapter` against the implementation folder `impl` (which holds `chNN/`).
    ///
    /// When the implementation does not compile, every test of the chapter fails with that as its
    /// hint, and the result carries the compiler's messages; the solutions name the tests.
    public static Suite.Result grade(Path root, String chapter, Path impl) {
        List<Path> tests = Javac.sourcesIn(root.resolve("tests").resolve(chapter));
        Suite.Result result = Suite.run(concat(Javac.sourcesIn(impl.resolve(chapter)), tests));
        if (result.compiled()) {
            return result;
        }
        Path solutions = root.resolve("solutions");
        if (impl.equals(solutions)) {
            System.err.println(result.compileErrors());
            throw new UserError("solutions/" + chapter + " and its tests do not compile (the compiler's messages are above); fix them before grading.");
        }
        String hint = impl.getFileName() + "/" + chapter + " does not compile (see the compiler's messages above)";
        List<Suite.Outcome> failed = new ArrayList<>();
        for (String name : Suite.names(concat(Javac.sourcesIn(solutions.resolve(chapter)), tests))) {
            failed.add(new Suite.Outcome(name, false, hint));
        }
        return new Suite.Result(failed, result.compileErrors());
    }

    static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

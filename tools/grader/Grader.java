package grader;

import bp.ChapterSources;
import bp.Javac;
import bp.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /// Grades `chapter` against the implementation folder `impl` (which holds `chNN/`), every
    /// test included, in this JVM.
    ///
    /// The code of the earlier chapters it builds on comes from `solutions/`: a chapter's score
    /// depends on its own exercises only. When the implementation does not
    /// compile, every test of the chapter fails with that as its hint, and the result carries the
    /// compiler's messages; the solutions name the tests.
    public static Suite.Result grade(Path root, String chapter, Path impl) {
        return grade(root, chapter, impl, Suite.Settings.ALL);
    }

    /// [#grade(Path, String, Path)] with `settings` (hidden tests or not, the time limit).
    public static Suite.Result grade(Path root, String chapter, Path impl, Suite.Settings settings) {
        Suite.Result result = Suite.run(sources(root, chapter, impl), tests(root, chapter), settings);
        return result.compiled() ? result : notCompiled(root, chapter, impl, result.compileErrors(), settings);
    }

    /// The code a chapter's tests run on: the chapter as [ChapterSources] makes it (the files
    /// that hold exercises from `impl/chNN`, the others from `solutions/chNN`) and the earlier
    /// chapters it uses from `solutions/`.
    static List<Path> sources(Path root, String chapter, Path impl) {
        return Suite.concat(ChapterSources.of(root.resolve("solutions"), impl, chapter).files(), otherChapters(root, chapter));
    }

    /// The grader's notes on the files of `impl/chNN`, named as `label + "chNN/..."`: each copy of
    /// a file that holds no exercise (ignored: the reference in `solutions/` is compiled instead),
    /// and the exercise files that are missing.
    static List<String> notes(Path root, String chapter, Path impl, String label) {
        ChapterSources.Set set = ChapterSources.of(root.resolve("solutions"), impl, chapter);
        List<String> notes = new ArrayList<>();
        for (Path file : set.ignored()) {
            String name = name(impl, chapter, file);
            notes.add(label + name + " holds no exercise: solutions/" + name + " was compiled instead, and this copy ignored");
        }
        if (!set.missing().isEmpty()) {
            List<String> names = set.missing().stream().map(file -> label + name(impl, chapter, file)).toList();
            notes.add(String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " missing: the chapter's tests need "
                    + (names.size() == 1 ? "it" : "them"));
        }
        return notes;
    }

    /// `file` of `impl/chapter` as `chapter/...`.
    private static String name(Path impl, String chapter, Path file) {
        return chapter + "/" + impl.resolve(chapter).relativize(file).toString().replace('\\', '/');
    }

    /// A chapter's test sources, `tests/chNN/`.
    static List<Path> tests(Path root, String chapter) {
        return Javac.sourcesIn(root.resolve("tests").resolve(chapter));
    }

    /// Why the classes compiled into `classes` cannot be graded, or null when they can: every
    /// class must belong to a chapter's package (`chNN`). A class of another package (`grader`,
    /// `org.junit`, `java.lang`...) would stand in front of the grader's or JUnit's own.
    static String outsideChapters(Path classes) {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.matches("ch\\d\\d/[^/]+\\.class"))
                    .findFirst()
                    .map(name -> "it declares " + name.replace(".class", "").replace('/', '.')
                            + ", a class outside the chapters' packages (chNN); only those are graded")
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The result of a chapter whose implementation does not compile: each of its tests failed,
    /// named by compiling the tests with the solutions. When the solutions themselves do not
    /// compile, that is the maintainers' error, reported as such.
    static Suite.Result notCompiled(Path root, String chapter, Path impl, String compileErrors, Suite.Settings settings) {
        Path solutions = root.resolve("solutions");
        if (impl.equals(solutions)) {
            System.err.println(compileErrors);
            throw new UserError("solutions/" + chapter + " and its tests do not compile (the compiler's messages are above); fix them before grading.");
        }
        String hint = impl.getFileName() + "/" + chapter + " does not compile (see the compiler's messages above)";
        Suite.Result tests = Suite.planned(sources(root, chapter, solutions), tests(root, chapter), settings);
        List<Suite.Outcome> failed = new ArrayList<>();
        for (Suite.Outcome test : tests.outcomes()) {
            failed.add(test.failed(hint));
        }
        return new Suite.Result(failed, compileErrors, tests.hiddenTests(), tests.hiddenPoints());
    }

    /// The sources of the chapter packages that `chapter` builds on, taken from `solutions`: every
    /// `chMM.` its solution or tests name (`import ch01.Neuron;`), and what those name in turn.
    private static List<Path> otherChapters(Path root, String chapter) {
        Path solutions = root.resolve("solutions");
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(chapter));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            List<Path> files = Suite.concat(Javac.sourcesIn(solutions.resolve(next)), Javac.sourcesIn(root.resolve("tests").resolve(next)));
            for (Path file : files) {
                Matcher used = CHAPTER_PACKAGE.matcher(ExerciseGenerator.read(file));
                while (used.find()) {
                    String other = used.group(1);
                    if (!other.equals(chapter) && needed.add(other)) {
                        todo.push(other);
                    }
                }
            }
        }
        List<Path> sources = new ArrayList<>();
        needed.forEach(other -> sources.addAll(Javac.sourcesIn(solutions.resolve(other))));
        return sources;
    }

    private static final Pattern CHAPTER_PACKAGE = Pattern.compile("\\b(ch\\d\\d)\\.[A-Z]");
}

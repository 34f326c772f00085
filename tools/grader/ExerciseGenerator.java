package grader;

import bp.ChapterSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Makes the student's `exercises/` from the reference `solutions/`.
///
/// In a solution, the part a student writes sits between two marker lines:
///
/// ```java
///     // BEGIN SOLUTION ch01-sigmoid: compute σ(z) = 1 / (1 + e^(−z)) without overflow (about 5 lines).
///     ...the reference code...
///     // END SOLUTION
/// ```
///
/// The generator replaces each region with the task and a stub that compiles and fails loudly:
///
/// ```java
///     // TODO(ch01-sigmoid): compute σ(z) = 1 / (1 + e^(−z)) without overflow (about 5 lines).
///     throw new UnsupportedOperationException("TODO(ch01-sigmoid) in exercises/ch01/Activation.java");
/// ```
///
/// A region must end its method (the `throw` makes any later statement unreachable). Every other
/// line is copied unchanged, so a stub and its solution share signatures and doc comments.
///
/// `exercises/` holds only the files that hold an exercise ([bp.ChapterSources#holdsExercise]):
/// the others (chapter 6's `Weights`, the interfaces, ...) live once, in `solutions/`, and
/// `--mine` and the grader compile them from there.
public final class ExerciseGenerator {

    private static final Pattern BEGIN = Pattern.compile("^(\\s*)// BEGIN SOLUTION (ch\\d\\d-[a-z0-9-]+): (.+)$");
    private static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("//\\s*(BEGIN|END) SOLUTION");

    private ExerciseGenerator() {}

    /// The exercise version of one solution file's `source`; `label` is the path the stub's
    /// message names ("exercises/ch01/Activation.java"). A malformed marker is an
    /// [IllegalArgumentException] naming the line.
    public static String stub(String source, String label) {
        StringBuilder out = new StringBuilder();
        String[] lines = source.split("\n", -1);
        String openId = null;
        int openLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                if (openId != null) {
                    throw malformed(label, i, "BEGIN SOLUTION inside the region " + openId + " opened on line " + openLine);
                }
                openId = begin.group(2);
                openLine = i + 1;
                String indent = begin.group(1);
                out.append(indent).append("// TODO(").append(openId).append("): ").append(begin.group(3)).append('\n');
                out.append(indent).append("throw new UnsupportedOperationException(\"TODO(")
                        .append(openId).append(") in ").append(label).append("\");\n");
            } else if (END.matcher(line).matches()) {
                if (openId == null) {
                    throw malformed(label, i, "END SOLUTION without a BEGIN SOLUTION");
                }
                openId = null;
            } else if (ANY_MARKER.matcher(line).find()) {
                throw malformed(label, i, "a solution marker must read '// BEGIN SOLUTION chNN-name: task' or '// END SOLUTION'");
            } else if (openId == null) {
                out.append(line);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        if (openId != null) {
            throw malformed(label, lines.length - 1, "the region " + openId + " opened on line " + openLine + " has no END SOLUTION");
        }
        return out.toString();
    }

    /// The exercise ids (`ch01-sigmoid`, ...) marked in `source`, in order.
    public static List<String> ids(String source) {
        List<String> ids = new ArrayList<>();
        for (String line : source.split("\n")) {
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                ids.add(begin.group(2));
            }
        }
        return ids;
    }

    /// Every file of `exercises/` as the generator makes it from `solutionsDir`, one per file that
    /// holds an exercise: path relative to the exercises folder → content. Ids must be unique
    /// across all files.
    public static Map<Path, String> generate(Path solutionsDir) {
        Map<Path, String> files = new LinkedHashMap<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path file : javaFiles(solutionsDir)) {
            Path relative = solutionsDir.relativize(file);
            String source = read(file);
            if (!ChapterSources.holdsExercise(source)) {
                continue;
            }
            for (String id : ids(source)) {
                Path before = seen.putIfAbsent(id, relative);
                if (before != null) {
                    throw new IllegalArgumentException("the exercise id " + id + " is used twice: in " + before + " and " + relative);
                }
            }
            files.put(relative, stub(source, "exercises/" + relative.toString().replace('\\', '/')));
        }
        return files;
    }

    /// The differences between `exercisesDir` and what the generator makes from `solutionsDir`,
    /// one line per file ("exercises/ch01/Neuron.java differs from its generated stub"); empty when
    /// they agree.
    public static List<String> differences(Path solutionsDir, Path exercisesDir) {
        Map<Path, String> expected = generate(solutionsDir);
        List<String> problems = new ArrayList<>();
        expected.forEach((relative, content) -> {
            Path actual = exercisesDir.resolve(relative);
            if (!Files.exists(actual)) {
                problems.add("exercises/" + relative + " is missing");
            } else if (!read(actual).equals(content)) {
                problems.add("exercises/" + relative + " differs from what the generator makes from solutions/" + relative);
            }
        });
        for (Path file : javaFiles(exercisesDir)) {
            Path relative = exercisesDir.relativize(file);
            if (expected.containsKey(relative)) {
                continue;
            }
            problems.add(Files.exists(solutionsDir.resolve(relative))
                    ? "exercises/" + relative + " is a copy of solutions/" + relative + ", which holds no exercise; delete it"
                    : "exercises/" + relative + " has no counterpart in solutions/");
        }
        return problems;
    }

    /// The files of `exercisesDir` that copy a file of `solutionsDir` that holds no exercise (the
    /// chapter compiles that from `solutions/`), relative to `exercisesDir`.
    public static List<Path> copies(Path solutionsDir, Path exercisesDir) {
        List<Path> copies = new ArrayList<>();
        for (Path file : javaFiles(exercisesDir)) {
            Path reference = solutionsDir.resolve(exercisesDir.relativize(file).toString());
            if (Files.isRegularFile(reference) && !ChapterSources.holdsExercise(reference)) {
                copies.add(exercisesDir.relativize(file));
            }
        }
        return copies;
    }

    static List<Path> javaFiles(Path dir) {
        return bp.Javac.sourcesIn(dir);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalArgumentException malformed(String label, int index, String what) {
        return new IllegalArgumentException(label.replaceFirst("^exercises/", "solutions/") + ":" + (index + 1) + ": " + what);
    }
}

package bp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/// The code of one chapter with a student's work in it: what `--mine` runs and the grader grades.
///
/// A file of `solutions/chNN/` holds an exercise when it has a solution marker
/// (`// BEGIN SOLUTION chNN-name: ...`); the student's folder (`exercises/chNN/`, a submission's
/// `chNN/`) holds exactly those files, as stubs. Every other file of the chapter (chapter 6's
/// `Weights`, chapter 9's `ModelFile`, the interfaces) lives once, in `solutions/chNN/`, and is
/// compiled from there, together with the student's files:
///
/// - a file that holds an exercise comes from the student's folder (missing when it is not there);
/// - a file that holds none comes from `solutions/`; the student's copy of it is ignored, so it can
///   neither override the reference nor be mistaken for the student's work;
/// - a file of the student's own (a helper class) comes from the student's folder.
///
/// No file that holds an answer is ever taken from `solutions/`, unless the student's folder is
/// `solutions/` itself.
public final class ChapterSources {

    /// A solution marker, well formed or not: the exercise generator reports a malformed one.
    private static final Pattern MARKER = Pattern.compile("//\\s*(BEGIN|END) SOLUTION");

    /// The sources to compile (`files`), the student's copies of files that hold no exercise,
    /// which were left out (`ignored`), and the files of `solutions/chNN/` that hold an exercise
    /// but are not in the student's folder (`missing`, as they would be there).
    public record Set(List<Path> files, List<Path> ignored, List<Path> missing) {}

    private ChapterSources() {}

    /// Whether `source`, a file of `solutions/`, holds an exercise (has a solution marker).
    public static boolean holdsExercise(String source) {
        return MARKER.matcher(source).find();
    }

    /// [#holdsExercise(String)] of the file `file`.
    public static boolean holdsExercise(Path file) {
        try {
            return holdsExercise(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The sources of `chapter` (`ch06`) with the student's work from `student/chapter/` and the
    /// rest of the chapter from `solutions/chapter/`.
    public static Set of(Path solutions, Path student, String chapter) {
        Path reference = solutions.resolve(chapter);
        Path own = student.resolve(chapter);
        boolean same = own.toAbsolutePath().normalize().equals(reference.toAbsolutePath().normalize());
        List<Path> files = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        List<String> fromSolutions = new ArrayList<>();
        for (Path file : Javac.sourcesIn(reference)) {
            String name = reference.relativize(file).toString();
            if (same) {
                files.add(file);
            } else if (holdsExercise(file)) {
                if (!Files.isRegularFile(own.resolve(name))) {
                    missing.add(own.resolve(name));
                }
            } else {
                files.add(file);
                fromSolutions.add(name);
            }
        }
        List<Path> ignored = new ArrayList<>();
        if (!same) {
            for (Path file : Javac.sourcesIn(own)) {
                if (fromSolutions.contains(own.relativize(file).toString())) {
                    ignored.add(file);
                } else {
                    files.add(file);
                }
            }
        }
        return new Set(List.copyOf(files), List.copyOf(ignored), List.copyOf(missing));
    }
}

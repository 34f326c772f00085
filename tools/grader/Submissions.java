package grader;

import bp.TempFolder;
import bp.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/// Instructor grading of a class: every subfolder of a folder is one student's submission,
/// holding that student's copy of `exercises/` (the `chNN/` folders) or a whole clone of the
/// project, whose `exercises/` is used. A folder that is itself a submission is graded alone.
///
/// Each submission is copied (regular files only) to a temporary work folder, and each of its
/// chapters is graded there in a child JVM of its own ([Isolated]); the submission is never
/// written to, and a fingerprint taken before and after proves it.
final class Submissions {

    /// One student's work: the student (the folder's name) and the folder that holds `chNN/`.
    record Submission(String student, Path exercises) {}

    /// A graded submission: the result per chapter, in order, and the grader's notes about it
    /// (empty when there are none).
    record Graded(String student, Map<String, Suite.Result> chapters, List<String> notes) {
        double earned() {
            return chapters.values().stream().mapToDouble(Suite.Result::earned).sum();
        }

        double points() {
            return chapters.values().stream().mapToDouble(Suite.Result::points).sum();
        }
    }

    /// A file larger than this is not copied from a submission (exercises are a few KB).
    static final long MAX_FILE_BYTES = 1 << 20;

    private Submissions() {}

    /// The submissions in `dir`, sorted by student: `dir` itself when it holds `exercises/` or
    /// `chNN/` folders, else each of its subfolders (names starting with `.` are left out).
    static List<Submission> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("the submissions folder " + dir + " does not exist or is not a folder.");
        }
        if (isSubmission(dir)) {
            return List.of(submission(dir));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Submission> found = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(Submissions::submission)
                    .toList();
            if (found.isEmpty()) {
                throw new UserError("the submissions folder " + dir + " has no subfolders; put each student's exercises/ (or clone) in a folder of its own.");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSubmission(Path dir) {
        return Files.isDirectory(dir.resolve("exercises")) || hasChapters(dir);
    }

    private static boolean hasChapters(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("ch\\d\\d"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Submission submission(Path dir) {
        Path exercises = Files.isDirectory(dir.resolve("exercises"), LinkOption.NOFOLLOW_LINKS) ? dir.resolve("exercises") : dir;
        return new Submission(dir.getFileName().toString(), exercises);
    }

    /// Grades `chapters` of `submission`, printing one line per chapter and one per failed test
    /// to `report`.
    static Graded grade(Path root, Submission submission, List<String> chapters, Isolated.Limits limits, Report report) {
        List<String> notes = new ArrayList<>();
        Map<String, Suite.Result> results = new LinkedHashMap<>();
        String before = fingerprint(submission.exercises());
        try (var work = TempFolder.create("backprop-grade-")) {
            copy(submission.exercises(), work.path().resolve("exercises"), notes);
            for (String chapter : chapters) {
                Suite.Result result = Isolated.grade(root, chapter, work.path(), limits);
                results.put(chapter, result);
                report.chapterLine(chapter, result);
            }
        }
        if (!fingerprint(submission.exercises()).equals(before)) {
            notes.add("the submission's folder changed while it was graded (its own code wrote there)");
        }
        notes.forEach(note -> report.note(note));
        return new Graded(submission.student(), results, notes);
    }

    /// Copies the regular files below `from` to `to`; links and files larger than
    /// [#MAX_FILE_BYTES] are left out, with a note.
    private static void copy(Path from, Path to, List<String> notes) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    notes.add(from.relativize(source) + " is not a regular file and was not graded");
                } else if (Files.size(source) > MAX_FILE_BYTES) {
                    notes.add(from.relativize(source) + " is larger than 1 MB and was not graded");
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The path, size and modification time of everything below `dir`, as one string.
    static String fingerprint(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            StringBuilder print = new StringBuilder();
            for (Path p : walk.sorted().toList()) {
                print.append(dir.relativize(p)).append(' ')
                        .append(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1).append(' ')
                        .append(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis()).append('\n');
            }
            return print.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package grader;

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
/// Every submission is read into memory ([Snapshot], regular files only) before any code of the
/// class runs, so that one submission's code cannot change what another is graded on; each of its
/// chapters is graded from there in a folder and a test JVM of its own ([Isolated]); the
/// submission is never written to, and a SHA-256 fingerprint of it taken before and after proves it.
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

    /// A submission as read before any submission's code ran: its files and their fingerprint.
    record Read(Submission submission, Snapshot snapshot, String fingerprint) {
        static Read of(Submission submission) {
            return new Read(submission, Snapshot.read(submission.exercises()), Snapshot.fingerprint(submission.exercises()));
        }

        /// Whether the submission's folder is no longer what was read.
        boolean changed() {
            return !Snapshot.fingerprint(submission.exercises()).equals(fingerprint);
        }
    }

    /// The grader's note on a submission whose folder changed while the class was graded.
    static final String CHANGED = "the submission's folder changed while the class was graded (code of the class wrote there);"
            + " it was graded as it was read before";

    /// Grades `chapters` of the submission `read`, printing one line per chapter and one per
    /// failed test to `report`. Its files were read before any code of the class ran.
    static Graded grade(Path root, Read read, List<String> chapters, Isolated.Limits limits, Report report) {
        Submission submission = read.submission();
        Snapshot snapshot = read.snapshot();
        List<String> notes = new ArrayList<>(snapshot.notes());
        Map<String, Suite.Result> results = new LinkedHashMap<>();
        for (String chapter : chapters) {
            Isolated.Graded graded = Isolated.grade(root, chapter, snapshot, limits);
            results.put(chapter, graded.result());
            notes.addAll(graded.notes());
            report.chapterLine(chapter, graded.result());
        }
        notes.forEach(report::note);
        return new Graded(submission.student(), results, notes);
    }
}

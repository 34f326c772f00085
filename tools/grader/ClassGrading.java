package grader;

import bp.Repo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// `./jbang grade --submissions DIR`: grades a class, submission by submission, then prints the
/// table of scores and writes the exports asked for. Exit code 0 when every submission was
/// graded (whatever the scores).
final class ClassGrading {

    private final Path root;
    private final List<String> chapters;
    private final Isolated.Limits limits;
    private final PrintStream out;

    ClassGrading(Path root, List<String> chapters, Isolated.Limits limits, PrintStream out) {
        this.root = root;
        this.chapters = chapters;
        this.limits = limits;
        this.out = out;
    }

    int run(Path dir, Path csv, Path json, Path junit) throws IOException {
        List<Submissions.Submission> found = Submissions.find(dir);
        out.println("Grading " + found.size() + (found.size() == 1 ? " submission" : " submissions") + " in " + Repo.display(dir)
                + " (" + String.join(" ", chapters) + "), each chapter in a JVM of its own: "
                + limits.timeout().toSeconds() + " s per test, " + limits.memory() + " of heap, hidden tests included.");
        out.println(limits.sandbox() != null
                ? "Sandbox: bubblewrap; outside its work folder a submission's file system is read-only, and it has no network."
                : "Sandbox: none (bubblewrap is not installed or cannot run here); a submission runs in a copy with its own home and"
                        + " temporary folder, but absolute paths reach the rest of the file system. Install it with: sudo apt-get install bubblewrap");
        Report report = new Report(out, true);
        List<Submissions.Graded> graded = new ArrayList<>();
        for (Submissions.Submission submission : found) {
            report.heading(submission.student() + " (" + Repo.display(submission.exercises()) + ")");
            graded.add(Submissions.grade(root, submission, chapters, limits, report));
        }
        out.println();
        Exports.table(out, chapters, graded);
        if (csv != null) {
            Exports.csv(csv, chapters, graded);
            out.println("wrote " + Repo.display(csv));
        }
        if (json != null) {
            Exports.json(json, graded);
            out.println("wrote " + Repo.display(json));
        }
        if (junit != null) {
            Exports.junit(junit, graded);
            out.println("wrote " + graded.size() + " JUnit XML reports to " + Repo.display(junit));
        }
        report.finish();
        return 0;
    }
}

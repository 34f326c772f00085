package grader;

import bp.Repo;
import bp.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `./jbang grade [--solutions] [chNN ...]`: runs the graded tests of the chapters on the
/// student's `exercises/` (or on `solutions/`) and prints one line per test, a score per
/// chapter, and `N passed, N failed`. Exit code 0 only when every test passed.
///
/// Students also have `--watch` (grade again on every save) and `--list` (every chapter's
/// progress); instructors have `--submissions DIR` (a class, each submission and chapter in a
/// JVM of its own) with its exports `--csv`, `--json` and `--junit`.
@Command(name = "./jbang grade", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Grade your exercises with the chapter tests.",
                "Runs the tests of each chapter (default: every chapter) on exercises/, prints PASS or FAIL with a hint",
                "per test and a score per chapter, and ends with 'N passed, N failed'.",
                "Instructors: --submissions DIR grades every subfolder of DIR as one student's submission."})
public final class GradeCommand implements Callable<Integer> {

    @Option(names = "--solutions", description = "Grade the reference solutions/ instead of your exercises/.")
    boolean solutions;

    @Option(names = "--watch", description = "Grade again each time a file of the chapter in exercises/ is saved.")
    boolean watch;

    @Option(names = "--list", description = "Show every chapter's progress, one line each.")
    boolean list;

    @Option(names = "--submissions", paramLabel = "DIR",
            description = "Grade every subfolder of DIR (a student's exercises/ or clone), each chapter in a JVM of its own.")
    Path submissions;

    @Option(names = "--csv", paramLabel = "FILE", description = "With --submissions: write a gradebook, a row per student, a column per chapter and the total.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "With --submissions: write Gradescope's results.json (one per student when there are several).")
    Path json;

    @Option(names = "--junit", paramLabel = "DIR", description = "With --submissions: write a JUnit XML report per submission into DIR.")
    Path junit;

    @Option(names = "--hidden", description = "Also run the hidden tests (instructor grading always does).")
    boolean hidden;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The time limit of one test (default: ${DEFAULT-VALUE}).")
    int timeout = 10;

    @Option(names = "--memory", paramLabel = "SIZE", description = "With --submissions or --watch: the heap of each JVM, as for -Xmx (default: ${DEFAULT-VALUE}).")
    String memory = "256m";

    @Option(names = "--jobs", paramLabel = "N", description = "With --submissions: grade N submissions at a time (default: ${DEFAULT-VALUE}).")
    int jobs = 1;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Parameters(paramLabel = "chNN", arity = "0..*", description = "The chapters to grade, e.g. ch01 (default: all).")
    List<String> chapters = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = Repo.root();
        List<String> known = Grader.chapters(root);
        for (String chapter : chapters) {
            if (!known.contains(chapter)) {
                System.err.println("grade: there is no chapter '" + chapter + "' with tests; the chapters are " + String.join(", ", known) + ".");
                return 2;
            }
        }
        checkOptions();
        List<String> graded = chapters.isEmpty() ? known : chapters;
        Duration limit = Duration.ofSeconds(timeout);
        if (submissions != null) {
            return new ClassGrading(root, graded, new Isolated.Limits(limit, memory, true, true), jobs, System.out)
                    .run(submissions.toAbsolutePath().normalize(), csv, json, junit);
        }
        if (watch) {
            new Watch(root, graded, new Isolated.Limits(limit, memory, hidden, false), System.out).run();
            return 0;
        }
        String source = solutions ? "solutions" : "exercises";
        Suite.Settings settings = hidden ? new Suite.Settings(true, limit)
                : Suite.Settings.student(limit);
        if (list) {
            return list(root, graded, root.resolve(source), settings);
        }
        Report report = new Report(System.out, true);
        for (String chapter : graded) {
            report.heading(chapter + " (" + source + "/" + chapter + ")");
            Grader.notes(root, chapter, root.resolve(source), source + "/").forEach(report::note);
            report.suite(chapter, Grader.grade(root, chapter, root.resolve(source), settings));
        }
        return report.finish();
    }

    private void checkOptions() {
        if (submissions == null && (csv != null || json != null || junit != null)) {
            throw new UserError("--csv, --json and --junit write the results of --submissions DIR; add --submissions.");
        }
        if (submissions != null && (watch || list || solutions)) {
            throw new UserError("--submissions grades a class; it does not go with --watch, --list or --solutions.");
        }
        if (watch && list) {
            throw new UserError("choose either --watch or --list.");
        }
        if (jobs < 1) {
            throw new UserError("--jobs must be at least 1, not " + jobs + ".");
        }
        if (timeout < 1) {
            throw new UserError("--timeout must be at least 1 second, not " + timeout + ".");
        }
        if (!memory.matches("\\d+[kKmMgG]?")) {
            throw new UserError("--memory must be a size such as 256m or 1g, not '" + memory + "'.");
        }
    }

    /// `--list`: one line per chapter, its tests passed and points, and the next failing test.
    /// It reports progress, so it exits 0 once it has listed, however many tests still fail.
    private static int list(Path root, List<String> chapters, Path impl, Suite.Settings settings) {
        for (String chapter : chapters) {
            Suite.Result result = Grader.grade(root, chapter, impl, settings);
            String summary = Watch.summary(chapter, result);
            System.out.println(summary.lines().findFirst().orElse(summary));
            summary.lines().skip(1).forEach(line -> System.out.println("    " + line.strip()));
        }
        return 0;
    }
}

package grader;

import bp.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `./jbang grade [--solutions] [chNN ...]`: runs the graded tests of the chapters on the
/// student's `exercises/` (or on `solutions/`) and prints one line per test, a score per
/// chapter, and `N passed, N failed`. Exit code 0 only when every test passed.
@Command(name = "./jbang grade", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Grade your exercises with the chapter tests.",
                "Runs the tests of each chapter (default: every chapter) on exercises/, prints PASS or FAIL with a hint",
                "per test and a score per chapter, and ends with 'N passed, N failed'."})
public final class GradeCommand implements Callable<Integer> {

    @Option(names = "--solutions", description = "Grade the reference solutions/ instead of your exercises/.")
    boolean solutions;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Parameters(paramLabel = "chNN", arity = "0..*", description = "The chapters to grade, e.g. ch01 (default: all).")
    List<String> chapters = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = Repo.root();
        List<String> known = Grader.chapters(root);
        for (String chapter : chapters) {
            if (!known.contains(chapter)) {
                System.err.println("grade: there is no chapter '" + chapter + "' with tests; the chapters are " + String.join(", ", known) + ".");
                return 2;
            }
        }
        String source = solutions ? "solutions" : "exercises";
        Report report = new Report(System.out);
        for (String chapter : chapters.isEmpty() ? known : chapters) {
            report.heading(chapter + " (" + source + "/" + chapter + ")");
            report.suite(chapter, Grader.grade(root, chapter, root.resolve(source)));
        }
        return report.finish();
    }
}

package grader;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/// Prints results the way every tool here does: a heading per section, one line per test
/// (`PASS name`, or `FAIL name — hint`), a score per section, and the closing line
/// `N passed, N failed`. A report with points (the grader's) also prints each test's points
/// earned and worth, and a chapter's total.
final class Report {

    private final PrintStream out;
    private final boolean points;
    private long passed;
    private long failed;
    private double earned;
    private double worth;

    Report(PrintStream out) {
        this(out, false);
    }

    Report(PrintStream out, boolean points) {
        this.out = out;
        this.points = points;
    }

    void heading(String text) {
        out.println();
        out.println("== " + text);
    }

    /// Prints a suite's compiler messages (if any), its outcomes, and `label: passed/total`.
    void suite(String label, Suite.Result result) {
        if (!result.compiled()) {
            out.println(result.compileErrors().indent(4).stripTrailing());
        }
        for (Suite.Outcome outcome : result.outcomes()) {
            String name = points ? number(outcome.earned()) + "/" + number(outcome.points()) + "  " + outcome.name() : outcome.name();
            line(outcome.passed(), name, outcome.hint());
            if (!outcome.passed()) {
                printed(outcome.output());
            }
        }
        if (result.hiddenTests() > 0) {
            out.println("  HIDDEN  " + result.hiddenTests() + (result.hiddenTests() == 1 ? " test" : " tests") + " worth "
                    + number(result.hiddenPoints()) + (result.hiddenPoints() == 1 ? " point" : " points") + ", run only when your instructor grades");
        }
        earned += result.earned();
        worth += result.points();
        out.println("  " + label + ": " + result.passed() + "/" + result.outcomes().size() + " passed"
                + (points ? ", " + number(result.earned()) + "/" + number(result.points()) + " points" : ""));
    }

    /// A chapter of a submission in one line (points and tests passed), then its compiler's
    /// first messages when it does not compile, and one line per failed test with its cause.
    void chapterLine(String chapter, Suite.Result result) {
        out.println("  " + chapter + "  " + number(result.earned()) + "/" + number(result.points()) + " points, "
                + result.passed() + "/" + result.outcomes().size() + " tests passed" + (result.compiled() ? "" : ", does not compile:"));
        if (!result.compiled()) {
            List<String> messages = result.compileErrors().lines().toList();
            messages.subList(0, Math.min(messages.size(), MAX_PRINTED_LINES)).forEach(line -> out.println("        | " + line));
        }
        for (Suite.Outcome outcome : result.outcomes()) {
            if (outcome.passed()) {
                passed++;
            } else {
                failed++;
                out.println("      FAIL  " + number(outcome.earned()) + "/" + number(outcome.points()) + "  " + outcome.name()
                        + (outcome.hint() == null ? "" : " — " + outcome.hint()));
            }
        }
        earned += result.earned();
        worth += result.points();
    }

    /// A remark of the grader about a submission, on a line of its own.
    void note(String text) {
        out.println("  NOTE  " + text);
    }

    /// A number of points as people write it: 3, 1.5, 0.33.
    static String number(double value) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    void line(boolean ok, String name, String hint) {
        if (ok) {
            passed++;
            out.println("  PASS  " + name);
        } else {
            failed++;
            out.println("  FAIL  " + name + (hint == null ? "" : " — " + hint));
        }
    }

    /// The last lines a failed test printed, indented under its FAIL line.
    private void printed(String output) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        int from = Math.max(0, lines.size() - MAX_PRINTED_LINES);
        out.println("        it printed" + (from > 0 ? " (last " + MAX_PRINTED_LINES + " lines)" : "") + ":");
        lines.subList(from, lines.size()).forEach(line -> out.println("        | " + line));
    }

    private static final int MAX_PRINTED_LINES = 10;

    /// Adds the counts and points of `other`, a report printed elsewhere (a submission graded in parallel).
    void add(Report other) {
        passed += other.passed;
        failed += other.failed;
        earned += other.earned;
        worth += other.worth;
    }

    long passed() {
        return passed;
    }

    long failed() {
        return failed;
    }

    /// Prints the closing line; the exit code is 0 only when every test passed and one ran.
    int finish() {
        out.println();
        if (points) {
            out.println("points: " + number(earned) + "/" + number(worth));
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}

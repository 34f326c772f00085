package grader;

import java.io.PrintStream;
import java.util.List;

/// Prints results the way every tool here does: a heading per section, one line per test
/// (`PASS name`, or `FAIL name — hint`), a score per section, and the closing line
/// `N passed, N failed`.
final class Report {

    private final PrintStream out;
    private long passed;
    private long failed;

    Report(PrintStream out) {
        this.out = out;
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
            line(outcome.passed(), outcome.name(), outcome.hint());
            if (!outcome.passed()) {
                printed(outcome.output());
            }
        }
        out.println("  " + label + ": " + result.passed() + "/" + result.outcomes().size() + " passed");
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

    long passed() {
        return passed;
    }

    long failed() {
        return failed;
    }

    /// Prints the closing line; the exit code is 0 only when every test passed and one ran.
    int finish() {
        out.println();
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}

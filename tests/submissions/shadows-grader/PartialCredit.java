package grader;

import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.function.Executable;

/// A hostile submission's own grader.PartialCredit, the helper the tests use to give partial
/// credit: every case counts as right, whatever it throws. Compiled with the chapter, it would
/// stand in front of the grader's. The grader refuses a chapter with a class outside the
/// chapters' packages.
public final class PartialCredit {

    private final TestReporter reporter;

    public PartialCredit(TestReporter reporter) {
        this.reporter = reporter;
    }

    public void check(Executable assertions) {
        try {
            assertions.execute();
        } catch (Throwable ignored) {
            // every case is right
        }
    }

    public void finish() {
        reporter.publishEntry("partial-credit", "1/1");
    }
}

package grader;

import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.function.Executable;

/// Partial credit for a test made of several independent cases: each case that holds earns its
/// share of the test's [Points].
///
/// ```java
/// @Test
/// @Points(4)
/// void sigmoidAtKnownPoints(TestReporter reporter) {
///     var cases = new PartialCredit(reporter);
///     for (int i = 0; i < z.length; i++) {
///         cases.check(() -> assertEquals(expected[i], Activations.sigmoid(z[i]), ...));
///     }
///     cases.finish();
/// }
/// ```
///
/// A case that fails an assertion counts as wrong and the next case still runs; any other
/// exception (an unfinished exercise, a crash) ends the test at once with no credit. [#finish]
/// reports the share to the grader (as the JUnit report entry [#KEY] = `right/cases`) and fails
/// with the first wrong case's message when any case was wrong.
public final class PartialCredit {

    /// The key of the report entry the grader reads: `right/cases`, for example `3/4`.
    public static final String KEY = "partial-credit";

    private final TestReporter reporter;
    private int cases;
    private int right;
    private AssertionError firstWrong;

    public PartialCredit(TestReporter reporter) {
        this.reporter = reporter;
    }

    /// Runs one case: its assertions hold (a right case) or fail (a wrong one).
    public void check(Executable assertions) throws Throwable {
        cases++;
        try {
            assertions.execute();
            right++;
        } catch (AssertionError wrong) {
            if (firstWrong == null) {
                firstWrong = wrong;
            }
        }
    }

    /// Reports the share of right cases and fails with the first wrong case's message, if any.
    public void finish() {
        reporter.publishEntry(KEY, right + "/" + cases);
        if (firstWrong != null) {
            throw new AssertionError(right + " of " + cases + " cases right; the first wrong one: "
                    + firstWrong.getMessage(), firstWrong);
        }
    }
}

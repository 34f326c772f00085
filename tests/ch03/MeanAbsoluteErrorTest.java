package ch03;

import static ch03.Mistakes.text;
import static ch03.Mistakes.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import grader.Points;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch03-mae and ch03-mae-gradient.
///
/// The worked batch a = (0.9, 0.2, 0.7, 0.4), y = (1, 0, 1, 0) has the errors a − y =
/// (−0.1, 0.2, −0.3, 0.4); the expected values were worked out by hand from them. The gradient
/// is checked against centred differences away from the kink a = y, and at the kink against the
/// subgradient 0 that the doc comment fixes.
@Order(2)
@DisplayName("MeanAbsoluteError")
class MeanAbsoluteErrorTest {

    static final double[] A = {0.9, 0.2, 0.7, 0.4};
    static final double[] Y = {1, 0, 1, 0};

    final Cost mae = new MeanAbsoluteError();

    @Test
    @Order(1)
    @DisplayName("MAE of the worked batch is (0.1 + 0.2 + 0.3 + 0.4) / 4 = 0.25")
    void valueOfTheWorkedBatch() {
        double actual = mae.value(A.clone(), Y.clone());
        assertEquals(0.25, actual, 1e-12, () -> "MAE of a = " + text(A) + ", y = " + text(Y)
                + " should be 0.25 but was " + actual + Mistakes.of(actual,
                        1.0, "the 1/N is missing (that is the sum of the absolute errors, not their mean)",
                        0.05, "the absolute value is missing: errors of opposite signs cancel out",
                        -0.05, "the absolute value is missing: errors of opposite signs cancel out",
                        0.075, "that is the mean of (a − y)² (MSE); take |a − y| instead"));
    }

    @Test
    @Order(2)
    @DisplayName("MAE gradient of the worked batch is sign(a − y)/N = (−0.25, 0.25, −0.25, 0.25)")
    void gradientOfTheWorkedBatch() {
        double[] expected = {-0.25, 0.25, -0.25, 0.25};
        double[] actual = mae.gradient(A.clone(), Y.clone());
        assertNotNull(actual, "MeanAbsoluteError.gradient returned null");
        assertEquals(4, actual.length, () -> "the gradient of 4 predictions should have 4 entries but had "
                + actual.length);
        assertArrayEquals(expected, actual, 1e-12, () -> "∂C/∂a for a = " + text(A) + ", y = " + text(Y)
                + " should be " + text(expected) + " but was " + text(actual) + Mistakes.of(actual,
                        times(4, expected), "the 1/N is missing (N = 4 here)",
                        times(-1, expected), "the sign is flipped: it is sign(a − y)/N, +1/N when a is too large",
                        new double[] {-0.025, 0.05, -0.075, 0.1}, "that is (a − y)/N; the slope of |a − y| is ±1 "
                                + "whatever the size of the error",
                        new double[] {-0.05, 0.1, -0.15, 0.2}, "that is 2(a − y)/N, the gradient of MSE"));
    }

    @Test
    @Order(3)
    @DisplayName("MAE gradient at the kink a = y is the documented subgradient 0, next to ±1/N elsewhere")
    void subgradientAtTheKinkIsZero() {
        double[] a = {0.5, 0.3, -2.0, 0.8, 0.0};
        double[] y = {0.5, 0.3, -2.0, 0.1, 0.0};
        double[] expected = {0, 0, 0, 0.2, 0};
        double[] actual = mae.gradient(a.clone(), y.clone());
        assertNotNull(actual, "MeanAbsoluteError.gradient returned null");
        assertFalse(Mistakes.nonFinite(actual), () -> "∂C/∂a for a = " + text(a) + ", y = " + text(y)
                + " should be " + text(expected) + " but was " + text(actual) + ": (a − y)/|a − y| is 0/0 = NaN "
                + "at a = y; Math.signum(a − y) gives the subgradient 0 there");
        assertArrayEquals(expected, actual, 1e-12, () -> "∂C/∂a for a = " + text(a) + ", y = " + text(y)
                + " should be " + text(expected) + " but was " + text(actual)
                + (Math.abs(Math.abs(actual[0]) - 0.2) < 1e-12 ? ": where a = y the documented subgradient is 0 "
                        + "(Math.signum(0) = 0), not ±1/N; a > y ? 1 : −1 picks one side of the kink" : ""));
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("MAE gradient matches centred differences away from the kink on seeded random batches, N = 1 to 8")
    void gradientMatchesCentredDifferences() {
        Random random = new Random(231);
        for (int N = 1; N <= 8; N++) {
            double[] y = new double[N];
            double[] a = new double[N];
            for (int n = 0; n < N; n++) {
                y[n] = random.nextGaussian();
                // at least 0.01 from the kink, far more than the step h = 1e-5 of the centred difference
                a[n] = y[n] + (random.nextBoolean() ? 1 : -1) * (0.01 + random.nextDouble());
            }
            double[] analytic = mae.gradient(a.clone(), y.clone());
            // the cost (1/N) Σ |a − y| written out here, so that this checks your gradient and not your value
            double[] numeric = GradCheck.numericGradient(v -> meanAbsolute(v, y), a.clone());
            // piecewise linear away from the kink: exact up to rounding, about 1e-10
            GradCheck.Report report = GradCheck.compare("∂C/∂a", analytic, numeric);
            int size = N;
            assertTrue(report.passes(), () -> "for N = " + size
                    + " the gradient and the slope of (1/N) Σ |a − y| disagree, " + report
                    + " (should be below 1e-7)" + Mistakes.of(analytic,
                            times(size, numeric), "the 1/N is missing",
                            times(-1, numeric), "the sign is flipped"));
        }
    }

    /// (1/N) Σ |a − y|, written out.
    static double meanAbsolute(double[] a, double[] y) {
        double sum = 0;
        for (int n = 0; n < a.length; n++) {
            sum += Math.abs(a[n] - y[n]);
        }
        return sum / a.length;
    }
}

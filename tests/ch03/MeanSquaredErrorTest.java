package ch03;

import static ch03.Mistakes.text;
import static ch03.Mistakes.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import grader.Hidden;
import grader.Points;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch03-mse and ch03-mse-gradient.
///
/// The worked batch a = (0.9, 0.2, 0.7, 0.4), y = (1, 0, 1, 0) has the errors a − y =
/// (−0.1, 0.2, −0.3, 0.4); the expected values below were worked out by hand from them. The
/// other tests are properties on seeded random batches and a centred-difference gradient check.
@Order(1)
@DisplayName("MeanSquaredError")
class MeanSquaredErrorTest {

    static final double[] A = {0.9, 0.2, 0.7, 0.4};
    static final double[] Y = {1, 0, 1, 0};

    final Cost mse = new MeanSquaredError();

    @Test
    @Order(1)
    @DisplayName("MSE of the worked batch is (0.01 + 0.04 + 0.09 + 0.16) / 4 = 0.075")
    void valueOfTheWorkedBatch() {
        double actual = mse.value(A.clone(), Y.clone());
        assertEquals(0.075, actual, 1e-12, () -> "MSE of a = " + text(A) + ", y = " + text(Y)
                + " should be 0.075 but was " + actual + Mistakes.of(actual,
                        0.30, "the 1/N is missing (that is the sum of the squared errors, not their mean)",
                        0.0375, "a 1/2 too many: here C is the plain mean of (a − y)², without the 1/2 some books use",
                        0.25, "that is the mean of |a − y| (MAE); square the errors instead",
                        0.05, "the errors are not squared: (a − y)² for each example, then the mean",
                        Math.sqrt(0.075), "that is the root of the mean (RMSE); leave out the square root"));
    }

    @Test
    @Order(2)
    @DisplayName("MSE gradient of the worked batch is 2(a − y)/N = (−0.05, 0.1, −0.15, 0.2)")
    void gradientOfTheWorkedBatch() {
        double[] expected = {-0.05, 0.1, -0.15, 0.2};
        double[] actual = mse.gradient(A.clone(), Y.clone());
        assertNotNull(actual, "MeanSquaredError.gradient returned null");
        assertEquals(4, actual.length, () -> "the gradient of 4 predictions should have 4 entries but had "
                + actual.length);
        assertArrayEquals(expected, actual, 1e-12, () -> "∂C/∂a for a = " + text(A) + ", y = " + text(Y)
                + " should be " + text(expected) + " but was " + text(actual) + Mistakes.of(actual,
                        times(4, expected), "the 1/N is missing (N = 4 here)",
                        times(0.5, expected), "the factor 2 is missing: d/da (a − y)² = 2(a − y)",
                        times(-1, expected), "the sign is flipped: it is 2(a − y)/N, positive when a is too large",
                        times(2, expected), "that is a − y: both the factor 2 and the 1/N are missing",
                        times(-4, expected), "the sign is flipped and the 1/N is missing",
                        new double[] {-0.25, 0.25, -0.25, 0.25}, "that is sign(a − y)/N, the gradient of MAE"));
    }

    @Test
    @Order(3)
    @Points(2)
    @DisplayName("MSE gradient matches centred differences of the value on seeded random batches, N = 1 to 8")
    void gradientMatchesCentredDifferences() {
        Random random = new Random(231);
        for (int N = 1; N <= 8; N++) {
            double[] a = gaussian(random, N);
            double[] y = gaussian(random, N);
            double[] analytic = mse.gradient(a.clone(), y.clone());
            // the cost written out here, so that this checks your gradient and not your value
            double[] numeric = GradCheck.numericGradient(v -> meanSquare(v, y), a.clone());
            // a quadratic: centred differences are exact up to rounding, about 1e-10
            GradCheck.Report report = GradCheck.compare("∂C/∂a", analytic, numeric);
            int n = N;
            assertTrue(report.passes(), () -> "for N = " + n
                    + " the gradient and the slope of (1/N) Σ (a − y)² disagree, " + report
                    + " (should be below 1e-7)" + Mistakes.of(analytic,
                            times(n, numeric), "the 1/N is missing",
                            times(0.5, numeric), "the factor 2 is missing",
                            times(-1, numeric), "the sign is flipped"));
        }
    }

    @Test
    @Order(4)
    @Hidden
    @DisplayName("MSE is a mean: one example a = 3, y = 1 costs 4, a batch and the same batch twice cost the same")
    void valueIsAMean() {
        double one = mse.value(new double[] {3}, new double[] {1});
        assertEquals(4, one, 1e-12, () -> "MSE of a = (3), y = (1) should be (3 − 1)² = 4 but was " + one);
        Random random = new Random(231);
        for (int N = 1; N <= 6; N++) {
            double[] a = gaussian(random, N);
            double[] y = gaussian(random, N);
            double[] a2 = twice(a);
            double[] y2 = twice(y);
            double expected = mse.value(a, y);
            double actual = mse.value(a2, y2);
            int n = N;
            assertEquals(expected, actual, 1e-12, () -> "a batch of " + n + " costs " + expected
                    + " but the same batch twice (" + 2 * n + " examples) costs " + actual + " instead of the same"
                    + (Math.abs(actual - 2 * expected) < 1e-9 ? ": the 1/N is missing, the cost is a mean" : ""));
        }
    }

    /// (1/N) Σ (a − y)², written out.
    static double meanSquare(double[] a, double[] y) {
        double sum = 0;
        for (int n = 0; n < a.length; n++) {
            sum += (a[n] - y[n]) * (a[n] - y[n]);
        }
        return sum / a.length;
    }

    static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /// v followed by v again (length 2n).
    static double[] twice(double[] v) {
        double[] w = new double[2 * v.length];
        System.arraycopy(v, 0, w, 0, v.length);
        System.arraycopy(v, 0, w, v.length, v.length);
        return w;
    }
}

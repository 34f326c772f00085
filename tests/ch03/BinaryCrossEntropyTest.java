package ch03;

import static ch03.Mistakes.num;
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

/// Graded tests of exercises ch03-bce and ch03-bce-gradient.
///
/// The worked batch is a = (0.9, 0.2, 0.7, 0.4), y = (1, 0, 1, 0): its cost
/// −(ln 0.9 + ln 0.8 + ln 0.7 + ln 0.6)/4 and gradient (a − y)/(a(1 − a)·4) were computed
/// independently in Python (math.log). The confident predictions a = 0 and a = 1 are checked
/// against the clipped values worked out by hand: −ln ε = 27.631 for ε = 1e-12, and ±1/(εN).
@Order(3)
@DisplayName("BinaryCrossEntropy")
class BinaryCrossEntropyTest {

    static final double[] A = {0.9, 0.2, 0.7, 0.4};
    static final double[] Y = {1, 0, 1, 0};

    /// −ln(1e-12), from Python: -math.log(1e-12).
    static final double MINUS_LN_EPSILON = 27.631021115928547;

    final Cost bce = new BinaryCrossEntropy();

    @Test
    @Order(1)
    @DisplayName("BCE of the worked batch is −(ln 0.9 + ln 0.8 + ln 0.7 + ln 0.6)/4 = 0.2990011586691898")
    void valueOfTheWorkedBatch() {
        double expected = 0.2990011586691898;
        double actual = bce.value(A.clone(), Y.clone());
        assertEquals(expected, actual, 1e-12, () -> "BCE of a = " + text(A) + ", y = " + text(Y)
                + " should be " + expected + " but was " + actual + Mistakes.of(actual,
                        4 * expected, "the 1/N is missing (that is the sum over the examples, not the mean)",
                        -expected, "the minus in front is missing: ln a < 0, so C = −(1/N) Σ [...] is positive",
                        0.12985455329270776, "that is log base 10; use the natural log, Math.log",
                        0.11550886489913968, "the (1 − y) ln(1 − a) term is missing: examples with y = 0 cost nothing",
                        1.0601317681000455, "y and 1 − y are swapped: y ln a + (1 − y) ln(1 − a)"));
    }

    @Test
    @Order(2)
    @DisplayName("BCE gradient of the worked batch is (a − y)/(a(1 − a)N) = (−0.278, 0.3125, −0.357, 0.417)")
    void gradientOfTheWorkedBatch() {
        // [(a - y) / (a * (1 - a) * 4) for a, y in zip(A, Y)] in Python
        double[] expected = {-0.2777777777777778, 0.31249999999999994, -0.35714285714285715, 0.4166666666666667};
        double[] actual = bce.gradient(A.clone(), Y.clone());
        assertNotNull(actual, "BinaryCrossEntropy.gradient returned null");
        assertEquals(4, actual.length, () -> "the gradient of 4 predictions should have 4 entries but had "
                + actual.length);
        assertArrayEquals(expected, actual, 1e-12, () -> "∂C/∂a for a = " + text(A) + ", y = " + text(Y)
                + " should be " + text(expected) + " but was " + text(actual) + Mistakes.of(actual,
                        times(4, expected), "the 1/N is missing (N = 4 here)",
                        times(-1, expected), "the sign is flipped: it is −(1/N)[y/a − (1 − y)/(1 − a)] "
                                + "= (a − y)/(a(1 − a)N), positive when a is too large",
                        times(-4, expected), "the sign is flipped and the 1/N is missing",
                        new double[] {-0.025, 0.05, -0.075, 0.1}, "that is (a − y)/N, the gradient with respect to z "
                                + "after σ'(z) = a(1 − a) cancelled; here we want ∂C/∂a, so divide by a(1 − a)"));
    }

    @Test
    @Order(3)
    @Points(2)
    @DisplayName("BCE gradient matches centred differences on seeded random batches, hard and soft targets")
    void gradientMatchesCentredDifferences() {
        Random random = new Random(231);
        for (int N = 1; N <= 8; N++) {
            double[] a = new double[N];
            double[] y = new double[N];
            for (int n = 0; n < N; n++) {
                a[n] = 0.1 + 0.8 * random.nextDouble();
                // hard targets 0 or 1 for odd N, soft targets in [0, 1] for even N
                y[n] = N % 2 == 1 ? random.nextInt(2) : random.nextDouble();
            }
            double[] analytic = bce.gradient(a.clone(), y.clone());
            // the cost written out here (no clipping needed in [0.1, 0.9]), so that this checks your gradient
            double[] numeric = GradCheck.numericGradient(v -> crossEntropy(v, y), a.clone());
            // smooth on [0.1, 0.9]: the centred difference is good to about 1e-9 there
            GradCheck.Report report = GradCheck.compare("∂C/∂a", analytic, numeric);
            int size = N;
            assertTrue(report.passes(), () -> "for a = " + text(a) + ", y = " + text(y) + " the gradient and the "
                    + "slope of −(1/N) Σ [y ln a + (1 − y) ln(1 − a)] disagree, " + report
                    + " (should be below 1e-7)" + Mistakes.of(analytic,
                            times(size, numeric), "the 1/N is missing",
                            times(-1, numeric), "the sign is flipped"));
        }
    }

    @Test
    @Order(4)
    @DisplayName("BCE of confident right predictions (a = y = 1 or 0) is finite and about 0, not NaN from 0 · ln 0")
    void confidentRightPredictionsCostNothing() {
        double[] a = {1, 0, 1, 0};
        double[] y = {1, 0, 1, 0};
        double actual = bce.value(a.clone(), y.clone());
        assertFalse(Mistakes.nonFinite(actual), () -> "BCE of a = " + text(a) + ", y = " + text(y)
                + " should be about 0 but was " + actual + ": for a = 1 the term (1 − y) ln(1 − a) is 0 · ln 0 = "
                + "0 · (−∞) = NaN; clip a to [EPSILON, 1 − EPSILON] before taking the logs");
        assertEquals(0, actual, 1e-9, () -> "BCE of a = " + text(a) + ", y = " + text(y)
                + " should be about 0 (−ln(1 − ε) ≈ 1e-12) but was " + actual
                + (actual > 0 && actual < 1e-3 ? ": clip with the documented ε = EPSILON = 1e-12 (this looks like ε = "
                        + num(actual) + ")" : ""));
    }

    @Test
    @Order(5)
    @DisplayName("BCE of confident wrong predictions (a = 0 for y = 1, a = 1 for y = 0) is −ln ε = 27.631, not ∞")
    void confidentWrongPredictionsAreClipped() {
        double[] a = {0, 1};
        double[] y = {1, 0};
        double actual = bce.value(a.clone(), y.clone());
        assertFalse(Mistakes.nonFinite(actual), () -> "BCE of a = " + text(a) + ", y = " + text(y)
                + " should be −ln ε = " + MINUS_LN_EPSILON + " but was " + actual
                + ": ln 0 = −∞ (and 0 · ln 0 = NaN); clip a to [EPSILON, 1 − EPSILON] before taking the logs");
        // 1 − (1 − ε) is ε only to 4 digits in double, so the a = 1 term is −ln ε to about 1e-4
        assertEquals(MINUS_LN_EPSILON, actual, 1e-3, () -> "BCE of a = " + text(a) + ", y = " + text(y)
                + " should be −ln ε = " + MINUS_LN_EPSILON + " but was " + actual + wrongClip(actual));
    }

    @Test
    @Order(6)
    @DisplayName("BCE gradient of confident predictions a = 0 or 1 is finite: ±1/(εN) when wrong, ±1/N when right")
    void gradientOfConfidentPredictionsIsFinite() {
        double[] a = {0, 1, 0, 1};
        double[] y = {1, 0, 0, 1};
        // by hand, with a clipped to ε or 1 − ε and N = 4: (ε − 1)/(ε(1 − ε)4) = −1/(4ε), and so on
        double eps = 1e-12;
        double[] expected = {-1 / (4 * eps), 1 / (4 * eps), 0.25, -0.25};
        double[] actual = bce.gradient(a.clone(), y.clone());
        assertNotNull(actual, "BinaryCrossEntropy.gradient returned null");
        assertFalse(Mistakes.nonFinite(actual), () -> "∂C/∂a for a = " + text(a) + ", y = " + text(y)
                + " should be about " + text(expected) + " but was " + text(actual)
                + ": a(1 − a) = 0 for a = 0 or 1, and 1/0 = ∞, 0/0 = NaN; clip a to [EPSILON, 1 − EPSILON] first");
        for (int n = 0; n < 4; n++) {
            int i = n;
            // 1 − (1 − ε) is ε only to 4 digits in double: a relative tolerance of 1e-3
            assertTrue(GradCheck.relError(expected[n], actual[n]) < 1e-3, () -> "∂C/∂a for a = " + text(a)
                    + ", y = " + text(y) + " should be about " + text(expected) + " but was " + text(actual)
                    + " (entry " + i + " is off)" + confidentMistake(expected[i], actual[i]));
        }
    }

    /// The hint for a wrong, finite cost of the confident wrong batch a = (0, 1), y = (1, 0).
    static String wrongClip(double actual) {
        if (Math.abs(actual - 2 * MINUS_LN_EPSILON) < 1e-2) {
            return ": the 1/N is missing (that is the sum over the 2 examples, not the mean)";
        }
        if (actual < 0) {
            return ": the minus in front is missing: ln a < 0, so C = −(1/N) Σ [...] is positive";
        }
        if (Math.abs(actual - 12) < 1e-3) {
            return ": that is −log10 ε; use the natural log, Math.log";
        }
        return ": clip with the documented ε = EPSILON = 1e-12 (this looks like ε = " + num(Math.exp(-actual)) + ")";
    }

    /// The hint for a wrong entry of the gradient of confident predictions.
    static String confidentMistake(double expected, double actual) {
        if (Math.signum(actual) == -Math.signum(expected)) {
            return ": the sign is flipped";
        }
        if (Math.abs(expected) > 1 && Math.abs(actual) <= 1) {
            return ": a confident wrong prediction should get a huge push; is this ∂C/∂a = (a − y)/(a(1 − a)N), "
                    + "with a clipped first?";
        }
        return ": clip a with the documented ε = EPSILON = 1e-12";
    }

    /// −(1/N) Σ [y ln a + (1 − y) ln(1 − a)], written out, for a strictly between 0 and 1.
    static double crossEntropy(double[] a, double[] y) {
        double sum = 0;
        for (int n = 0; n < a.length; n++) {
            sum += y[n] * Math.log(a[n]) + (1 - y[n]) * Math.log(1 - a[n]);
        }
        return -sum / a.length;
    }
}

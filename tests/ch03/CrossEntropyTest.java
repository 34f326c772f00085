package ch03;

import static ch03.Mistakes.call;
import static ch03.Mistakes.text;
import static ch03.Mistakes.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import grader.Hidden;
import grader.Points;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch03-ce, ch03-ce-gradient and ch03-softmax-ce-gradient.
///
/// The worked batch has N = 2 examples and K = 3 classes (N ≠ K, so rows and columns cannot be
/// confused unnoticed): p = [(0.7, 0.2, 0.1), (0.1, 0.5, 0.4)], classes 0 and 2. Its cost
/// −(ln 0.7 + ln 0.4)/2 and the softmax values were computed independently in Python
/// (math.log, math.exp); the gradients are checked against centred differences, with a softmax
/// written out in this test so that it does not depend on anyone's ch02.
@Order(4)
@DisplayName("CrossEntropy")
class CrossEntropyTest {

    static final double[][] P = {{0.7, 0.2, 0.1}, {0.1, 0.5, 0.4}};
    static final double[][] Y = {{1, 0, 0}, {0, 0, 1}};

    /// −ln(1e-12), from Python: -math.log(1e-12).
    static final double MINUS_LN_EPSILON = 27.631021115928547;

    @Test
    @Order(1)
    @DisplayName("cross-entropy of the worked batch is −(ln 0.7 + ln 0.4)/2 = 0.6364828379064438")
    void valueOfTheWorkedBatch() {
        double expected = 0.6364828379064438;
        double actual = call("CrossEntropy.value", () -> CrossEntropy.value(copy(P), copy(Y)));
        double allClasses = -(Math.log(0.7 * 0.2 * 0.1) + Math.log(0.1 * 0.5 * 0.4)) / 2;
        double perClass = -(Math.log(0.7) + Math.log(0.8 * 0.9) + Math.log(0.9 * 0.5) + Math.log(0.4)) / 2;
        assertEquals(expected, actual, 1e-12, () -> "cross-entropy of p = " + text(P) + ", y = " + text(Y)
                + " should be " + expected + " but was " + actual + Mistakes.of(actual,
                        2 * expected, "the 1/N is missing (N = 2 examples here)",
                        expected / 3, "divided by N·K = 6; the mean is over the N examples only",
                        -expected, "the minus in front is missing: ln p < 0, so C = −(1/N) Σ y ln p is positive",
                        -(Math.log(0.7) + Math.log(0.5)) / 2, "that uses the p of the most likely class; use the "
                                + "target class, the k where y_nk = 1",
                        allClasses, "ln p is summed over every class; weight each by y_nk, so that only the "
                                + "target class counts",
                        allClasses / 3, "ln p is summed over every class and divided by N·K; weight each by y_nk",
                        perClass, "that is a binary cross-entropy per class; the multi-class cost has only the "
                                + "y ln p term"));
    }

    @Test
    @Order(2)
    @DisplayName("cross-entropy is finite where p = 0: 0 when sure and right, −ln ε = 27.631 when sure and wrong")
    void valueIsFiniteForZeroProbabilities() {
        double[][] pRight = {{1, 0, 0}, {0, 1, 0}};
        double[][] yRight = {{1, 0, 0}, {0, 1, 0}};
        double right = call("CrossEntropy.value", () -> CrossEntropy.value(copy(pRight), copy(yRight)));
        assertFalse(Mistakes.nonFinite(right), () -> "cross-entropy of p = " + text(pRight) + ", y = " + text(yRight)
                + " should be 0 but was " + right + ": y ln p is 0 · ln 0 = 0 · (−∞) = NaN where p = 0; clip p to at "
                + "least EPSILON before the log");
        assertEquals(0, right, 1e-12, () -> "cross-entropy of p = " + text(pRight) + ", y = " + text(yRight)
                + " should be 0 (every answer is right and sure) but was " + right);
        double[][] pWrong = {{0, 1, 0}};
        double[][] yWrong = {{1, 0, 0}};
        double wrong = call("CrossEntropy.value", () -> CrossEntropy.value(copy(pWrong), copy(yWrong)));
        assertEquals(MINUS_LN_EPSILON, wrong, 1e-9, () -> "cross-entropy of p = " + text(pWrong) + ", y = "
                + text(yWrong) + " should be −ln ε = " + MINUS_LN_EPSILON + " but was " + wrong
                + (Mistakes.nonFinite(wrong) ? ": ln 0 = −∞ (and 0 · ln 0 = NaN); clip p to at least EPSILON first"
                        : Math.abs(wrong) < 1e-9 ? ": 0 is −ln 1, the p of the most likely class; use the p of the "
                                + "target class, the k where y_nk = 1"
                        : ": clip p to at least the documented ε = EPSILON = 1e-12"));
    }

    @Test
    @Order(3)
    @DisplayName("cross-entropy gradient ∂C/∂p of the worked batch is −y/(pN) = [(−0.714, 0, 0), (0, 0, −1.25)]")
    void gradientOfTheWorkedBatch() {
        double[][] expected = {{-1 / 1.4, 0, 0}, {0, 0, -1.25}};
        double[][] actual = call("CrossEntropy.gradient", () -> CrossEntropy.gradient(copy(P), copy(Y)));
        double[][] allClasses = {{-1 / 1.4, -1 / 0.4, -1 / 0.2}, {-1 / 0.2, -1 / 1.0, -1.25}};
        double[][] pMinusY = {{-0.15, 0.1, 0.05}, {0.05, 0.25, -0.3}};
        checkShape(actual, 2, 3, "CrossEntropy.gradient");
        assertClose(expected, actual, 1e-12, () -> "∂C/∂p for p = " + text(P) + ", y = " + text(Y)
                + " should be " + text(expected) + " but was " + text(actual) + Mistakes.of(actual,
                        times(2, expected), "the 1/N is missing (N = 2 examples here)",
                        times(-1, expected), "the sign is flipped: C = −(1/N) Σ y ln p, so ∂C/∂p = −y/(pN)",
                        times(1.0 / 3, expected), "divided by N·K = 6; divide by N only",
                        allClasses, "−1/(pN) in every column: only the target class's p is in the cost, so where "
                                + "y_nk = 0 the gradient is 0",
                        pMinusY, "that is (p − y)/N, the gradient with respect to the scores z (softmaxGradient); "
                                + "here we want ∂C/∂p = −y/(pN)"));
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("cross-entropy gradient ∂C/∂p matches centred differences on seeded random batches (N = 5, K = 4)")
    void gradientMatchesCentredDifferences() {
        Random random = new Random(231);
        for (int trial = 0; trial < 5; trial++) {
            int N = 5;
            int K = 4;
            double[][] p = new double[N][K];
            double[][] y = oneHot(random, N, K);
            for (int n = 0; n < N; n++) {
                for (int k = 0; k < K; k++) {
                    // C is defined for any positive p; the check moves each p_nk on its own
                    p[n][k] = 0.05 + 0.95 * random.nextDouble();
                }
            }
            double[][] analytic = call("CrossEntropy.gradient", () -> CrossEntropy.gradient(copy(p), copy(y)));
            checkShape(analytic, N, K, "CrossEntropy.gradient");
            // the cost −(1/N) Σ y ln p written out here, so that this checks your gradient and not your value
            double[] numeric = GradCheck.numericGradient(v -> logLoss(unflat(v, K), y), flat(p));
            // smooth on [0.05, 1]: the centred difference is good to about 1e-9 there
            GradCheck.Report report = GradCheck.compare("∂C/∂p", flat(analytic), numeric);
            assertTrue(report.passes(), () -> "for p = " + text(p) + ", y = " + text(y)
                    + " the gradient and the slope of −(1/N) Σ y ln p disagree, " + report
                    + " (should be below 1e-7)" + Mistakes.of(flat(analytic),
                            times(N, numeric), "the 1/N is missing",
                            times(-1, numeric), "the sign is flipped"));
        }
    }

    @Test
    @Order(5)
    @DisplayName("cross-entropy gradient is finite for p = 0 on the target class: −1/(εN) = −1e12")
    void gradientIsFiniteForZeroProbability() {
        double[][] p = {{0, 0.5, 0.5}};
        double[][] y = {{1, 0, 0}};
        double[][] expected = {{-1e12, 0, 0}};
        double[][] actual = call("CrossEntropy.gradient", () -> CrossEntropy.gradient(copy(p), copy(y)));
        checkShape(actual, 1, 3, "CrossEntropy.gradient");
        assertFalse(Mistakes.nonFinite(actual), () -> "∂C/∂p for p = " + text(p) + ", y = " + text(y) + " should be "
                + text(expected) + " but was " + text(actual) + ": −y/p divides by 0 where p = 0; clip p to at least "
                + "EPSILON first (and 0/0 = NaN where y = 0 too: the gradient is 0 there)");
        for (int k = 0; k < 3; k++) {
            int i = k;
            double v = actual[0][k];
            String hint = i > 0 ? ": where y_nk = 0 the gradient is 0, only the target class's p is in the cost"
                    : v > 0 ? ": the sign is flipped: ∂C/∂p = −y/(pN)"
                    : v < -1 ? ": clip p to the documented ε = EPSILON = 1e-12"
                    : ": −y/(pN) with p clipped to ε should be huge; is this ∂C/∂p?";
            assertTrue(GradCheck.relError(expected[0][k], v) < 1e-9, () -> "∂C/∂p for p = " + text(p)
                    + ", y = " + text(y) + " should be " + text(expected) + " but was " + text(actual)
                    + " (entry " + i + " is off)" + hint);
        }
    }

    @Test
    @Order(6)
    @DisplayName("softmax + cross-entropy gradient ∂C/∂z at hand points is (softmax(z) − y)/N")
    void softmaxGradientOfTheWorkedBatch() {
        double[][] z = {{1, 2, 3}, {0.5, -1, 0.5}};
        double[][] y = {{1, 0, 0}, {0, 1, 0}};
        // Python: p = softmax(z) row by row (math.exp(z_k − max z) normalised), then (p_k − y_k)/2
        double[][] expected = {{-0.4549847134148098, 0.12236423552739882, 0.3326204778874109},
            {0.22490810882913706, -0.4498162176582742, 0.22490810882913706}};
        double[][] actual = call("CrossEntropy.softmaxGradient",
                () -> CrossEntropy.softmaxGradient(copy(z), copy(y)));
        checkShape(actual, 2, 3, "CrossEntropy.softmaxGradient");
        double[][] p = {softmax(z[0]), softmax(z[1])};
        double[][] pOverN = times(0.5, p);
        double[][] dP = {{-1 / (2 * p[0][0]), 0, 0}, {0, -1 / (2 * p[1][1]), 0}};
        double[][] zMinusY = {{0, 1, 1.5}, {0.25, -1, 0.25}};
        double[][] pMinusOne = {{(p[0][0] - 1) / 2, (p[0][1] - 1) / 2, (p[0][2] - 1) / 2},
            {(p[1][0] - 1) / 2, (p[1][1] - 1) / 2, (p[1][2] - 1) / 2}};
        assertClose(expected, actual, 1e-12, () -> "∂C/∂z for z = " + text(z) + ", y = " + text(y)
                + " should be " + text(expected) + " but was " + text(actual) + Mistakes.of(actual,
                        times(2, expected), "the 1/N is missing (N = 2 examples here)",
                        times(-1, expected), "the sign is flipped: it is (p − y)/N, not (y − p)/N",
                        pOverN, "that is p/N: y is not subtracted",
                        dP, "that is −y/(pN) = ∂C/∂p; chain it through the softmax Jacobian, which "
                                + "simplifies to (p − y)/N",
                        zMinusY, "that uses z itself; apply the softmax first, p = Softmax.of(z[n])",
                        pMinusOne, "1 is subtracted in every column; subtract y_nk, which is 1 only in the "
                                + "target column"));
    }

    @Test
    @Order(7)
    @Points(2)
    @DisplayName("softmax + cross-entropy gradient matches centred differences of C(softmax(z), y) on random batches")
    void softmaxGradientMatchesCentredDifferences() {
        Random random = new Random(231);
        for (int trial = 0; trial < 5; trial++) {
            int N = 5;
            int K = 4;
            double[][] z = gaussian(random, N, K, 1.0);
            double[][] y = oneHot(random, N, K);
            double[][] analytic = call("CrossEntropy.softmaxGradient",
                    () -> CrossEntropy.softmaxGradient(copy(z), copy(y)));
            checkShape(analytic, N, K, "CrossEntropy.softmaxGradient");
            // the cost written out here: −(1/N) Σ_n ln softmax(z_n)[target], independent of your value
            double[] numeric = GradCheck.numericGradient(v -> cost(unflat(v, K), y), flat(z));
            GradCheck.Report report = GradCheck.compare("∂C/∂z", flat(analytic), numeric);
            assertTrue(report.passes(), () -> "for z = " + text(z) + ", y = " + text(y) + " the gradient and the "
                    + "centred differences disagree, " + report + " (should be below 1e-7)"
                    + Mistakes.of(flat(analytic),
                            times(N, numeric), "the 1/N is missing",
                            times(-1, numeric), "the sign is flipped: (p − y)/N"));
        }
    }

    @Test
    @Order(8)
    @DisplayName("softmax + cross-entropy gradient is stable: z = (1000, 1001, 1002) gives the same as (0, 1, 2)")
    void softmaxGradientIsStable() {
        double[][] z = {{1000, 1001, 1002}};
        double[][] y = {{0, 0, 1}};
        // Python: softmax(0, 1, 2) − (0, 0, 1)
        double[][] expected = {{0.09003057317038046, 0.24472847105479764, 0.6652409557748218 - 1}};
        double[][] actual = call("CrossEntropy.softmaxGradient",
                () -> CrossEntropy.softmaxGradient(copy(z), copy(y)));
        checkShape(actual, 1, 3, "CrossEntropy.softmaxGradient");
        assertFalse(Mistakes.nonFinite(actual), () -> "∂C/∂z for z = " + text(z) + ", y = " + text(y)
                + " should be " + text(expected) + " but was " + text(actual) + ": e^1000 overflows to ∞; use the "
                + "stable ch02.Softmax.of, which subtracts the largest score first");
        assertClose(expected, actual, 1e-12, () -> "∂C/∂z for z = " + text(z) + ", y = " + text(y)
                + " should be " + text(expected) + " but was " + text(actual));
    }

    @Test
    @Order(9)
    @Hidden
    @DisplayName("softmax + cross-entropy gradient: rows sum to 0, entries lie in [−1/N, 1/N], also for wide scores")
    void softmaxGradientRowsSumToZero() {
        Random random = new Random(231);
        int N = 6;
        int K = 5;
        double[][] z = gaussian(random, N, K, 10.0);
        double[][] y = oneHot(random, N, K);
        double[][] actual = call("CrossEntropy.softmaxGradient",
                () -> CrossEntropy.softmaxGradient(copy(z), copy(y)));
        checkShape(actual, N, K, "CrossEntropy.softmaxGradient");
        for (int n = 0; n < N; n++) {
            double sum = 0;
            for (int k = 0; k < K; k++) {
                int row = n;
                int col = k;
                assertTrue(Math.abs(actual[n][k]) <= 1.0 / N + 1e-15, () -> "entry (" + row + ", " + col
                        + ") of ∂C/∂z is " + actual[row][col] + ", outside [−1/N, 1/N] = [−" + 1.0 / N + ", "
                        + 1.0 / N + "]: (p − y)/N with p and y in [0, 1] cannot be; is the 1/N there, "
                        + "and y subtracted only once?");
                sum += actual[n][k];
            }
            int row = n;
            double total = sum;
            // Σ_k p_nk = 1 and Σ_k y_nk = 1, so Σ_k (p_nk − y_nk)/N = 0
            assertEquals(0, total, 1e-12, () -> "row " + row + " of ∂C/∂z should sum to 0 (Σ p = Σ y = 1) but summed "
                    + "to " + total + " (row: " + text(actual[row]) + ", y: " + text(y[row]) + "); subtract y_nk, "
                    + "which is 1 only in the target column, not 1 in every column");
        }
    }

    /// The cost −(1/N) Σ_n Σ_k y_nk ln p_nk for positive p, written out.
    static double logLoss(double[][] p, double[][] y) {
        double sum = 0;
        for (int n = 0; n < p.length; n++) {
            for (int k = 0; k < p[n].length; k++) {
                sum += y[n][k] * Math.log(p[n][k]);
            }
        }
        return -sum / p.length;
    }

    /// The cost of the scores: −(1/N) Σ_n Σ_k y_nk ln softmax(z_n)_k, with the stable softmax below.
    static double cost(double[][] z, double[][] y) {
        double[][] p = new double[z.length][];
        for (int n = 0; n < z.length; n++) {
            p[n] = softmax(z[n]);
        }
        return logLoss(p, y);
    }

    /// e^(z_k − max z) / Σ_j e^(z_j − max z).
    static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - m);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /// N one-hot rows of length K, the class of each drawn at random.
    static double[][] oneHot(Random random, int N, int K) {
        double[][] y = new double[N][K];
        for (int n = 0; n < N; n++) {
            y[n][random.nextInt(K)] = 1;
        }
        return y;
    }

    static double[][] gaussian(Random random, int N, int K, double scale) {
        double[][] z = new double[N][K];
        for (int n = 0; n < N; n++) {
            for (int k = 0; k < K; k++) {
                z[n][k] = scale * random.nextGaussian();
            }
        }
        return z;
    }

    static void checkShape(double[][] actual, int N, int K, String what) {
        assertNotNull(actual, what + " returned null");
        assertEquals(N, actual.length, () -> what + " should return " + N + " rows (one per example) but returned "
                + actual.length);
        for (int n = 0; n < N; n++) {
            int row = n;
            assertNotNull(actual[n], () -> "row " + row + " of what " + what + " returned is null");
            assertEquals(K, actual[n].length, () -> "row " + row + " of what " + what + " returned should have K = "
                    + K + " entries (one per class) but had " + actual[row].length);
        }
    }

    static void assertClose(double[][] expected, double[][] actual, double tolerance,
            java.util.function.Supplier<String> message) {
        for (int n = 0; n < expected.length; n++) {
            for (int k = 0; k < expected[n].length; k++) {
                if (!(Math.abs(expected[n][k] - actual[n][k]) <= tolerance)) {
                    throw new AssertionError(message.get());
                }
            }
        }
    }

    static double[][] copy(double[][] v) {
        double[][] c = new double[v.length][];
        for (int n = 0; n < v.length; n++) {
            c[n] = v[n].clone();
        }
        return c;
    }

    /// The rows of v one after the other (length N·K).
    static double[] flat(double[][] v) {
        int K = v[0].length;
        double[] f = new double[v.length * K];
        for (int n = 0; n < v.length; n++) {
            System.arraycopy(v[n], 0, f, n * K, K);
        }
        return f;
    }

    /// The N × K array whose rows are the consecutive K-blocks of f.
    static double[][] unflat(double[] f, int K) {
        double[][] v = new double[f.length / K][K];
        for (int n = 0; n < v.length; n++) {
            System.arraycopy(f, n * K, v[n], 0, K);
        }
        return v;
    }
}

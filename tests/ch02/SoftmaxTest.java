package ch02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch02-softmax.
///
/// Expected values were worked out by hand (z = (ln 1, ln 2, ln 3) gives (1/6, 2/6, 3/6)),
/// computed independently in Python (`math.exp(x - max(z))` normalised), or are properties that
/// follow from the formula: Σ p = 1 and ln p_i − ln p_j = z_i − z_j.
@Order(5)
@DisplayName("Softmax")
class SoftmaxTest {

    @Test
    @Order(1)
    @DisplayName("softmax by hand: (0, 0) ↦ (1/2, 1/2), (ln 1, ln 2, ln 3) ↦ (1/6, 1/3, 1/2), and (1, 2, 3)")
    void valuesAtKnownPoints() {
        double[][] z = {{0, 0}, {Math.log(1), Math.log(2), Math.log(3)}, {1, 2, 3}};
        // the third from Python: [math.exp(x - 3) / sum(math.exp(y - 3) for y in z) for x in z]
        double[][] expected = {{0.5, 0.5}, {1.0 / 6, 2.0 / 6, 3.0 / 6},
            {0.09003057317038046, 0.24472847105479764, 0.6652409557748218}};
        for (int c = 0; c < z.length; c++) {
            check(z[c], expected[c], 1e-12);
        }
    }

    /// Asserts that softmax(z) is `expected` (entrywise within `tolerance`), with a hint for the
    /// typical mistakes.
    static void check(double[] z, double[] expected, double tolerance) {
        double[] copy = z.clone();
        double[] actual = Softmax.of(copy);
        assertNotNull(actual, "Softmax.of(" + Arrays.toString(z) + ") returned null");
        assertEquals(z.length, actual.length, () -> "softmax of " + z.length + " scores should have " + z.length
                + " probabilities but had " + actual.length);
        assertArrayEquals(expected, actual, tolerance, () -> "softmax" + Arrays.toString(z) + " should be "
                + Arrays.toString(expected) + " but was " + Arrays.toString(actual) + mistake(z, actual));
    }

    /// Names the typical mistake whose result equals `actual`; "" when none does.
    static String mistake(double[] z, double[] actual) {
        if (Arrays.stream(actual).anyMatch(Double::isNaN)) {
            return Arrays.stream(z).anyMatch(v -> v > 709)
                    ? ": e^z overflows to ∞ for z > 709 and ∞/∞ is NaN; subtract the maximum max_j z_j from every "
                            + "z_k before exponentiating (not the minimum or the mean)"
                    : ": e^z underflows to 0 for z < −745 and 0/0 is NaN; subtracting the maximum max_j z_j "
                            + "makes the largest term e^0 = 1";
        }
        double sum = Arrays.stream(actual).sum();
        if (Math.abs(sum - 1) > 1e-9) {
            String text = ": the probabilities sum to " + sum + ", not 1";
            double m = Arrays.stream(z).max().orElse(0);
            boolean exps = true;
            for (int k = 0; k < z.length; k++) {
                exps &= Math.abs(actual[k] - Math.exp(z[k] - m)) < 1e-9 || Math.abs(actual[k] - Math.exp(z[k])) < 1e-9;
            }
            return text + (exps ? "; divide every e^(z_k − m) by their sum Σ_j e^(z_j − m)"
                    : "; divide by the sum of the exponentials, Σ_j e^(z_j − m), not by the sum of the scores");
        }
        return "";
    }

    @Test
    @Order(2)
    @DisplayName("softmax on 100 random score vectors: p_k in (0, 1], Σ p = 1, and ln p_i − ln p_j = z_i − z_j")
    void propertiesOnRandomScores() {
        Random random = new Random(231);
        for (int n = 0; n < 100; n++) {
            int K = 1 + n % 10;
            double[] z = new double[K];
            for (int k = 0; k < K; k++) {
                z[k] = 20 * (2 * random.nextDouble() - 1);
            }
            double[] p = Softmax.of(z.clone());
            assertNotNull(p, "Softmax.of returned null");
            assertEquals(K, p.length, () -> "softmax of " + K + " scores should have " + K + " probabilities but had "
                    + p.length);
            double sum = 0;
            for (int k = 0; k < K; k++) {
                int kk = k;
                assertTrue(p[k] > 0 && p[k] <= 1, () -> "p_" + kk + " of softmax" + Arrays.toString(z)
                        + " should be in (0, 1] but was " + p[kk] + mistake(z, p));
                sum += p[k];
            }
            double total = sum;
            assertEquals(1.0, total, 1e-12, () -> "softmax" + Arrays.toString(z) + " should sum to 1 but summed to "
                    + total + mistake(z, p));
            for (int k = 1; k < K; k++) {
                // p_k / p_0 = e^(z_k) / e^(z_0): only the differences of the scores matter
                int kk = k;
                double expected = z[k] - z[0];
                double actual = Math.log(p[k]) - Math.log(p[0]);
                assertEquals(expected, actual, 1e-9, () -> "for softmax" + Arrays.toString(z) + ", ln p_" + kk
                        + " − ln p_0 should be z_" + kk + " − z_0 = " + expected + " but was " + actual
                        + " (p = " + Arrays.toString(p) + ")");
            }
        }
    }

    @Test
    @Order(3)
    @DisplayName("softmax is stable: (1000, 1000) ↦ (1/2, 1/2), (1000, 1001, 1002) ↦ softmax(0, 1, 2), never NaN")
    void stableForLargeScores() {
        check(new double[] {1000, 1000}, new double[] {0.5, 0.5}, 1e-15);
        // softmax(0, 1, 2) from Python; adding 1000 to every score changes nothing
        check(new double[] {1000, 1001, 1002}, new double[] {0.09003057317038046, 0.24472847105479764,
            0.6652409557748218}, 1e-12);
        // e^(−1000) underflows to 0: the naive formula gives 0/0
        check(new double[] {-1000, -1000}, new double[] {0.5, 0.5}, 1e-15);
        // e^(1000 − 1000) = 1 and e^(−2000) = 0: the largest score takes everything
        check(new double[] {-1000, 0, 1000}, new double[] {0, 0, 1}, 1e-15);
        check(new double[] {-Double.MAX_VALUE / 2, Double.MAX_VALUE / 2}, new double[] {0, 1}, 1e-15);
    }

    @Test
    @Order(4)
    @DisplayName("softmax of one score is (1); the result is a new array and z is left unchanged")
    void oneScoreAndNoSideEffects() {
        check(new double[] {5.0}, new double[] {1.0}, 1e-15);
        check(new double[] {-1000.0}, new double[] {1.0}, 1e-15);
        double[] z = {0.5, -2.0, 3.0, 0.5};
        double[] original = z.clone();
        double[] p = Softmax.of(z);
        assertNotSame(z, p, "Softmax.of must return a new array, not overwrite z with the probabilities");
        assertArrayEquals(original, z, () -> "Softmax.of changed its input z from " + Arrays.toString(original)
                + " to " + Arrays.toString(z) + "; compute into a new array (subtracting the maximum from z in place "
                + "is a side effect the caller does not expect)");
    }
}

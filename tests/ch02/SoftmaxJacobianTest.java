package ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch02-softmax-jacobian.
///
/// Expected values were worked out by hand (z = (0, 0): p = (1/2, 1/2), J = [[1/4, −1/4],
/// [−1/4, 1/4]]), computed independently in Python (`p[i] * ((i == j) - p[j])`), or are centred
/// differences (bp.GradCheck) of a softmax written out in this test.
@Order(6)
@DisplayName("Softmax Jacobian")
class SoftmaxJacobianTest {

    /// The softmax written out here, as the independent oracle of the gradient check.
    static double[] softmax(double[] z) {
        double m = Arrays.stream(z).max().orElseThrow();
        double[] e = Arrays.stream(z).map(v -> Math.exp(v - m)).toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }

    @Test
    @Order(1)
    @DisplayName("the Jacobian by hand: z = (0, 0) gives [[1/4, −1/4], [−1/4, 1/4]], one score gives [[0]]")
    void atKnownPoints() {
        check(new double[] {0, 0}, new double[][] {{0.25, -0.25}, {-0.25, 0.25}}, 1e-15);
        check(new double[] {3.0}, new double[][] {{0.0}}, 1e-15);
    }

    @Test
    @Order(2)
    @DisplayName("the Jacobian at z = (1, 2, 3) and (1001, 1002, 1003) matches p_i(δ_ij − p_j) computed in Python")
    void atThreeScores() {
        // p = softmax(1, 2, 3); [[p[i] * ((i == j) - p[j]) for j in range(3)] for i in range(3)] in Python
        double[][] expected = {
            {0.08192506906499324, -0.022033044520174298, -0.05989202454481893},
            {-0.022033044520174298, 0.1848364465099787, -0.1628034019898044},
            {-0.05989202454481893, -0.1628034019898044, 0.2226954265346234}};
        check(new double[] {1, 2, 3}, expected, 1e-12);
        // only the differences of the scores matter, for the Jacobian too
        check(new double[] {1001, 1002, 1003}, expected, 1e-12);
    }

    /// Asserts that jacobian(z) is `expected` (entrywise within `tolerance`), with a hint for the
    /// typical mistakes.
    static void check(double[] z, double[][] expected, double tolerance) {
        double[][] actual = Softmax.jacobian(z.clone());
        int K = z.length;
        assertNotNull(actual, "Softmax.jacobian returned null");
        assertEquals(K, actual.length, () -> "the Jacobian of " + K + " scores is " + K + " × " + K + " but had "
                + actual.length + " rows");
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                int ii = i;
                int jj = j;
                assertEquals(K, actual[i].length, () -> "row " + ii + " of the Jacobian should have " + K + " entries");
                assertEquals(expected[i][j], actual[i][j], tolerance, () -> "J[" + ii + "][" + jj + "] = ∂p_" + ii
                        + "/∂z_" + jj + " at z = " + Arrays.toString(z) + " should be " + expected[ii][jj] + " but was "
                        + actual[ii][jj] + " (J = " + Arrays.deepToString(actual) + ")" + mistake(z, actual));
            }
        }
    }

    /// Names the typical mistake whose result equals `actual`; "" when none does.
    static String mistake(double[] z, double[][] actual) {
        double[] p = softmax(z);
        int K = p.length;
        boolean noDelta = true;
        boolean offDiagonalSign = true;
        boolean diagonalOnly = true;
        boolean nan = false;
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double right = p[i] * ((i == j ? 1 : 0) - p[j]);
                noDelta &= near(actual[i][j], -p[i] * p[j]);
                offDiagonalSign &= near(actual[i][j], i == j ? right : p[i] * p[j]);
                diagonalOnly &= near(actual[i][j], i == j ? right : 0);
                nan |= Double.isNaN(actual[i][j]);
            }
        }
        if (nan) {
            return ": NaN, did the softmax overflow? compute p with Softmax.of(z), which subtracts the maximum";
        }
        if (!softmaxIsRight(z, p)) {
            return ": your Softmax.of(z) gives a wrong p, and the Jacobian is built on p = of(z); "
                    + "fix ch02-softmax first";
        }
        if (noDelta && K > 1) {
            return ": every entry is −p_i·p_j; the diagonal also has the δ_ii·p_i term, p_i(1 − p_i)";
        }
        if (offDiagonalSign && K > 1) {
            return ": the off-diagonal entries have the wrong sign; ∂p_i/∂z_j = −p_i·p_j for i ≠ j (raising z_j "
                    + "lowers every other probability)";
        }
        if (diagonalOnly && K > 1) {
            return ": only the diagonal p_i(1 − p_i) is filled in; off the diagonal ∂p_i/∂z_j = −p_i·p_j";
        }
        return "";
    }

    /// Whether the student's Softmax.of(z) agrees with the softmax `p` written out here.
    static boolean softmaxIsRight(double[] z, double[] p) {
        try {
            double[] mine = Softmax.of(z.clone());
            for (int k = 0; k < p.length; k++) {
                if (!(Math.abs(mine[k] - p[k]) < 1e-12)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean near(double actual, double candidate) {
        return Math.abs(actual - candidate) < 1e-12;
    }

    @Test
    @Order(3)
    @DisplayName("row i of the Jacobian matches the centred-difference gradient of p_i on 50 random z (K = 2 to 6)")
    void matchesCentredDifferences() {
        Random random = new Random(231);
        for (int n = 0; n < 50; n++) {
            int K = 2 + n % 5;
            double[] z = new double[K];
            for (int k = 0; k < K; k++) {
                z[k] = random.nextGaussian();
            }
            double[][] J = Softmax.jacobian(z.clone());
            assertNotNull(J, "Softmax.jacobian returned null");
            for (int i = 0; i < K; i++) {
                int ii = i;
                double[] numeric = GradCheck.numericGradient(v -> softmax(v)[ii], z.clone());
                double[] row = J[i];
                double error = GradCheck.maxRelError(row, numeric);
                // with h = 1e-5 and scores ~ N(0, 1) a correct Jacobian reaches a relative error of ~1e-9
                assertTrue(error < GradCheck.TOLERANCE, () -> "row " + ii + " of the Jacobian at z = "
                        + Arrays.toString(z) + " should match the centred difference " + Arrays.toString(numeric)
                        + " (relative error < 1e-7) but was " + Arrays.toString(row) + ", relative error "
                        + "%.1e".formatted(error) + mistake(z, J));
            }
        }
    }

    @Test
    @Order(4)
    @DisplayName("every column of the Jacobian sums to 0 (Σ_i p_i = 1 whatever z is) on 50 seeded random z")
    void columnsSumToZero() {
        Random random = new Random(231);
        for (int n = 0; n < 50; n++) {
            int K = 2 + n % 5;
            double[] z = new double[K];
            for (int k = 0; k < K; k++) {
                z[k] = 3 * random.nextGaussian();
            }
            double[][] J = Softmax.jacobian(z.clone());
            assertNotNull(J, "Softmax.jacobian returned null");
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int i = 0; i < K; i++) {
                    sum += J[i][j];
                }
                int jj = j;
                double total = sum;
                assertEquals(0.0, total, 1e-12, () -> "column " + jj + " of the Jacobian at z = " + Arrays.toString(z)
                        + " should sum to 0 but summed to " + total + mistake(z, J));
            }
        }
    }
}

package ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch08-xavier and ch08-he: statistical tests with fixed seeds.
///
/// A weight matrix of N entries drawn from N(0, v) has a sample mean with standard error √(v/N)
/// and a sample variance s² = (1/N) Σ w² − mean² with standard error v·√(2/(N − 1)) (for a
/// Gaussian, Var(s²) = 2v²/(N − 1)). A right answer lands within a few standard errors of the
/// target; the tests allow [#Z] of them, computed from the size of the matrix below, and check
/// that each typical wrong variance (the fan-out, the other rule, a standard deviation used as
/// a variance, ...) falls far outside. The targets are the formulas of the papers written out
/// here, never the solution. The seeds are fixed, so a test fails or passes the same way every
/// time.
@Order(1)
@DisplayName("Init")
class InitTest {

    /// How many standard errors a sample statistic may be from its target. For a Gaussian a
    /// deviation of 5 standard errors has a probability of about 6e-7.
    static final double Z = 5;

    // ---- ch08-xavier ----

    @Test
    @Order(1)
    @DisplayName("xavier(nIn = 3, nOut = 5) is 5×3: nOut rows of nIn weights, the orientation of ch06.Dense")
    void xavierShape() {
        DMatrixRMaj W = Init.xavier(3, 5, new Random(1));
        assertShape(W, 3, 5, "xavier");
    }

    @Test
    @Order(2)
    @DisplayName("xavier(nIn = 300, nOut = 400): mean 0 and variance 2/(300 + 400) = 0.002857, within 5 standard errors")
    void xavierStatistics() {
        DMatrixRMaj W = Init.xavier(300, 400, new Random(20150));
        assertShape(W, 300, 400, "xavier");
        checkStatistics(W, "xavier(nIn=300, nOut=400)", "2/(nIn + nOut) = 2/700", 2.0 / 700, xavierMistakes(300, 400));
    }

    @Test
    @Order(3)
    @DisplayName("xavier(nIn = 100, nOut = 500): variance 2/600, not 1/nIn (the fan-in only) nor 2/nOut")
    void xavierOnAnotherLayer() {
        DMatrixRMaj W = Init.xavier(100, 500, new Random(7));
        assertShape(W, 100, 500, "xavier");
        checkStatistics(W, "xavier(nIn=100, nOut=500)", "2/(nIn + nOut) = 2/600", 2.0 / 600,
                xavierMistakes(100, 500));
    }

    @Test
    @Order(4)
    @DisplayName("xavier draws from a Gaussian: about 4.55 % of the weights lie beyond 2 standard deviations (0 for a uniform)")
    void xavierIsGaussian() {
        checkGaussian(Init.xavier(300, 400, new Random(99)), Math.sqrt(2.0 / 700), "xavier(nIn=300, nOut=400)");
    }

    @Test
    @Order(5)
    @DisplayName("xavier uses the Random it is given: the same seed gives the same matrix, another seed another")
    void xavierUsesTheRandom() {
        checkSeeds((nIn, nOut, random) -> Init.xavier(nIn, nOut, random), "xavier");
    }

    // ---- ch08-he ----

    @Test
    @Order(6)
    @DisplayName("he(nIn = 3, nOut = 5) is 5×3: nOut rows of nIn weights, the orientation of ch06.Dense")
    void heShape() {
        DMatrixRMaj W = Init.he(3, 5, new Random(1));
        assertShape(W, 3, 5, "he");
    }

    @Test
    @Order(7)
    @DisplayName("he(nIn = 300, nOut = 400): mean 0 and variance 2/nIn = 2/300 = 0.006667, within 5 standard errors")
    void heStatistics() {
        DMatrixRMaj W = Init.he(300, 400, new Random(2015));
        assertShape(W, 300, 400, "he");
        checkStatistics(W, "he(nIn=300, nOut=400)", "2/nIn = 2/300", 2.0 / 300, heMistakes(300, 400));
    }

    @Test
    @Order(8)
    @DisplayName("he(nIn = 500, nOut = 200): variance 2/nIn = 2/500, the fan-in, not 2/nOut = 2/200")
    void heOnAnotherLayer() {
        DMatrixRMaj W = Init.he(500, 200, new Random(11));
        assertShape(W, 500, 200, "he");
        checkStatistics(W, "he(nIn=500, nOut=200)", "2/nIn = 2/500", 2.0 / 500, heMistakes(500, 200));
    }

    @Test
    @Order(9)
    @DisplayName("he draws from a Gaussian: about 4.55 % of the weights lie beyond 2 standard deviations (0 for a uniform)")
    void heIsGaussian() {
        checkGaussian(Init.he(300, 400, new Random(98)), Math.sqrt(2.0 / 300), "he(nIn=300, nOut=400)");
    }

    @Test
    @Order(10)
    @DisplayName("he uses the Random it is given: the same seed gives the same matrix, another seed another")
    void heUsesTheRandom() {
        checkSeeds((nIn, nOut, random) -> Init.he(nIn, nOut, random), "he");
    }

    @Test
    @Order(11)
    @DisplayName("he keeps a ReLU signal's size: after 10 ReLU layers of width 256 the mean square of the activations is within a factor 2 of the input's")
    void heKeepsTheSignalThroughReLUs() {
        Random random = new Random(5);
        int width = 256;
        int m = 64;
        double[][] a = new double[m][width];
        for (double[] row : a) {
            for (int k = 0; k < width; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double before = meanSquare(a);
        for (int layer = 0; layer < 10; layer++) {
            DMatrixRMaj W = Init.he(width, width, random);
            assertNotNull(W, "he(...) returned null");
            a = reluLayer(a, W);
        }
        double ratio = meanSquare(a) / before;
        // by hand: each layer multiplies E[a²] by nIn · Var(w) / 2 = 256 · (2/256) / 2 = 1; with
        // 1/nIn instead of 2/nIn it halves every layer: 2⁻¹⁰ ≈ 0.001
        String hint = ratio < 0.01 ? ": the signal shrinks by about 2 per layer, so Var(w) is about 1/nIn; He is 2/nIn"
                : ratio > 100 ? ": the signal grows every layer, so Var(w) is too large" : "";
        assertTrue(ratio > 0.5 && ratio < 2, () -> "after 10 ReLU layers with He weights the mean square of the"
                + " activations should stay about the same (ratio near 1), but the ratio was " + ratio + hint);
    }

    // ---- helpers ----

    /// A matrix maker with the signature of xavier and he.
    interface Maker {
        DMatrixRMaj make(int nIn, int nOut, Random random);
    }

    /// A wrong variance and what it comes from.
    record Mistake(double variance, String what) {}

    /// The typical wrong variances for Xavier.
    static Mistake[] xavierMistakes(int nIn, int nOut) {
        double v = 2.0 / (nIn + nOut);
        return new Mistake[] {
            new Mistake(1.0 / nIn, "1/nIn, the fan-in only (LeCun); Xavier averages fan-in and fan-out: 2/(nIn + nOut)"),
            new Mistake(2.0 / nIn, "2/nIn, the He variance; Xavier is 2/(nIn + nOut)"),
            new Mistake(2.0 / nOut, "2/nOut, the fan-out only; Xavier is 2/(nIn + nOut)"),
            new Mistake(1.0 / nOut, "1/nOut, the fan-out only; Xavier is 2/(nIn + nOut)"),
            new Mistake(1.0 / (nIn + nOut), "1/(nIn + nOut): the 2 is missing"),
            new Mistake(Math.sqrt(v), "√(2/(nIn + nOut)), the target standard deviation: the weights were scaled"
                    + " by a square root too many; scale nextGaussian() by std = √(2/(nIn + nOut))"),
            new Mistake(v * v, "(2/(nIn + nOut))²: the weights were scaled by the variance 2/(nIn + nOut) (a"
                    + " forgotten square root, or std · std); scale nextGaussian() by std = √(2/(nIn + nOut))"),
            new Mistake(v * v * v * v, "(2/(nIn + nOut))⁴: the weights were scaled by the variance squared;"
                    + " scale nextGaussian() by std = √(2/(nIn + nOut))"),
            new Mistake(1, "1, plain N(0, 1): the scale is missing"),
        };
    }

    /// The typical wrong variances for He.
    static Mistake[] heMistakes(int nIn, int nOut) {
        double v = 2.0 / nIn;
        return new Mistake[] {
            new Mistake(2.0 / nOut, "2/nOut, the fan-out; He uses the fan-in nIn (the number of inputs of a unit)"),
            new Mistake(2.0 / (nIn + nOut), "2/(nIn + nOut), the Xavier variance; He is 2/nIn"),
            new Mistake(1.0 / nIn, "1/nIn: the 2 that makes up for ReLU's lost half is missing"),
            new Mistake(1.0 / nOut, "1/nOut: the fan-out, and the 2 is missing"),
            new Mistake(Math.sqrt(v), "√(2/nIn), the target standard deviation: the weights were scaled by a"
                    + " square root too many; scale nextGaussian() by std = √(2/nIn)"),
            new Mistake(v * v, "(2/nIn)²: the weights were scaled by the variance 2/nIn (a forgotten square root,"
                    + " or std · std); scale nextGaussian() by std = √(2/nIn)"),
            new Mistake(v * v * v * v, "(2/nIn)⁴: the weights were scaled by the variance squared; scale"
                    + " nextGaussian() by std = √(2/nIn)"),
            new Mistake(1, "1, plain N(0, 1): the scale is missing"),
        };
    }

    static void assertShape(DMatrixRMaj W, int nIn, int nOut, String name) {
        assertNotNull(W, name + "(...) returned null");
        String hint = W.numRows == nIn && W.numCols == nOut ? ": that is transposed; W is nOut×nIn, row j holds the"
                + " weights of output j (as in ch06.Dense)" : "";
        assertTrue(W.numRows == nOut && W.numCols == nIn, () -> name + "(nIn=" + nIn + ", nOut=" + nOut
                + ") should be " + nOut + "×" + nIn + " but was " + W.numRows + "×" + W.numCols + hint);
    }

    /// Checks the sample mean and variance of `W` against the target variance `v`, each within
    /// Z standard errors, naming the closest typical mistake when the variance is off.
    static void checkStatistics(DMatrixRMaj W, String call, String formula, double v, Mistake[] mistakes) {
        int count = W.getNumElements();
        double mean = 0;
        double square = 0;
        for (int i = 0; i < count; i++) {
            mean += W.data[i];
            square += W.data[i] * W.data[i];
        }
        mean /= count;
        double variance = square / count - mean * mean;
        double meanTolerance = Z * Math.sqrt(v / count);
        double varianceTolerance = Z * v * Math.sqrt(2.0 / (count - 1));
        for (Mistake mistake : mistakes) {
            // the tolerance must separate the right variance from each wrong one
            assertTrue(Math.abs(mistake.variance() - v) > 3 * varianceTolerance, "test set-up: " + mistake.what());
        }
        double m = mean;
        assertTrue(Math.abs(mean) < meanTolerance, () -> call + ": the mean of the weights should be 0 (within "
                + "%.2e, %.0f standard errors) but was %.3e: draw from N(0, v), centred on 0".formatted(
                        meanTolerance, Z, m));
        String hint = "";
        for (Mistake mistake : mistakes) {
            if (Math.abs(variance - mistake.variance()) < Z * mistake.variance() * Math.sqrt(2.0 / (count - 1))) {
                hint = ": that looks like " + mistake.what();
            }
        }
        String why = hint;
        assertEquals(v, variance, varianceTolerance, () -> call + ": the variance of the weights should be " + formula
                + " = %.6f (within %.1e, %.0f standard errors) but was %.6f".formatted(v, varianceTolerance, Z,
                        variance) + why);
    }

    /// Checks that the fraction of |w| > 2·std is that of a Gaussian, 4.55 %, within Z standard errors.
    static void checkGaussian(DMatrixRMaj W, double std, String call) {
        assertNotNull(W, call + " returned null");
        int count = W.getNumElements();
        int beyond = 0;
        for (int i = 0; i < count; i++) {
            beyond += Math.abs(W.data[i]) > 2 * std ? 1 : 0;
        }
        // P(|z| > 2) for z ~ N(0, 1) = erfc(2/√2) = 0.0455003
        double p = 0.0455003;
        double fraction = (double) beyond / count;
        double tolerance = Z * Math.sqrt(p * (1 - p) / count);
        // a uniform with the same variance, U(−√3·std, √3·std), has |w| ≤ 1.73·std: nothing beyond 2·std
        String hint = beyond == 0 ? ": none at all, as for a uniform distribution; draw from a Gaussian"
                + " (random.nextGaussian())" : "";
        assertEquals(p, fraction, tolerance, () -> call + ": the fraction of weights beyond 2 standard deviations"
                + " (|w| > %.4f) should be about %.4f (a Gaussian) but was %.4f".formatted(2 * std, p, fraction)
                + hint);
    }

    static void checkSeeds(Maker maker, String name) {
        DMatrixRMaj first = maker.make(6, 4, new Random(123));
        DMatrixRMaj again = maker.make(6, 4, new Random(123));
        DMatrixRMaj other = maker.make(6, 4, new Random(124));
        assertNotNull(first, name + "(...) returned null");
        assertTrue(Arrays.equals(entries(first), entries(again)), () -> name + "(6, 4, new Random(123)) twice should"
                + " give the same matrix but gave two different ones: draw every number from the Random passed in"
                + " (not from a new Random or Math.random())");
        assertFalse(Arrays.equals(entries(first), entries(other)), () -> name + " with the seeds 123 and 124 gave"
                + " the same matrix: draw the numbers from the Random passed in");
        double[] values = entries(first);
        long distinct = Arrays.stream(values).distinct().count();
        assertEquals(values.length, distinct, () -> name + "(6, 4, ...) should draw 24 different weights but drew "
                + distinct + " different values: draw a new number for every entry");
    }

    static double[] entries(DMatrixRMaj W) {
        return Arrays.copyOf(W.data, W.getNumElements());
    }

    /// max(0, a Wᵀ) for a (m×nIn) and W (nOut×nIn), written out.
    static double[][] reluLayer(double[][] a, DMatrixRMaj W) {
        double[][] next = new double[a.length][W.numRows];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < W.numRows; j++) {
                double z = 0;
                for (int k = 0; k < W.numCols; k++) {
                    z += a[i][k] * W.get(j, k);
                }
                next[i][j] = Math.max(0, z);
            }
        }
        return next;
    }

    static double meanSquare(double[][] a) {
        double sum = 0;
        int count = 0;
        for (double[] row : a) {
            for (double x : row) {
                sum += x * x;
                count++;
            }
        }
        return sum / count;
    }
}

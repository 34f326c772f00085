package ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch08-batchnorm-forward and ch08-batchnorm-backward.
///
/// The worked batch has two features (columns) and three examples (rows):
///
///     X = | 1   4 |      column 1: μ = 2, σ² = (1 + 0 + 1)/3 = 2/3,  x̂ = (−1, 0, 1)/√(2/3 + ε)
///         | 2   4 |      column 2: μ = 6, σ² = (4 + 4 + 16)/3 = 8,   x̂ = (−2, −2, 4)/√(8 + ε)
///         | 3  10 |
///
/// with 1/√(2/3 + ε) = 1.2247356859083902 and 1/√(8 + ε) = 0.3535531696226118 (ε = 1e-5). The
/// hints compare the answer with each typical mistake, worked out here by a few lines of the
/// test (the wrong N, the wrong axis, no square root, no ε, no γ or β; for the backward pass, the
/// gradient without the paths through μ and σ²). The backward pass is also checked against
/// centred differences of the forward pass on seeded random batches, never against the solution.
@Order(2)
@DisplayName("BatchNorm")
class BatchNormTest {

    /// Hand values are exact formulas in a few operations: equal up to round-off.
    static final double EXACT = 1e-12;

    /// The largest relative error of a correct gradient against its centred difference.
    static final double GRAD_TOLERANCE = 1e-6;

    static final double EPS = 1e-5;

    /// The worked batch, 3×2.
    static DMatrixRMaj worked() {
        return new DMatrixRMaj(new double[][] {{1, 4}, {2, 4}, {3, 10}});
    }

    // ---- ch08-batchnorm-forward ----

    @Test
    @Order(1)
    @DisplayName("forward on the worked batch (γ = 1, β = 0): column 1 is (−1, 0, 1)/√(2/3 + ε), column 2 (−2, −2, 4)/√(8 + ε)")
    void forwardByHand() {
        BatchNorm layer = new BatchNorm(2);
        DMatrixRMaj X = worked();
        DMatrixRMaj Y = layer.forward(X);
        double a = 1.2247356859083902;
        double b = 0.3535531696226118;
        double[][] expected = {{-a, -2 * b}, {0, -2 * b}, {a, 4 * b}};
        checkForward(expected, Y, X, 1, 1, 0, 0, "forward of X = [[1, 4], [2, 4], [3, 10]] with γ = 1, β = 0");
    }

    @Test
    @Order(2)
    @DisplayName("forward uses γ and β: with γ = (2, −0.5) and β = (0.3, 1) the worked batch gives y = γ x̂ + β")
    void forwardWithGammaAndBeta() {
        BatchNorm layer = new BatchNorm(2);
        setRow(layer.gamma(), 2, -0.5);
        setRow(layer.beta(), 0.3, 1);
        DMatrixRMaj X = worked();
        DMatrixRMaj Y = layer.forward(X);
        // by hand: column 1 = 2·(−1, 0, 1)·1.22474 + 0.3, column 2 = −0.5·(−2, −2, 4)·0.70711 + 1
        double[][] expected = {
            {-2.1494713718167806, 1.3535531696226117},
            {0.3, 1.3535531696226117},
            {2.7494713718167803, 0.2928936607547764},
        };
        checkForward(expected, Y, X, 2, -0.5, 0.3, 1,
                "forward of X = [[1, 4], [2, 4], [3, 10]] with γ = (2, -0.5), β = (0.3, 1)");
    }

    @Test
    @Order(3)
    @DisplayName("forward stores the batch statistics: μ = (2, 6) and σ² = (2/3, 8) for the worked batch")
    void forwardStoresTheStatistics() {
        BatchNorm layer = new BatchNorm(2);
        layer.forward(worked());
        assertNotNull(layer.mean(), "mean() is null after forward: fill mu");
        assertNotNull(layer.variance(), "variance() is null after forward: fill var");
        double[] mu = entries(layer.mean());
        double[] var = entries(layer.variance());
        assertTrue(near(mu, 2, 6), () -> "μ of the worked batch should be (2, 6), the mean of each column, but was "
                + Arrays.toString(mu) + (near(mu, 2.5, 3) ? ": those are the means of the rows 1 and 2; average each"
                        + " feature (column) over the examples (rows)" : ""));
        String hint = near(var, 1, 12) ? ": that divides by m − 1 = 2; the batch's variance divides by m = 3"
                : near(var, Math.sqrt(2.0 / 3), Math.sqrt(8)) ? ": that is the standard deviation; store the variance σ²"
                : "";
        assertTrue(near(var, 2.0 / 3, 8), () -> "σ² of the worked batch should be (2/3, 8) = (0.666667, 8) but was "
                + Arrays.toString(var) + hint);
    }

    @Test
    @Order(4)
    @DisplayName("forward on a seeded random batch: every output column has mean β_j and variance γ_j² σ²_j/(σ²_j + ε)")
    void forwardProperties() {
        Random random = new Random(231);
        int m = 20;
        int n = 4;
        DMatrixRMaj X = randomBatch(random, m, n);
        BatchNorm layer = new BatchNorm(n);
        double[] gamma = new double[n];
        double[] beta = new double[n];
        for (int j = 0; j < n; j++) {
            gamma[j] = 0.5 + random.nextDouble() * 2 * (random.nextBoolean() ? 1 : -1);
            beta[j] = random.nextGaussian();
            layer.gamma().set(0, j, gamma[j]);
            layer.beta().set(0, j, beta[j]);
        }
        DMatrixRMaj Y = layer.forward(X);
        checkShape(Y, m, n);
        for (int j = 0; j < n; j++) {
            double[] x = column(X, j);
            double[] y = column(Y, j);
            double sigma2 = variance(x);
            // the mean of γ x̂ + β is β because x̂ has mean 0; its variance is γ² σ²/(σ² + ε)
            double expectedVariance = gamma[j] * gamma[j] * sigma2 / (sigma2 + EPS);
            int jj = j;
            String meanHint = Math.abs(mean(y)) < 1e-9 ? ": that is 0, so β is missing; y = γ ⊙ x̂ + β"
                    : ": subtract each column's mean over the batch (down the column)";
            assertEquals(beta[j], mean(y), 1e-12 * Math.max(1, Math.abs(beta[j])), () -> "column " + jj
                    + " of the output should have mean β = " + beta[jj] + " but had " + mean(y) + meanHint);
            double actual = variance(y);
            double unscaled = sigma2 / (sigma2 + EPS);
            String hint = Math.abs(actual - expectedVariance * (m - 1) / m) < 1e-9
                    ? ": that is what dividing σ² by m − 1 gives; divide by m"
                    : Math.abs(actual - unscaled) < 1e-9 ? ": that is σ²/(σ² + ε), so γ is missing; y = γ ⊙ x̂ + β"
                    : Math.abs(actual - expectedVariance / (sigma2 + EPS)) < 1e-9
                    ? ": that divides by σ² + ε; divide by its square root" : "";
            assertEquals(expectedVariance, actual, 1e-9 * expectedVariance, () -> "column " + jj + " of the output "
                    + "should have variance γ² σ²/(σ² + ε) = " + expectedVariance + " but had " + actual + hint);
        }
    }

    @Test
    @Order(5)
    @DisplayName("forward returns a new m×n matrix and leaves X unchanged")
    void forwardLeavesXAlone() {
        BatchNorm layer = new BatchNorm(2);
        DMatrixRMaj X = worked();
        DMatrixRMaj Y = layer.forward(X);
        checkShape(Y, 3, 2);
        assertNotSame(X, Y, "forward returned X itself: return a new matrix");
        assertTrue(Arrays.equals(entries(worked()), entries(X)), () -> "forward changed its input X to "
                + Arrays.toString(entries(X)) + ": write the result into a new matrix");
    }

    @Test
    @Order(6)
    @DisplayName("after a training forward, the running averages are 0.1·μ and 0.9 + 0.1·σ²·m/(m − 1); eval() then uses them")
    void runningAveragesAndEval() {
        BatchNorm layer = new BatchNorm(2);
        layer.forward(worked());
        // by hand: running mean = 0.9·0 + 0.1·(2, 6) = (0.2, 0.6);
        // running variance = 0.9·1 + 0.1·(2/3, 8)·3/2 = (1.0, 2.1)
        assertTrue(near(entries(layer.runningMean()), 0.2, 0.6), () -> "the running mean should be (0.2, 0.6) but "
                + "was " + Arrays.toString(entries(layer.runningMean())) + ": check μ");
        assertTrue(near(entries(layer.runningVariance()), 1.0, 2.1), () -> "the running variance should be (1.0, 2.1)"
                + " but was " + Arrays.toString(entries(layer.runningVariance())) + ": check σ² (divided by m)");
        DMatrixRMaj Y = layer.eval().forward(new DMatrixRMaj(new double[][] {{2, 6}}));
        // by hand: (2 − 0.2)/√(1.0 + ε) = 1.7999910000674995, (6 − 0.6)/√(2.1 + ε) = 3.7263451482089223
        assertTrue(near(entries(Y), 1.7999910000674995, 3.7263451482089223), () -> "in eval mode the example (2, 6)"
                + " should give (1.79999, 3.72635) but gave " + Arrays.toString(entries(Y)));
    }

    // ---- ch08-batchnorm-backward ----

    @Test
    @Order(7)
    @DisplayName("backward by hand: X = (1, 2, 3)ᵀ, dY = (1, 0, 0)ᵀ gives dβ = 1, dγ = −1/s, dX = (1/s)(2/3 − 1/(3s²), −1/3, −1/3 + 1/(3s²))")
    void backwardByHand() {
        BatchNorm layer = new BatchNorm(1);
        layer.forward(new DMatrixRMaj(new double[][] {{1}, {2}, {3}}));
        DMatrixRMaj dX = layer.backward(new DMatrixRMaj(new double[][] {{1}, {0}, {0}}));
        checkShape(dX, 3, 1);
        // by hand, with s = √(2/3 + ε), x̂ = (−1, 0, 1)/s, g = (1, 0, 0): mean(g) = 1/3, mean(g x̂) = −1/(3s),
        // dX = (1/s)(g − 1/3 + x̂/(3s)) ≈ (1/s)(1/6, −1/3, 1/6)
        double[] expected = {0.20413179969792858, -0.40824522863613005, 0.20411342893820164};
        double s = Math.sqrt(2.0 / 3 + EPS);
        double[] actual = entries(dX);
        String hint = near(actual, 1 / s, 0, 0)
                ? ": that is dY·γ/√(σ² + ε) alone, as if μ and σ² were constants; add the paths through μ and σ²:"
                        + " dX = (γ/s)(dY − mean(dY) − x̂·mean(dY ⊙ x̂))"
                : near(actual, (2.0 / 3) / s, -1 / (3 * s), -1 / (3 * s))
                ? ": the path through σ² is missing (the − x̂·mean(dY ⊙ x̂) term)"
                : near(actual, (1 - 1 / (3 * s * s)) / s, 0, 1 / (3 * s * s * s))
                ? ": the path through μ is missing (the − mean(dY) term)"
                : "";
        assertTrue(near(actual, expected), () -> "dX for X = (1, 2, 3)ᵀ, dY = (1, 0, 0)ᵀ should be "
                + Arrays.toString(expected) + " but was " + Arrays.toString(actual) + hint);
        assertEquals(1, layer.dBeta().get(0, 0), EXACT, () -> "dβ should be Σ dY = 1 but was " + layer.dBeta().get(0, 0));
        assertEquals(-1 / s, layer.dGamma().get(0, 0), EXACT, () -> "dγ should be Σ dY ⊙ x̂ = −1/s = " + (-1 / s)
                + " but was " + layer.dGamma().get(0, 0));
    }

    @Test
    @Order(8)
    @DisplayName("backward: dX, dγ and dβ match centred differences of forward on a seeded random 6×3 batch (relative error < 1e-6)")
    void gradientCheck() {
        Random random = new Random(2015);
        for (int trial = 0; trial < 3; trial++) {
            checkGradients(random, 6, 3, "trial " + trial);
        }
    }

    @Test
    @Order(9)
    @DisplayName("backward on a larger batch (32×5, varied scales): every gradient still matches its centred difference")
    void gradientCheckOnALargerBatch() {
        checkGradients(new Random(7), 32, 5, "32×5 batch");
    }

    @Test
    @Order(10)
    @DisplayName("backward: every column of dX sums to 0 (shifting a feature for the whole batch changes nothing)")
    void dXColumnsSumToZero() {
        Random random = new Random(11);
        DMatrixRMaj X = randomBatch(random, 10, 3);
        DMatrixRMaj dY = randomBatch(random, 10, 3);
        BatchNorm layer = new BatchNorm(3);
        setRow(layer.gamma(), 1.5, -0.7, 2.0);
        layer.forward(X);
        DMatrixRMaj dX = layer.backward(dY);
        checkShape(dX, 10, 3);
        for (int j = 0; j < 3; j++) {
            double sum = Arrays.stream(column(dX, j)).sum();
            int jj = j;
            assertEquals(0, sum, 1e-10, () -> "column " + jj + " of dX sums to " + sum + " instead of 0: y does not"
                    + " change when a constant is added to a whole column of X (μ absorbs it), so neither may the"
                    + " cost; the − mean(dY) term (the path through μ) makes the sum 0");
        }
    }

    // ---- helpers ----

    /// Compares the analytic gradients of a batch norm with centred differences on a random batch.
    static void checkGradients(Random random, int m, int n, String label) {
        DMatrixRMaj X = randomBatch(random, m, n);
        DMatrixRMaj dY = randomBatch(random, m, n);
        double[] gamma = new double[n];
        double[] beta = new double[n];
        for (int j = 0; j < n; j++) {
            gamma[j] = 0.5 + 1.5 * random.nextDouble();
            beta[j] = random.nextGaussian();
        }
        BatchNorm layer = new BatchNorm(n);
        setRow(layer.gamma(), gamma);
        setRow(layer.beta(), beta);
        layer.forward(X);
        DMatrixRMaj dX = layer.backward(dY);
        checkShape(dX, m, n);
        double[] analyticDX = entries(dX);
        double[] analyticDGamma = entries(layer.dGamma());
        double[] analyticDBeta = entries(layer.dBeta());

        // the numeric gradients of C = Σ Y ⊙ dY, probing X, γ and β of a second layer in place
        BatchNorm probe = new BatchNorm(n);
        setRow(probe.gamma(), gamma);
        setRow(probe.beta(), beta);
        double[] dYData = entries(dY);
        double[] xData = entries(X);
        double[] numericDX = GradCheck.numericGradientArray(x -> entries(probe.forward(DMatrixRMaj.wrap(m, n, x))),
                xData, dYData);
        double[] numericDGamma = GradCheck.numericGradient(g -> dot(probe.forward(X), dYData), probe.gamma().data);
        double[] numericDBeta = GradCheck.numericGradient(b -> dot(probe.forward(X), dYData), probe.beta().data);

        // the typical wrong answer: dY·γ/√(σ² + ε) only, as if μ and σ² were constants
        double[] direct = new double[m * n];
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(variance(column(X, j)) + EPS);
            for (int i = 0; i < m; i++) {
                direct[i * n + j] = dY.get(i, j) * gamma[j] / s;
            }
        }
        GradCheck.Report reportDX = GradCheck.compare("dX", analyticDX, numericDX);
        String hint = GradCheck.maxRelError(analyticDX, direct) < 1e-9
                ? ": that is dY·γ/√(σ² + ε) only; μ and σ² depend on every x of the batch too, add the paths"
                        + " through them: dX = (γ/s)(dY − mean(dY) − x̂·mean(dY ⊙ x̂))"
                : "";
        assertTrue(reportDX.passes(GRAD_TOLERANCE), () -> label + ": dX does not match the centred difference of "
                + "forward (relative error below 1e-6 expected; the gradients are of order 0.1 to 1): " + reportDX + hint);
        GradCheck.Report reportDGamma = GradCheck.compare("dγ", analyticDGamma, numericDGamma);
        assertTrue(reportDGamma.passes(GRAD_TOLERANCE), () -> label + ": dγ = Σ_i dY ⊙ x̂ (down each column) does "
                + "not match the centred difference: " + reportDGamma);
        GradCheck.Report reportDBeta = GradCheck.compare("dβ", analyticDBeta, numericDBeta);
        assertTrue(reportDBeta.passes(GRAD_TOLERANCE), () -> label + ": dβ = Σ_i dY (down each column) does not "
                + "match the centred difference: " + reportDBeta);
    }

    /// Checks a forward result against the hand values, with hints for the typical mistakes on
    /// the same batch (γ and β as given).
    static void checkForward(double[][] expected, DMatrixRMaj Y, DMatrixRMaj X, double g1, double g2, double b1,
            double b2, String call) {
        checkShape(Y, expected.length, expected[0].length);
        double[] actual = entries(Y);
        double[] want = Arrays.stream(expected).flatMapToDouble(Arrays::stream).toArray();
        double[] gamma = {g1, g2};
        double[] beta = {b1, b2};
        String hint = "";
        for (Mistake mistake : Mistake.values()) {
            double[] wrong = wrong(X, gamma, beta, mistake);
            // with γ = 1 and β = 0, leaving them out is no mistake
            if (hint.isEmpty() && matches(actual, wrong) && !matches(want, wrong)) {
                hint = mistake.hint;
            }
        }
        String why = hint;
        assertTrue(near(actual, want), () -> call + " should be " + Arrays.deepToString(expected) + " but was "
                + Arrays.deepToString(rows(Y)) + why);
    }

    /// The typical mistakes of the forward pass, with their hints.
    enum Mistake {
        M_MINUS_ONE(": that divides σ² by m − 1; the batch's variance divides by m"),
        ROWS(": those are statistics over each row; μ and σ² of a feature are over the batch, down each column"),
        NO_SQRT(": that divides by σ² + ε; divide by the standard deviation √(σ² + ε)"),
        NO_EPSILON(": ε is missing; divide by √(σ² + ε) with ε = BatchNorm.EPSILON = 1e-5"),
        NO_GAMMA(": γ is missing; y = γ ⊙ x̂ + β"),
        NO_BETA(": β is missing; y = γ ⊙ x̂ + β");

        final String hint;

        Mistake(String hint) {
            this.hint = hint;
        }
    }

    /// The output of batch norm with one typical mistake, written out for a 3×2 batch.
    static double[] wrong(DMatrixRMaj X, double[] gamma, double[] beta, Mistake mistake) {
        int m = X.numRows;
        int n = X.numCols;
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double[] values = mistake == Mistake.ROWS ? row(X, i) : column(X, j);
                double mu = mean(values);
                double var = variance(values) * (mistake == Mistake.M_MINUS_ONE ? (double) values.length
                        / (values.length - 1) : 1);
                double eps = mistake == Mistake.NO_EPSILON ? 0 : EPS;
                double scale = mistake == Mistake.NO_SQRT ? var + eps : Math.sqrt(var + eps);
                double xHat = (X.get(i, j) - mu) / scale;
                double g = mistake == Mistake.NO_GAMMA ? 1 : gamma[j];
                double b = mistake == Mistake.NO_BETA ? 0 : beta[j];
                y[i * n + j] = g * xHat + b;
            }
        }
        return y;
    }

    /// A batch whose columns have different means (−2 to 2) and scales (0.5 to 3).
    static DMatrixRMaj randomBatch(Random random, int m, int n) {
        DMatrixRMaj X = new DMatrixRMaj(m, n);
        for (int j = 0; j < n; j++) {
            double shift = -2 + 4 * random.nextDouble();
            double scale = 0.5 + 2.5 * random.nextDouble();
            for (int i = 0; i < m; i++) {
                X.set(i, j, shift + scale * random.nextGaussian());
            }
        }
        return X;
    }

    static void checkShape(DMatrixRMaj M, int rows, int cols) {
        assertNotNull(M, "the result is null");
        assertTrue(M.numRows == rows && M.numCols == cols, () -> "the result should be " + rows + "×" + cols
                + " (the shape of the input) but was " + M.numRows + "×" + M.numCols);
    }

    static void setRow(DMatrixRMaj row, double... values) {
        for (int j = 0; j < values.length; j++) {
            row.set(0, j, values[j]);
        }
    }

    static double[] column(DMatrixRMaj M, int j) {
        double[] c = new double[M.numRows];
        for (int i = 0; i < M.numRows; i++) {
            c[i] = M.get(i, j);
        }
        return c;
    }

    static double[] row(DMatrixRMaj M, int i) {
        double[] r = new double[M.numCols];
        for (int j = 0; j < M.numCols; j++) {
            r[j] = M.get(i, j);
        }
        return r;
    }

    static double[][] rows(DMatrixRMaj M) {
        double[][] r = new double[M.numRows][];
        for (int i = 0; i < M.numRows; i++) {
            r[i] = row(M, i);
        }
        return r;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    /// (1/m) Σ (v − mean)², the variance dividing by the number of values.
    static double variance(double[] v) {
        double mu = mean(v);
        return Arrays.stream(v).map(x -> (x - mu) * (x - mu)).sum() / v.length;
    }

    static double dot(DMatrixRMaj Y, double[] dY) {
        double sum = 0;
        for (int i = 0; i < dY.length; i++) {
            sum += Y.data[i] * dY[i];
        }
        return sum;
    }

    static double[] entries(DMatrixRMaj M) {
        return Arrays.copyOf(M.data, M.getNumElements());
    }

    static boolean near(double[] actual, double... expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) < EXACT * Math.max(1, Math.abs(expected[i])))) {
                return false;
            }
        }
        return true;
    }

    /// Near, with a looser tolerance for the mistakes (computed in another order).
    static boolean matches(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) < 1e-9)) {
                return false;
            }
        }
        return true;
    }
}

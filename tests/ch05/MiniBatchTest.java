package ch05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch04.ChainRule;
import ch04.Gradient;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch05-epoch.
///
/// The worked example's θ after one epoch, and θ after each typical mistake, were computed
/// independently in Python (the sigmoid with math.exp, the mean gradient of each batch written
/// out, see the comment at [#workedExample]). The properties on seeded random data build the
/// expected θ from the gradients of chapter 4 (`ch04.ChainRule`, graded there), one update at
/// a time, never from the solution of this exercise.
@Order(2)
@DisplayName("MiniBatch")
class MiniBatchTest {

    /// Python and Java agree to a few units in the last place after three updates.
    static final double EXACT = 1e-12;

    /// Five examples with two inputs, and their targets.
    static final double[][] X = {{1, 2}, {-1, 0.5}, {2, -1}, {0, 1}, {-2, -1}};
    static final double[] Y = {1, 0, 0, 1, 0};
    /// θ = (w₁, w₂, b).
    static final double[] THETA = {0.5, -0.3, 0.1};
    /// The visiting order: batches {3, 0}, {4, 1} and {2} for B = 2.
    static final int[] ORDER = {3, 0, 4, 1, 2};

    @Test
    @Order(1)
    @DisplayName("one epoch on 5 examples in the order 3, 0, 4, 1, 2 with B = 2: updates on {3, 0}, {4, 1}, then {2}")
    void workedExample() {
        // Python (math.exp): for each batch, g = mean over its rows of 2(a − y)·a(1 − a)·(x, 1) at the current θ,
        // then θ = θ − η·g, with η = 0.5; the same script with each mistake gives the other vectors below.
        double[] expected = {0.44623345552326704, 0.018386765440595476, 0.03205353987275156};
        double[] actual = MiniBatch.epoch(THETA.clone(), X, Y, ORDER, 2, 0.5);
        assertNotNull(actual, "epoch(...) returned null");
        String hint = same(actual, 0.6784754607558721, -0.09773423717570703, 0.14817454248905407)
                ? ": that is θ after the batches {3, 0} and {4, 1} only; the last, shorter batch {2} must be used too"
                : same(actual, 0.62093053751476, -0.0029572486957918503, 0.0563646103702274)
                ? ": that is the epoch in the order 0, 1, 2, 3, 4; take the examples order[start], order[start + 1], …"
                : same(actual, 0.43142098621823005, 0.039654273019246025, 0.020276249104105887)
                ? ": every batch's gradient was taken at the starting θ; take each at the θ of the previous update"
                : same(actual, 0.5802474694322024, -0.6598797858325047, 0.19065653040575098)
                ? ": the updates went uphill (θ + η∇C)"
                : same(actual, 0.42570574793586485, 0.29467628385391176, -0.012349701657777684)
                ? ": the learning rate η is missing"
                : same(actual, 0.5234861817387129, -0.189597184418012, 0.09356939326735278)
                ? ": that is one full-batch update; make one update per batch of B = 2 examples"
                : "";
        assertArrayEquals(expected, actual, EXACT, () -> "θ after one epoch from θ=(0.5, -0.3, 0.1) with order "
                + "(3, 0, 4, 1, 2), B=2, η=0.5 should be " + Arrays.toString(expected) + " but was "
                + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("epoch leaves θ, X, y and the order unchanged and returns a new θ of length n + 1")
    void leavesItsInputsAlone() {
        double[] theta = THETA.clone();
        int[] order = ORDER.clone();
        double[][] x = Arrays.stream(X).map(double[]::clone).toArray(double[][]::new);
        double[] y = Y.clone();
        double[] actual = MiniBatch.epoch(theta, x, y, order, 2, 0.5);
        assertNotNull(actual, "epoch(...) returned null");
        assertArrayEquals(THETA, theta, () -> "epoch changed the θ it was given to " + Arrays.toString(theta)
                + ": update a copy (GradientDescent.step returns a new array)");
        assertNotSame(theta, actual, "epoch returned the θ it was given: return a new array");
        assertEquals(3, actual.length, () -> "θ = (w₁, w₂, b) has 3 entries but epoch returned " + actual.length);
        assertArrayEquals(ORDER, order, "epoch changed the order it was given");
        assertArrayEquals(Y, y, "epoch changed y");
        for (int j = 0; j < X.length; j++) {
            assertArrayEquals(X[j], x[j], "epoch changed row " + j + " of X");
        }
    }

    @Test
    @Order(3)
    @DisplayName("a batch size B ≥ m makes one full-batch update θ − η∇C(θ) on seeded random data")
    void fullBatchIsOneStep() {
        Random random = new Random(231);
        for (int trial = 0; trial < 5; trial++) {
            int m = 3 + random.nextInt(8);
            double[][] x = gaussian(random, m, 2);
            double[] y = targets(random, m);
            double[] theta = gaussian(random, 1, 3)[0];
            double eta = 0.1 + random.nextDouble();
            double[] expected = update(theta, batchGradient(theta, x, y, range(m)), eta);
            for (int batchSize : new int[] {m, m + 3}) {
                double[] actual = MiniBatch.epoch(theta, x, y, MiniBatch.shuffle(m, random), batchSize, eta);
                int b = batchSize;
                assertArrayEquals(expected, actual, EXACT, () -> "with m = " + m + " examples and B = " + b
                        + " the epoch is one update with the gradient of all m: θ should become "
                        + Arrays.toString(expected)
                        + " but was " + Arrays.toString(actual)
                        + ": whatever the order, the mean over all rows is the same (is the batch the whole data?)");
            }
        }
    }

    @Test
    @Order(4)
    @DisplayName("B = 1 is stochastic gradient descent: m updates, one example each, in the given order")
    void stochasticIsOneExampleAtATime() {
        Random random = new Random(232);
        int m = 7;
        double[][] x = gaussian(random, m, 3);
        double[] y = targets(random, m);
        double[] theta = gaussian(random, 1, 4)[0];
        int[] order = MiniBatch.shuffle(m, random);
        double[] expected = theta.clone();
        for (int j : order) {
            expected = update(expected, batchGradient(expected, x, y, new int[] {j}), 0.8);
        }
        double[] actual = MiniBatch.epoch(theta, x, y, order, 1, 0.8);
        double[] want = expected;
        assertArrayEquals(want, actual, EXACT, () -> "with B = 1 the epoch makes " + m + " updates, on the examples "
                + Arrays.toString(order) + " one after the other; θ should become " + Arrays.toString(want)
                + " but was " + Arrays.toString(actual));
    }

    @Test
    @Order(5)
    @DisplayName("B = 3 on m = 10 examples: batches of 3, 3, 3 and the leftover 1, each update from the previous θ")
    void lastBatchIsShorter() {
        Random random = new Random(233);
        int m = 10;
        double[][] x = gaussian(random, m, 2);
        double[] y = targets(random, m);
        double[] theta = gaussian(random, 1, 3)[0];
        int[] order = MiniBatch.shuffle(m, random);
        double[] expected = theta.clone();
        double[] withoutLast = null;
        for (int start = 0; start < m; start += 3) {
            withoutLast = expected;
            int[] rows = Arrays.copyOfRange(order, start, Math.min(start + 3, m));
            expected = update(expected, batchGradient(expected, x, y, rows), 0.7);
        }
        double[] actual = MiniBatch.epoch(theta, x, y, order, 3, 0.7);
        double[] want = expected;
        double[] dropped = withoutLast;
        assertArrayEquals(want, actual, EXACT, () -> "θ after the batches of 3, 3, 3 and 1 examples should be "
                + Arrays.toString(want) + " but was " + Arrays.toString(actual)
                + (same(actual, dropped) ? ": the last batch of 1 example was dropped; it must be used too" : ""));
    }

    @Test
    @Order(6)
    @DisplayName("training works: 30 epochs with B = 5 on two Gaussian blobs drive the cost from 0.25 below 0.05")
    void trainingLowersTheCost() {
        Random random = new Random(231);
        int m = 60;
        double[][] x = new double[m][];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            // class 1 around (2, 2), class 0 around (−2, −2), spread 1: well apart
            y[j] = j % 2;
            double centre = y[j] == 1 ? 2 : -2;
            x[j] = new double[] {centre + random.nextGaussian(), centre + random.nextGaussian()};
        }
        double[] theta = {0, 0, 0};
        // at θ = 0 every output is σ(0) = 1/2, so the cost is (1/2)² = 0.25 exactly
        double start = ChainRule.cost(new double[] {0, 0}, 0, x, y);
        for (int epoch = 0; epoch < 30; epoch++) {
            theta = MiniBatch.epoch(theta, x, y, MiniBatch.shuffle(m, random), 5, 1.0);
        }
        double end = ChainRule.cost(new double[] {theta[0], theta[1]}, theta[2], x, y);
        double[] last = theta;
        assertEquals(0.25, start, EXACT, "the cost at θ = 0 should be 0.25");
        assertTrue(end < 0.05, () -> "after 30 epochs the cost should be below 0.05 (from 0.25) but was " + end
                + " at θ = " + Arrays.toString(last) + (end > 0.25 ? ": it went up; do the updates go downhill?" : ""));
    }

    // ---- helpers ----

    /// The mean gradient (∂C/∂w, ∂C/∂b) of the examples `rows`, from chapter 4's chain rule.
    private static double[] batchGradient(double[] theta, double[][] x, double[] y, int[] rows) {
        double[][] xb = new double[rows.length][];
        double[] yb = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            xb[j] = x[rows[j]];
            yb[j] = y[rows[j]];
        }
        Gradient g = ChainRule.neuron(Arrays.copyOf(theta, theta.length - 1), theta[theta.length - 1], xb, yb);
        double[] packed = Arrays.copyOf(g.dw(), theta.length);
        packed[theta.length - 1] = g.db();
        return packed;
    }

    /// θ − η·g, written out.
    private static double[] update(double[] theta, double[] g, double eta) {
        double[] next = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            next[i] = theta[i] - eta * g[i];
        }
        return next;
    }

    private static int[] range(int m) {
        int[] order = new int[m];
        for (int j = 0; j < m; j++) {
            order[j] = j;
        }
        return order;
    }

    private static double[][] gaussian(Random random, int rows, int columns) {
        double[][] v = new double[rows][columns];
        for (double[] row : v) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return v;
    }

    private static double[] targets(Random random, int m) {
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = random.nextInt(2);
        }
        return y;
    }

    private static boolean same(double[] actual, double... expected) {
        if (actual == null || expected == null || actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > 1e-9) {
                return false;
            }
        }
        return true;
    }
}

package ch06;

import static ch06.Matrices.assertMatrix;
import static ch06.Matrices.of;
import static ch06.Matrices.same;
import static ch06.Matrices.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import bp.GradCheck;
import ch02.Sigmoid;
import ch02.Tanh;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch06-network-backward and ch06-train-step.
///
/// The hand example is chapter 6's step 2: the XOR points through W¹ = [[1, 1], [1, 1]],
/// b¹ = [0, −1], ReLU, W² = [[1, −1]], b² = [0.1], so that A = (0.1, 1.1, 1.1, 1.1) and C = 0.31.
/// By hand, with δ² = 2(A − Y)/4 = (0.05, 0.05, 0.05, 0.55):
///
///     ∂C/∂W² = δ²ᵀ A¹ = [1.2, 0.55]           ∂C/∂b² = 0.7
///     δ¹ = (δ² W²) ⊙ 1[Z¹ > 0] = [[0, 0], [0.05, 0], [0.05, 0], [0.55, −0.55]]
///     ∂C/∂W¹ = δ¹ᵀ X = [[0.6, 0.6], [−0.55, −0.55]]   ∂C/∂b¹ = [0.65, −0.55]   ∂C/∂X = δ¹ W¹
///
/// The random checks compare with centred differences of the cost through `Network.forward`
/// (given code, not an exercise), never with the solution's backward pass.
@Order(3)
@DisplayName("Network")
class NetworkTest {

    static final DMatrixRMaj X = of(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 0}, new double[] {1, 1});
    static final DMatrixRMaj Y = of(new double[] {0}, new double[] {1}, new double[] {1}, new double[] {0});

    /// The network of the hand example (a new one each time: training changes it).
    static Network handNetwork() {
        return new Network(new Dense(of(new double[] {1, 1}, new double[] {1, 1}), of(new double[] {0, -1})), new ReLU(),
                new Dense(of(new double[] {1, -1}), of(new double[] {0.1})));
    }

    // ---- ch06-network-backward ----

    @Test
    @Order(1)
    @DisplayName("backward on the hand example: ∂C/∂W¹ = [[0.6, 0.6], [−0.55, −0.55]], ∂C/∂b¹ = [0.65, −0.55], ∂C/∂W² = [1.2, 0.55], ∂C/∂b² = 0.7")
    void backwardByHand() {
        Network net = handNetwork();
        DMatrixRMaj A = net.forward(X);
        DMatrixRMaj dA = of(new double[] {0.05}, new double[] {0.05}, new double[] {0.05}, new double[] {0.55});
        DMatrixRMaj dX = backward(net, dA, "the 2-2-1 hand network");
        List<Parameter> p = net.parameters();
        assertMatrix(new double[][] {{1.2, 0.55}}, p.get(2).gradient(), "∂C/∂W²", "");
        assertMatrix(new double[][] {{0.7}}, p.get(3).gradient(), "∂C/∂b²", "");
        String untouched = same(p.get(0).gradient(), new double[][] {{0, 0}, {0, 0}})
                ? ": the first layer got no gradient; the gradient must travel on through every layer down to the first" : "";
        assertMatrix(new double[][] {{0.6, 0.6}, {-0.55, -0.55}}, p.get(0).gradient(), "∂C/∂W¹", untouched);
        assertMatrix(new double[][] {{0.65, -0.55}}, p.get(1).gradient(), "∂C/∂b¹", "");
        // ∂C/∂X = δ¹ W¹: rows (0, 0), (0.05, 0.05), (0.05, 0.05), 0.55·(1, 1) − 0.55·(1, 1) = (0, 0)
        String hint = same(dX, Matrices.rows(dA)) ? ": that is dA itself; return what the first layer's backward returned" : "";
        assertMatrix(new double[][] {{0, 0}, {0.05, 0.05}, {0.05, 0.05}, {0, 0}}, dX, "the returned ∂C/∂X", hint);
        assertEquals(4, A.numRows);
    }

    @Test
    @Order(2)
    @DisplayName("the layers run from the last to the first: a 3-3-3-3 tanh network (where any order fits the shapes) agrees with centred differences")
    void reverseOrderOnSquareLayers() {
        Random random = new Random(5);
        Network net = new Network(dense(random, 3, 3), new ActivationLayer(new Tanh()), dense(random, 3, 3),
                new ActivationLayer(new Tanh()), dense(random, 3, 3));
        DMatrixRMaj x = Matrices.gaussian(random, 4, 3);
        DMatrixRMaj y = Matrices.gaussian(random, 4, 3);
        gradientCheck(net, x, y, "the 3-3-3-3 tanh network",
                " (if Dense and ReLU pass their own tests, check the order: every layer here is 3×3, so a wrong order"
                        + " fits the shapes; the output layer's backward comes first, then each layer gets what the layer above it returned)");
    }

    @Test
    @Order(3)
    @DisplayName("gradient check of whole networks: every parameter and ∂C/∂X of 2-10-1 ReLU, 3-5-4-2 ReLU/sigmoid and 1-1 (relative error < 1e-7)")
    void wholeNetworkGradientCheck() {
        Random random = new Random(2024);
        // inputs chosen so that no ReLU input is within 1e-3 of its kink (checked below)
        Network xor = new Network(dense(random, 2, 10), new ReLU(), dense(random, 10, 1));
        DMatrixRMaj x1 = Matrices.gaussian(random, 6, 2);
        gradientCheck(xor, x1, Matrices.gaussian(random, 6, 1), "the 2-10-1 ReLU network", "");
        Network deep = new Network(dense(random, 3, 5), new ReLU(), dense(random, 5, 4),
                new ActivationLayer(new Sigmoid()), dense(random, 4, 2));
        gradientCheck(deep, Matrices.gaussian(random, 5, 3), Matrices.gaussian(random, 5, 2),
                "the 3-5-4-2 ReLU/sigmoid network", "");
        Network single = new Network(dense(random, 1, 1));
        gradientCheck(single, Matrices.gaussian(random, 3, 1), Matrices.gaussian(random, 3, 1),
                "a network of one Dense(1→1) layer", "");
    }

    // ---- ch06-train-step ----

    @Test
    @Order(4)
    @DisplayName("trainStep on the hand example with η = 0.1 returns C = 0.31 and moves every parameter by −η ∂C/∂θ")
    void trainStepByHand() {
        Network net = handNetwork();
        double C = net.trainStep(X, Y, 0.1);
        List<Parameter> p = net.parameters();
        // by hand: W² = [1, −1] − 0.1·[1.2, 0.55] = [0.88, −1.055]
        String hint = same(p.get(2).value(), new double[][] {{1.12, -0.945}})
                ? ": W² went uphill (θ + η ∂C/∂θ); subtract the gradient"
                : same(p.get(2).value(), new double[][] {{-0.2, -1.55}})
                ? ": W² moved by the whole gradient; multiply it by the learning rate η"
                : same(p.get(2).value(), new double[][] {{1, -1}}) ? ": W² did not change; update every parameter" : "";
        assertMatrix(new double[][] {{0.88, -1.055}}, p.get(2).value(), "W² after one step", hint);
        // b² = 0.1 − 0.1·0.7 = 0.03; W¹ = [[1, 1], [1, 1]] − 0.1·[[0.6, 0.6], [−0.55, −0.55]]; b¹ = [0, −1] − 0.1·[0.65, −0.55]
        String biasHint = same(p.get(3).value(), new double[][] {{0.1}}) ? ": the bias did not change; update b as well as W" : "";
        assertMatrix(new double[][] {{0.03}}, p.get(3).value(), "b² after one step", biasHint);
        assertMatrix(new double[][] {{0.94, 0.94}, {1.055, 1.055}}, p.get(0).value(), "W¹ after one step",
                same(p.get(0).value(), new double[][] {{1, 1}, {1, 1}}) ? ": the first layer did not change; update every parameter of every layer" : "");
        assertMatrix(new double[][] {{-0.065, -0.945}}, p.get(1).value(), "b¹ after one step", "");
        // by hand: C = (0.1² + 0.1² + 0.1² + 1.1²)/4 = 0.31, the cost before the update
        double after = MeanSquaredError.value(net.forward(X), Y);
        String costHint = Math.abs(C - after) < 1e-12 ? ": that is the cost after the update; return the one computed before it" : "";
        assertEquals(0.31, C, 1e-12, () -> "trainStep should return the cost before the update, C = 0.31, but returned " + C + costHint);
    }

    @Test
    @Order(5)
    @DisplayName("trainStep with η = 0 changes nothing and returns the cost; with η = 0.05 it makes the step θ − η·(centred differences)")
    void trainStepAgainstNumericGradient() {
        Random random = new Random(31);
        Network frozen = new Network(dense(random, 2, 4), new ReLU(), dense(random, 4, 1));
        List<double[]> before = values(frozen);
        DMatrixRMaj x = Matrices.gaussian(random, 5, 2);
        DMatrixRMaj y = Matrices.gaussian(random, 5, 1);
        double expectedCost = MeanSquaredError.value(frozen.forward(x), y);
        double C = frozen.trainStep(x, y, 0);
        assertEquals(expectedCost, C, 1e-12, () -> "trainStep(η = 0) should return the cost " + expectedCost + " but returned " + C);
        List<double[]> after = values(frozen);
        for (int k = 0; k < before.size(); k++) {
            int i = k;
            assertTrue(Arrays.equals(before.get(k), after.get(k)), () -> "with η = 0 the parameter " + frozen.parameters().get(i).name()
                    + " changed from " + Arrays.toString(before.get(i)) + " to " + Arrays.toString(after.get(i))
                    + ": the step is θ − η ∂C/∂θ, so forgetting η or adding something else shows here");
        }
        Network net = new Network(dense(random, 3, 5), new ActivationLayer(new Tanh()), dense(random, 5, 2));
        DMatrixRMaj x2 = Matrices.gaussian(random, 4, 3);
        DMatrixRMaj y2 = Matrices.gaussian(random, 4, 2);
        double eta = 0.05;
        List<double[]> numeric = new java.util.ArrayList<>();
        List<double[]> old = values(net);
        for (Parameter p : net.parameters()) {
            numeric.add(GradCheck.numericGradient(v -> MeanSquaredError.value(net.forward(x2), y2), p.value().data));
        }
        net.trainStep(x2, y2, eta);
        List<Parameter> params = net.parameters();
        for (int k = 0; k < params.size(); k++) {
            double[] expected = new double[old.get(k).length];
            for (int i = 0; i < expected.length; i++) {
                // θ ← θ − η ∂C/∂θ, with ∂C/∂θ from centred differences
                expected[i] = old.get(k)[i] - eta * numeric.get(k)[i];
            }
            double[] actual = params.get(k).value().data.clone();
            int i = k;
            String hint = matches(actual, old.get(k), numeric.get(k), eta) ? ": the step went uphill (θ + η ∂C/∂θ)"
                    : matches(actual, old.get(k), numeric.get(k), -1) ? ": the learning rate η is missing (θ − ∂C/∂θ)" : "";
            for (int e = 0; e < expected.length; e++) {
                int entry = e;
                assertEquals(expected[e], actual[e], 1e-8, () -> params.get(i).name() + "[" + entry + "] after one step with η = "
                        + eta + " should be " + expected[entry] + " (θ − η ∂C/∂θ) but was " + actual[entry] + hint);
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("1000 steps of trainStep with η = 0.1 learn XOR from the seed-42 initial weights: predictions within 0.1 of 0 1 1 0")
    void learnsXor() {
        Random random = new Random(42);
        Network net = new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random));
        double first = Double.NaN;
        double last = Double.NaN;
        for (int epoch = 0; epoch < 1000; epoch++) {
            last = net.trainStep(X, Y, 0.1);
            if (epoch == 0) {
                first = last;
            }
        }
        double start = first;
        double end = last;
        assertTrue(end < 1e-6, () -> "after 1000 steps the cost should be below 1e-6 (it falls to about 1e-23) but it went from "
                + start + " to " + end + (end > start ? ": it rose, so the steps go uphill" : ""));
        DMatrixRMaj A = net.forward(X);
        for (int i = 0; i < 4; i++) {
            int row = i;
            assertEquals(Y.get(i, 0), A.get(i, 0), 0.1, () -> "after training, the prediction for " + Arrays.toString(Matrices.rows(X)[row])
                    + " should be within 0.1 of " + Y.get(row, 0) + " but was " + A.get(row, 0));
        }
    }

    // ---- helpers ----

    /// Runs backward and turns a shape error into a hint about the order of the layers.
    private static DMatrixRMaj backward(Network net, DMatrixRMaj dA, String what) {
        DMatrixRMaj dX;
        try {
            dX = net.backward(dA);
        } catch (IllegalArgumentException e) {
            fail("backward of " + what + " handed a layer a gradient of the wrong shape (" + e.getMessage()
                    + "): run the layers from the last to the first, each one getting what the layer above it returned");
            return null;
        }
        assertNotNull(dX, "backward returned null; it returns ∂C/∂X, the result of the first layer's backward");
        return dX;
    }

    /// Centred differences of C = MSE(forward(x), y) for every parameter and for x, against backward.
    private static void gradientCheck(Network net, DMatrixRMaj x, DMatrixRMaj y, String what, String hint) {
        requireAwayFromKinks(net, x, what);
        DMatrixRMaj dX = backward(net, MeanSquaredError.gradient(net.forward(x), y), what);
        for (Parameter p : net.parameters()) {
            assertTrue(p.gradient().numRows == p.value().numRows && p.gradient().numCols == p.value().numCols,
                    () -> "∂C/∂" + p.name() + " of " + what + " is " + p.gradient().numRows + "×" + p.gradient().numCols
                            + " but " + p.name() + " is " + p.value().numRows + "×" + p.value().numCols
                            + ": a gradient has the shape of its parameter");
            double[] numeric = GradCheck.numericGradient(v -> MeanSquaredError.value(net.forward(x), y), p.value().data);
            double error = Matrices.maxRelError(p.gradient(), numeric);
            assertTrue(error < GradCheck.TOLERANCE, () -> "∂C/∂" + p.name() + " of " + what + " disagrees with centred differences, most at "
                    + Matrices.worst("∂C/∂" + p.name(), p.gradient(), numeric) + " (should be < 1e-7); backprop " + show(p.gradient()) + ", numeric "
                    + Arrays.toString(numeric) + hint);
        }
        double[] numeric = GradCheck.numericGradient(v -> MeanSquaredError.value(net.forward(x), y), x.data);
        double error = dX.getNumElements() == numeric.length ? Matrices.maxRelError(dX, numeric) : Double.NaN;
        assertTrue(error < GradCheck.TOLERANCE, () -> "the returned ∂C/∂X of " + what + " disagrees with centred differences"
                + (Double.isNaN(error) ? "" : ", most at " + Matrices.worst("∂C/∂X", dX, numeric)) + "; backprop " + show(dX) + ", numeric " + Arrays.toString(numeric) + hint);
    }

    /// The test's own precondition: no ReLU input lies within 1e-3 of the kink, so centred
    /// differences with h = 1e-5 see a smooth function.
    private static void requireAwayFromKinks(Network net, DMatrixRMaj x, String what) {
        DMatrixRMaj A = x;
        for (Layer layer : net.layers()) {
            if (layer instanceof ReLU) {
                for (int i = 0; i < A.getNumElements(); i++) {
                    assertTrue(Math.abs(A.data[i]) > 1e-3, "test set-up: an input of a ReLU of " + what + " is near 0");
                }
            }
            A = layer.forward(A);
        }
    }

    private static Dense dense(Random random, int nIn, int nOut) {
        return new Dense(nIn, nOut, random);
    }

    /// A copy of the values of every parameter, in order.
    private static List<double[]> values(Network net) {
        return net.parameters().stream().map(p -> Arrays.copyOf(p.value().data, p.value().getNumElements())).toList();
    }

    /// True when actual = old + eta·gradient entry by entry (eta = −1: θ − ∂C/∂θ).
    private static boolean matches(double[] actual, double[] old, double[] gradient, double eta) {
        for (int i = 0; i < old.length; i++) {
            if (Math.abs(actual[i] - (old[i] + eta * gradient[i])) > 1e-8) {
                return false;
            }
        }
        return true;
    }
}

package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import bp.GradCheck;
import ch06.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch09-backward: backpropagation through the whole MLP.
///
/// The example by hand, a 2-2-2 network and one image x = (1, 2) of class 0:
///
///     W¹ = ((1, 0), (0, −1)), b¹ = 0:   z¹ = (1, −2),  a¹ = ReLU(z¹) = (1, 0)
///     W² = ((1, 1), (0, 2)),  b² = 0:   z² = (1, 0),   P = (e/(1 + e), 1/(1 + e)) = (1 − s, s)
///
/// with s = 1/(1 + e). Then δ² = P − Y = (−s, s), ∂C/∂W² = δ²ᵀ a¹ = ((−s, 0), (s, 0)),
/// ∂C/∂b² = (−s, s), δ² W² = (−s, s), masked by 1[a¹ > 0] = (1, 0): δ¹ = (−s, 0),
/// ∂C/∂W¹ = δ¹ᵀ x = ((−s, −2s), (0, 0)), ∂C/∂b¹ = (−s, 0).
@Order(4)
@DisplayName("Mlp")
class MlpTest {

    /// s = 1/(1 + e).
    static final double S = 1 / (1 + Math.E);

    static Mlp handNetwork() {
        return new Mlp(List.of(new DMatrixRMaj(new double[][] {{1, 0}, {0, -1}}), new DMatrixRMaj(new double[][] {{1, 1}, {0, 2}})),
                List.of(new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 2)));
    }

    @Test
    @Order(1)
    @DisplayName("the output layer by hand: ∂C/∂W² = ((−s, 0), (s, 0)) and ∂C/∂b² = (−s, s), s = 1/(1 + e)")
    void outputLayerByHand() {
        Mlp net = handNetwork();
        net.loss(new DMatrixRMaj(new double[][] {{1, 2}}), new int[] {0});
        net.backward();
        double[] dW2 = gradient(net, "W2"), db2 = gradient(net, "b2");
        String hint = same(dW2, -S, S, 0, 0) ? ": that is a¹ᵀ δ² laid out as (W²)ᵀ; ∂C/∂W² = δ²ᵀ a¹ has the shape of W²"
                : same(dW2, S, 0, -S, 0) ? ": the sign is flipped; δ² = P − Y" : "";
        assertArrayEquals(new double[] {-S, 0, S, 0}, dW2, 1e-12, "∂C/∂W² should be ((−s, 0), (s, 0)) but was "
                + Arrays.toString(dW2) + hint);
        assertArrayEquals(new double[] {-S, S}, db2, 1e-12, "∂C/∂b² should be (−s, s) but was " + Arrays.toString(db2));
    }

    @Test
    @Order(2)
    @DisplayName("the hidden layer by hand: ∂C/∂W¹ = ((−s, −2s), (0, 0)) and ∂C/∂b¹ = (−s, 0): the ReLU mask stops unit 2")
    void hiddenLayerByHand() {
        Mlp net = handNetwork();
        net.loss(new DMatrixRMaj(new double[][] {{1, 2}}), new int[] {0});
        net.backward();
        double[] dW1 = gradient(net, "W1"), db1 = gradient(net, "b1");
        String hint = same(dW1, -S, -2 * S, S, 2 * S) ? ": the ReLU mask is missing; δ¹ = (δ² W²) ⊙ 1[a¹ > 0]"
                : same(dW1, -S, 0, -2 * S, 0) ? ": transposed; ∂C/∂W¹ = δ¹ᵀ X, the shape of W¹ (rows = hidden units)"
                : Arrays.stream(dW1).allMatch(v -> v == 0) ? ": all zeros; does backward reach the first layer?" : "";
        assertArrayEquals(new double[] {-S, -2 * S, 0, 0}, dW1, 1e-12, "∂C/∂W¹ should be ((−s, −2s), (0, 0)) but was "
                + Arrays.toString(dW1) + hint);
        assertArrayEquals(new double[] {-S, 0}, db1, 1e-12, "∂C/∂b¹ should be (−s, 0) but was " + Arrays.toString(db1));
    }

    @Test
    @Order(3)
    @DisplayName("the bias gradient sums over the batch: the same image three times gives the same gradients as once")
    void biasSumsOverTheBatch() {
        Mlp once = handNetwork(), thrice = handNetwork();
        once.loss(new DMatrixRMaj(new double[][] {{1, 2}}), new int[] {0});
        once.backward();
        thrice.loss(new DMatrixRMaj(new double[][] {{1, 2}, {1, 2}, {1, 2}}), new int[] {0, 0, 0});
        thrice.backward();
        for (String name : List.of("W1", "b1", "W2", "b2")) {
            double[] expected = gradient(once, name), actual = gradient(thrice, name);
            boolean third = same(actual, Arrays.stream(expected).map(v -> v / 3).toArray());
            assertArrayEquals(expected, actual, 1e-12, "∂C/∂" + name + " of a batch of three copies (the cost is their mean) "
                    + "should equal that of one copy, " + Arrays.toString(expected) + ", but was " + Arrays.toString(actual)
                    + (third ? ": a third of it; δ already holds the 1/m, so sum over the batch, do not average again"
                            + " (or did you take only the first row?)" : ""));
        }
    }

    @Test
    @Order(4)
    @DisplayName("every gradient of a 5-4-3 network on a batch of 6 agrees with the numerical gradient (relative error < 1e-6)")
    void numericalCheck() {
        Random random = new Random(17);
        Mlp net = new Mlp(new int[] {5, 4, 3}, random);
        DMatrixRMaj X = new DMatrixRMaj(6, 5);
        for (int i = 0; i < X.getNumElements(); i++) {
            X.data[i] = random.nextGaussian();
        }
        int[] y = {0, 2, 1, 1, 0, 2};
        checkAll(net, X, y);
    }

    @Test
    @Order(5)
    @DisplayName("with two hidden layers, 4-6-5-3, every gradient agrees with the numerical gradient too")
    void numericalCheckDeeper() {
        Random random = new Random(23);
        Mlp net = new Mlp(new int[] {4, 6, 5, 3}, random);
        DMatrixRMaj X = new DMatrixRMaj(7, 4);
        for (int i = 0; i < X.getNumElements(); i++) {
            X.data[i] = random.nextGaussian();
        }
        checkAll(net, X, new int[] {2, 1, 0, 0, 1, 2, 1});
    }

    /// Compares every parameter's gradient with centred differences of the cost.
    static void checkAll(Mlp net, DMatrixRMaj X, int[] y) {
        net.loss(X, y);
        net.backward();
        for (Parameter p : net.parameters()) {
            double[] analytic = Arrays.copyOf(p.gradient().data, p.gradient().getNumElements());
            double[] original = Arrays.copyOf(p.value().data, p.value().getNumElements());
            double[] numeric = GradCheck.numericGradient(values -> {
                System.arraycopy(values, 0, p.value().data, 0, values.length);
                return net.loss(X, y);
            }, original.clone());
            // the last perturbed value is still in the network: put the original back before the next parameter
            System.arraycopy(original, 0, p.value().data, 0, original.length);
            double error = GradCheck.maxRelError(analytic, numeric);
            assertEquals(0, error, 1e-6, "∂C/∂" + p.name() + " differs from the numerical gradient, most at "
                    + GradCheck.compare("∂C/∂" + p.name(), analytic, numeric, Math.max(1, p.gradient().numCols)) + "\n  analytic:  " + Arrays.toString(analytic) + "\n  numerical: " + Arrays.toString(numeric));
        }
    }

    static double[] gradient(Mlp net, String name) {
        for (Parameter p : net.parameters()) {
            if (p.name().equals(name)) {
                return Arrays.copyOf(p.gradient().data, p.gradient().getNumElements());
            }
        }
        throw new AssertionError("the network has no parameter " + name);
    }

    static boolean same(double[] actual, double... candidate) {
        if (actual.length != candidate.length) {
            return false;
        }
        for (int i = 0; i < candidate.length; i++) {
            if (Math.abs(actual[i] - candidate[i]) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}

package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch07.Adam;
import ch07.Sgd;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch09-step: one mini-batch training step, checked by hand on the
/// network of MlpTest and by training on a tiny synthetic data set.
@Order(5)
@DisplayName("Trainer")
class TrainerTest {

    static final double S = MlpTest.S;

    @Test
    @Order(1)
    @DisplayName("one SGD step (η = 0.5) on the hand example returns the cost before the update, ln(1 + 1/e), and moves W² to ((1 + s/2, 1), (−s/2, 2))")
    void oneStepByHand() {
        Mlp net = MlpTest.handNetwork();
        double C = Trainer.step(net, new DMatrixRMaj(new double[][] {{1, 2}}), new int[] {0}, new Sgd(0.5));
        // C = −ln P₀ = −ln(e/(1 + e)) = ln(1 + 1/e)
        assertEquals(Math.log(1 + 1 / Math.E), C, 1e-12, "the step should return the cost of the batch before the update");
        double[] W2 = Arrays.copyOf(net.W(2).data, 4);
        // W² − η ∂C/∂W² = ((1, 1), (0, 2)) − 0.5·((−s, 0), (s, 0))
        double[] expected = {1 + S / 2, 1, -S / 2, 2};
        String hint = Arrays.equals(W2, new double[] {1, 1, 0, 2})
                ? ": W² did not change; did the optimizer run, and after backward (the gradients start at zero)?" : "";
        assertArrayEquals(expected, W2, 1e-12, "W² after the step should be " + Arrays.toString(expected) + " but was "
                + Arrays.toString(W2) + hint);
        double[] W1 = Arrays.copyOf(net.W(1).data, 4);
        assertArrayEquals(new double[] {1 + S / 2, S, 0, -1}, W1, 1e-12, "W¹ after the step should be "
                + "((1 + s/2, s), (0, −1)) but was " + Arrays.toString(W1));
    }

    @Test
    @Order(2)
    @DisplayName("a second step starts from the updated weights: its cost is lower than the first")
    void secondStepIsLower() {
        Mlp net = MlpTest.handNetwork();
        DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2}});
        Sgd sgd = new Sgd(0.5);
        double first = Trainer.step(net, X, new int[] {0}, sgd);
        double second = Trainer.step(net, X, new int[] {0}, sgd);
        assertTrue(second < first, "the cost should go down from one step to the next, but went from " + first + " to " + second);
    }

    @Test
    @Order(3)
    @DisplayName("Adam steps on three separable clusters of 20 points learn them: accuracy 100% and cost below 0.05 after 300 steps")
    void learnsThreeClusters() {
        Random random = new Random(5);
        int m = 60;
        double[][] centres = {{2, 0}, {-1, 1.7}, {-1, -1.7}};
        DMatrixRMaj X = new DMatrixRMaj(m, 2);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = i % 3;
            X.set(i, 0, centres[y[i]][0] + 0.3 * random.nextGaussian());
            X.set(i, 1, centres[y[i]][1] + 0.3 * random.nextGaussian());
        }
        Mlp net = new Mlp(new int[] {2, 8, 3}, new Random(3));
        Adam adam = new Adam(0.05, 0.9, 0.999, 1e-8);
        double first = Trainer.step(net, X, y, adam), C = first;
        for (int step = 1; step < 300; step++) {
            C = Trainer.step(net, X, y, adam);
        }
        assertTrue(C < 0.05, "after 300 steps the cost should be below 0.05 but was " + C + " (it started at " + first + ")");
        assertEquals(1.0, Accuracy.of(net.probabilities(X), y), 0, "every training point should be classified right");
    }
}

package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch09-softmax-gradient: ∂C/∂Z = (P − Y)/m.
@Order(3)
@DisplayName("SoftmaxCrossEntropy")
class SoftmaxCrossEntropyTest {

    @Test
    @Order(1)
    @DisplayName("gradient of P = ((0.7, 0.2, 0.1), (0.3, 0.3, 0.4)) with labels 0, 2 is ((−0.15, 0.1, 0.05), (0.15, 0.15, −0.3))")
    void byHand() {
        DMatrixRMaj P = new DMatrixRMaj(new double[][] {{0.7, 0.2, 0.1}, {0.3, 0.3, 0.4}});
        DMatrixRMaj delta = new DMatrixRMaj(2, 3);
        SoftmaxCrossEntropy.gradient(P, new int[] {0, 2}, delta);
        // by hand: (P − Y)/2 with Y = ((1, 0, 0), (0, 0, 1))
        double[] expected = {-0.15, 0.1, 0.05, 0.15, 0.15, -0.3};
        double[] actual = Arrays.copyOf(delta.data, 6);
        String hint = same(actual, -0.3, 0.2, 0.1, 0.3, 0.3, -0.6) ? ": that is P − Y; divide by the batch size m = 2"
                : same(actual, 0.15, -0.1, -0.05, -0.15, -0.15, 0.3) ? ": the sign is flipped; it is P − Y, not Y − P"
                : same(actual, 0.35, 0.1, 0.05, 0.15, 0.15, 0.2) ? ": Y is missing; subtract 1 at the true class"
                : "";
        assertArrayEquals(expected, actual, 1e-15, "(P − Y)/m should be " + Arrays.toString(expected) + " but was "
                + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("gradient equals the numerical gradient of forward's cost with respect to the logits Z (m = 5, K = 4)")
    void numericalCheck() {
        Random random = new Random(9);
        int m = 5, K = 4;
        double[] z = new double[m * K];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * random.nextGaussian();
        }
        int[] labels = {3, 0, 1, 3, 2};
        DMatrixRMaj P = new DMatrixRMaj(m, K);
        SoftmaxCrossEntropy.forward(DMatrixRMaj.wrap(m, K, z.clone()), labels, P);
        DMatrixRMaj delta = new DMatrixRMaj(m, K);
        SoftmaxCrossEntropy.gradient(P, labels, delta);
        double[] numeric = GradCheck.numericGradient(
                values -> SoftmaxCrossEntropy.forward(DMatrixRMaj.wrap(m, K, values.clone()), labels, new DMatrixRMaj(m, K)), z);
        double error = GradCheck.maxRelError(Arrays.copyOf(delta.data, m * K), numeric);
        assertEquals(0, error, 1e-7, "the largest relative error between (P − Y)/m and the numerical gradient is " + error);
    }

    @Test
    @Order(3)
    @DisplayName("huge logits Z = (1000, 0): P = (1, 0), cost 0 and gradient (0, 0) for label 0; cost 1000 and gradient (1, −1) for label 1")
    void stableForHugeLogits() {
        DMatrixRMaj P = new DMatrixRMaj(1, 2);
        DMatrixRMaj delta = new DMatrixRMaj(1, 2);
        assertEquals(0, SoftmaxCrossEntropy.forward(new DMatrixRMaj(new double[][] {{1000, 0}}), new int[] {0}, P), 1e-12);
        SoftmaxCrossEntropy.gradient(P, new int[] {0}, delta);
        assertArrayEquals(new double[] {0, 0}, Arrays.copyOf(delta.data, 2), 1e-12, "a sure and right answer has no gradient");
        assertEquals(1000, SoftmaxCrossEntropy.forward(new DMatrixRMaj(new double[][] {{1000, 0}}), new int[] {1}, P), 1e-9);
        SoftmaxCrossEntropy.gradient(P, new int[] {1}, delta);
        assertArrayEquals(new double[] {1, -1}, Arrays.copyOf(delta.data, 2), 1e-12,
                "a sure and wrong answer: (P − Y)/1 = (1 − 0, 0 − 1) = (1, −1), but was " + Arrays.toString(delta.data));
    }

    private static boolean same(double[] actual, double... candidate) {
        for (int i = 0; i < candidate.length; i++) {
            if (Math.abs(actual[i] - candidate[i]) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}

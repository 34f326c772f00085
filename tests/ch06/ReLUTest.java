package ch06;

import static ch06.Matrices.assertMatrix;
import static ch06.Matrices.of;
import static ch06.Matrices.same;
import static ch06.Matrices.show;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch06-relu-backward.
///
/// dZ = dA ⊙ 1[Z > 0]: the hand example has a negative upstream gradient where z > 0, a positive
/// one where z < 0 and non-zero ones where z = 0, so that a mask taken from dA, a mask that lets
/// z = 0 pass, and a missing mask each give a different, recognisable result.
@Order(2)
@DisplayName("ReLU")
class ReLUTest {

    /// The hand example, new matrices each time (so that a backward pass that writes into dA
    /// cannot change the next test's input).
    static DMatrixRMaj z() {
        return of(new double[] {-2, 0, 3}, new double[] {1.5, -0.5, 0});
    }

    static DMatrixRMaj dA() {
        return of(new double[] {1, 2, 3}, new double[] {-4, 5, -6});
    }

    @Test
    @Order(1)
    @DisplayName("dZ = dA ⊙ 1[Z > 0] by hand: Z = [[−2, 0, 3], [1.5, −0.5, 0]], dA = [[1, 2, 3], [−4, 5, −6]] give [[0, 0, 3], [−4, 0, 0]]")
    void maskByHand() {
        DMatrixRMaj dZ = backward(z(), dA());
        // by hand: only z = 3 and z = 1.5 are > 0, so only dA there (3 and −4) passes
        double[][] expected = {{0, 0, 3}, {-4, 0, 0}};
        String hint = same(dZ, new double[][] {{1, 2, 3}, {0, 5, 0}})
                ? ": the mask was taken from dA > 0; it must come from the forward input, Z > 0 (a negative gradient passes where the unit was active)"
                : same(dZ, new double[][] {{0, 2, 3}, {-4, 0, -6}})
                ? ": z = 0 let the gradient through; ReLU'(0) = 0 (chapter 2's convention), so use Z > 0, not Z ≥ 0"
                : same(dZ, new double[][] {{1, 2, 3}, {-4, 5, -6}}) ? ": that is dA unchanged; multiply by ReLU'(Z) = 1[Z > 0]"
                : same(dZ, new double[][] {{0, 0, 1}, {1, 0, 0}}) ? ": that is the mask 1[Z > 0] alone; multiply it by dA"
                : same(dZ, new double[][] {{0, 0, 9}, {-6, 0, 0}}) ? ": that is dA ⊙ ReLU(Z); ReLU'(z) is 1 or 0, not max(0, z)"
                : same(dZ, new double[][] {{-2, 0, 9}, {-6, -2.5, 0}}) ? ": that is dA ⊙ Z; ReLU'(z) is 1 for z > 0 and 0 otherwise"
                : "";
        assertMatrix(expected, dZ, "ReLU.backward(dA=" + show(dA()) + ") after forward(Z=" + show(z()) + ")", hint);
    }

    @Test
    @Order(2)
    @DisplayName("at the kink z = 0 no gradient passes: ReLU'(0) = 0, whatever the sign of dA")
    void kinkPassesNothing() {
        DMatrixRMaj zeros = of(new double[] {0, 0}, new double[] {0, 0});
        DMatrixRMaj dA = of(new double[] {1.5, -2}, new double[] {0.25, 7});
        DMatrixRMaj dZ = backward(zeros, dA);
        String hint = same(dZ, new double[][] {{1.5, -2}, {0.25, 7}})
                ? ": at z = 0 the whole gradient passed; chapter 2 (and PyTorch) take ReLU'(0) = 0, so test z > 0"
                : same(dZ, new double[][] {{1.5, 0}, {0.25, 7}})
                ? ": the positive entries of dA passed, so the mask was taken from dA > 0; it must come from Z > 0" : "";
        assertMatrix(new double[][] {{0, 0}, {0, 0}}, dZ, "ReLU.backward at Z = 0", hint);
    }

    @Test
    @Order(3)
    @DisplayName("backward returns a new matrix and leaves dA unchanged")
    void leavesDaAlone() {
        DMatrixRMaj dA = dA();
        DMatrixRMaj dZ = backward(z(), dA);
        assertTrue(same(dA, Matrices.rows(dA())), () -> "backward changed dA to " + show(dA)
                + ": write the result into the new matrix dZ, not into dA (the caller may still need it)");
        assertTrue(dZ != dA, "backward returned dA itself: return the new matrix dZ");
    }

    @Test
    @Order(4)
    @DisplayName("backward matches centred differences of C = Σ ReLU(Z) ⊙ G on seeded random Z away from 0 (< 1e-7)")
    void gradientCheck() {
        Random random = new Random(99);
        for (int trial = 0; trial < 5; trial++) {
            int m = 1 + trial, n = 2 + trial % 3;
            // |z| ≥ 0.1 ≫ h = 1e-5: no probe crosses the kink
            DMatrixRMaj z = Matrices.awayFromZero(random, m, n, 0.1);
            DMatrixRMaj G = Matrices.gaussian(random, m, n);
            ReLU relu = new ReLU();
            relu.forward(z);
            DMatrixRMaj dZ = relu.backward(G);
            assertNotNull(dZ, "backward returned null");
            double[] numeric = GradCheck.numericGradient(v -> Matrices.dot(relu.forward(z), G), z.data);
            double error = Matrices.maxRelError(dZ, numeric);
            assertTrue(dZ.getNumElements() == numeric.length && error < GradCheck.TOLERANCE, () -> "for Z=" + show(z)
                    + " and dA=" + show(G) + " backward gave " + show(dZ) + " but centred differences give "
                    + Arrays.toString(numeric) + " (relative error " + "%.1e".formatted(error) + ", should be < 1e-7)");
        }
    }

    private static DMatrixRMaj backward(DMatrixRMaj Z, DMatrixRMaj dA) {
        ReLU relu = new ReLU();
        relu.forward(Z.copy());
        DMatrixRMaj dZ = relu.backward(dA);
        assertNotNull(dZ, "backward returned null; it returns dZ = dA ⊙ 1[Z > 0]");
        return dZ;
    }
}

package ch06;

import static ch06.Matrices.assertMatrix;
import static ch06.Matrices.of;
import static ch06.Matrices.same;
import static ch06.Matrices.show;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch06-dense-backward.
///
/// The tiny example below was worked out by hand; the random checks compare with the formulas
/// ∂C/∂w_jk = Σᵢ dz_ij x_ik, ∂C/∂b_j = Σᵢ dz_ij, ∂C/∂x_ik = Σⱼ dz_ij w_jk written out as loops here,
/// and with centred differences of C = Σ Z ⊙ G (whose gradient with respect to Z is G).
@Order(1)
@DisplayName("Dense")
class DenseTest {

    /// The worked example: m = 2 examples, nIn = 3 inputs, nOut = 2 outputs.
    static final DMatrixRMaj X = of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    static final DMatrixRMaj W = of(new double[] {1, 0, -1}, new double[] {2, 1, 0});
    static final DMatrixRMaj B = of(new double[] {0.5, -0.5});
    static final DMatrixRMaj DZ = of(new double[] {1, -1}, new double[] {2, 0.5});

    @Test
    @Order(1)
    @DisplayName("∂C/∂W = dZᵀ X on a 2×3 batch by hand: [[9, 12, 15], [1, 0.5, 0]], the shape of W (2×3)")
    void weightGradientByHand() {
        Dense layer = backwardOnExample();
        // by hand: row j of dZᵀ X is Σᵢ dz_ij xᵢ: 1·(1,2,3) + 2·(4,5,6) = (9, 12, 15) and −1·(1,2,3) + 0.5·(4,5,6) = (1, 0.5, 0)
        double[][] expected = {{9, 12, 15}, {1, 0.5, 0}};
        DMatrixRMaj dW = layer.dW();
        String hint = same(dW, new double[][] {{9, 1}, {12, 0.5}, {15, 0}})
                ? ": that is Xᵀ dZ (3×2), the transpose; ∂C/∂W must have the shape of W, nOut×nIn: dZᵀ X"
                : same(dW, new double[][] {{4.5, 6, 7.5}, {0.5, 0.25, 0}})
                ? ": that is dZᵀ X / m; the 1/m of a mean cost is already inside dZ, do not divide again"
                : same(dW, new double[][] {{1, 2, 3}, {-1, -2, -3}})
                ? ": only the first example is counted; W is shared by the batch, so sum over every row of dZ and X"
                : same(dW, new double[][] {{0, 0, 0}, {0, 0, 0}}) ? ": dW was never filled; write dZᵀ X into dW" : "";
        assertMatrix(expected, dW, "∂C/∂W for X=" + show(X) + ", dZ=" + show(DZ), hint);
    }

    @Test
    @Order(2)
    @DisplayName("∂C/∂b = 1ᵀ dZ, the column sums of dZ summed over the batch: [3, −0.5] (1×2)")
    void biasGradientByHand() {
        Dense layer = backwardOnExample();
        // by hand: column sums of dZ = [[1, −1], [2, 0.5]]: 1 + 2 = 3 and −1 + 0.5 = −0.5
        double[][] expected = {{3, -0.5}};
        DMatrixRMaj db = layer.db();
        String hint = same(db, new double[][] {{1, -1}})
                ? ": that is the first row of dZ only; the bias is shared by every example, so sum the columns over all rows"
                : same(db, new double[][] {{1.5, -0.25}})
                ? ": that is the mean of each column; sum it (the 1/m of the cost is already in dZ)"
                : same(db, new double[][] {{0}, {2.5}}) || same(db, new double[][] {{0, 2.5}})
                ? ": those are the row sums (one per example); ∂C/∂b sums each column of dZ over the batch"
                : same(db, new double[][] {{0, 0}}) ? ": db was never filled; write the column sums of dZ into db" : "";
        assertMatrix(expected, db, "∂C/∂b for dZ=" + show(DZ), hint);
    }

    @Test
    @Order(3)
    @DisplayName("backward returns ∂C/∂X = dZ W by hand: [[−1, −1, −1], [3, 0.5, −2]] (2×3, the shape of X)")
    void inputGradientByHand() {
        Dense layer = new Dense(W, B);
        layer.forward(X);
        DMatrixRMaj dX = layer.backward(DZ.copy());
        // by hand: row i of dZ W is Σⱼ dz_ij wⱼ: 1·(1,0,−1) − 1·(2,1,0) = (−1, −1, −1), 2·(1,0,−1) + 0.5·(2,1,0) = (3, 0.5, −2)
        double[][] expected = {{-1, -1, -1}, {3, 0.5, -2}};
        String hint = same(dX, new double[][] {{0, 0, 0}, {0, 0, 0}}) ? ": dX was never filled; write dZ W into it"
                : same(dX, new double[][] {{1, -1}, {2, 0.5}}) ? ": that is dZ itself; the layer below needs dZ W" : "";
        assertMatrix(expected, dX, "∂C/∂X = backward(dZ) for W=" + show(W) + ", dZ=" + show(DZ), hint);
    }

    @Test
    @Order(4)
    @DisplayName("dW, db and dX equal the sums over the batch written as loops, on seeded random shapes (m = 1 to 5)")
    void formulasOnRandomShapes() {
        Random random = new Random(231);
        int[][] shapes = {{1, 3, 2}, {5, 4, 3}, {3, 2, 2}, {4, 1, 6}, {2, 5, 5}};
        for (int[] shape : shapes) {
            int m = shape[0], nIn = shape[1], nOut = shape[2];
            DMatrixRMaj x = Matrices.gaussian(random, m, nIn);
            DMatrixRMaj w = Matrices.gaussian(random, nOut, nIn);
            DMatrixRMaj dZ = Matrices.gaussian(random, m, nOut);
            Dense layer = new Dense(w, Matrices.gaussian(random, 1, nOut));
            layer.forward(x);
            DMatrixRMaj dX = layer.backward(dZ);
            double[][] dW = new double[nOut][nIn];
            double[][] db = new double[1][nOut];
            double[][] dXExpected = new double[m][nIn];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nOut; j++) {
                    db[0][j] += dZ.get(i, j);
                    for (int k = 0; k < nIn; k++) {
                        // ∂C/∂w_jk = Σᵢ dz_ij x_ik and ∂C/∂x_ik = Σⱼ dz_ij w_jk
                        dW[j][k] += dZ.get(i, j) * x.get(i, k);
                        dXExpected[i][k] += dZ.get(i, j) * w.get(j, k);
                    }
                }
            }
            String where = " for m=" + m + ", nIn=" + nIn + ", nOut=" + nOut;
            String transposed = nIn == nOut && same(layer.dW(), transpose(dW), 1e-9)
                    ? ": that is the transpose Xᵀ dZ; ∂C/∂w_jk pairs output j (row of W) with input k" : "";
            assertMatrix(dW, layer.dW(), "∂C/∂W" + where, transposed, 1e-12);
            assertMatrix(db, layer.db(), "∂C/∂b" + where, "", 1e-12);
            assertMatrix(dXExpected, dX, "∂C/∂X" + where, "", 1e-12);
        }
    }

    @Test
    @Order(5)
    @DisplayName("backward matches centred differences of C = Σ Z ⊙ G for W, b and X (relative error < 1e-7)")
    void gradientCheck() {
        Random random = new Random(7);
        for (int trial = 0; trial < 4; trial++) {
            int m = 1 + trial, nIn = 2 + trial, nOut = 3;
            DMatrixRMaj x = Matrices.gaussian(random, m, nIn);
            DMatrixRMaj G = Matrices.gaussian(random, m, nOut);
            Dense layer = new Dense(Matrices.gaussian(random, nOut, nIn), Matrices.gaussian(random, 1, nOut));
            layer.forward(x);
            DMatrixRMaj dX = layer.backward(G);
            assertNotNull(dX, "backward returned null");
            // C = Σ Z ⊙ G, so ∂C/∂Z = G; probe W, b and X in place
            double[] numW = GradCheck.numericGradient(v -> Matrices.dot(layer.forward(x), G), layer.W().data);
            double[] numB = GradCheck.numericGradient(v -> Matrices.dot(layer.forward(x), G), layer.b().data);
            double[] numX = GradCheck.numericGradient(v -> Matrices.dot(layer.forward(x), G), x.data);
            check("∂C/∂W", layer.dW(), numW, m, nIn, nOut);
            check("∂C/∂b", layer.db(), numB, m, nIn, nOut);
            check("∂C/∂X", dX, numX, m, nIn, nOut);
        }
    }

    @Test
    @Order(6)
    @DisplayName("a second backward on the same batch stores the same dW and db, not twice them (no accumulation)")
    void secondBackwardOverwrites() {
        Dense layer = backwardOnExample();
        layer.backward(DZ.copy());
        String hint = same(layer.dW(), new double[][] {{18, 24, 30}, {2, 1, 0}})
                ? ": the gradients doubled, so backward added to the old ones (multAddTransA, +=); store dZᵀ X afresh each time"
                : "";
        assertMatrix(new double[][] {{9, 12, 15}, {1, 0.5, 0}}, layer.dW(), "∂C/∂W after two backward passes", hint);
        assertMatrix(new double[][] {{3, -0.5}}, layer.db(), "∂C/∂b after two backward passes", same(layer.db(),
                new double[][] {{6, -1}}) ? ": db doubled; store the column sums afresh, do not add to the old ones" : "");
    }

    /// The worked example's layer after forward(X) and backward(dZ).
    private static Dense backwardOnExample() {
        Dense layer = new Dense(W, B);
        layer.forward(X);
        DMatrixRMaj dX = layer.backward(DZ.copy());
        assertNotNull(dX, "backward returned null; it returns ∂C/∂X = dZ W");
        return layer;
    }

    private static void check(String what, DMatrixRMaj analytic, double[] numeric, int m, int nIn, int nOut) {
        assertTrue(analytic.getNumElements() == numeric.length, () -> what + " has " + analytic.getNumElements()
                + " entries (" + analytic.numRows + "×" + analytic.numCols + ") but should have " + numeric.length);
        double error = Matrices.maxRelError(analytic, numeric);
        assertTrue(error < GradCheck.TOLERANCE, () -> what + " for m=" + m + ", nIn=" + nIn + ", nOut=" + nOut
                + " disagrees with centred differences, most at " + Matrices.worst(what, analytic, numeric)
                + " (should be < 1e-7); backprop " + show(analytic) + ", numeric " + java.util.Arrays.toString(numeric));
    }

    private static double[][] transpose(double[][] M) {
        double[][] T = new double[M[0].length][M.length];
        for (int i = 0; i < M.length; i++) {
            for (int j = 0; j < M[0].length; j++) {
                T[j][i] = M[i][j];
            }
        }
        return T;
    }
}

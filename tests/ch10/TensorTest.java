package ch10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import bp.GradCheck;
import ch02.Sigmoid;
import ch02.Tanh;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.MeanSquaredError;
import ch06.Network;
import ch06.Parameter;
import ch06.ReLU;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch10-matmul and ch10-add-row, and of `Tensor.backward()` on whole
/// networks against chapter 6's hand-written backward passes. The local rules run once with
/// `out.propagate()` while the inputs already hold gradients from other uses; the expected
/// values are those gradients plus centred differences of C = Σ out ⊙ G (whose gradient with
/// respect to out is G), never the solution's rule.
@Order(4)
@DisplayName("Tensor")
class TensorTest {

    /// Chapter 6's backward passes and `backward()` do the same sums: only rounding may differ.
    static final double SAME = 1e-12;

    /// Centred differences of these bilinear functions are exact up to about 1e-9.
    static final double NUMERIC = 1e-7;

    @Test
    @Order(1)
    @DisplayName("matmul by hand: A = [[1, 2], [3, 4]], B = [[1, 0], [−1, 2]], G = [[1, 1], [0, 2]]: ∂C/∂A += G Bᵀ = [[1, 1], [0, 4]], ∂C/∂B += Aᵀ G = [[1, 7], [2, 10]]")
    void matmulByHand() {
        Tensor A = leaf(new double[][] {{1, 2}, {3, 4}}), B = leaf(new double[][] {{1, 0}, {-1, 2}});
        Tensor out = A.matmul(B);
        out.grad().setTo(new DMatrixRMaj(new double[][] {{1, 1}, {0, 2}}));
        out.propagate();
        // by hand: G Bᵀ = [[1·1 + 1·0, 1·(−1) + 1·2], [0 + 2·0, 0·(−1) + 2·2]]; Aᵀ G = [[1·1 + 3·0, 1·1 + 3·2], [2·1 + 4·0, 2·1 + 4·2]]
        String hintA = same(A.grad(), new double[][] {{1, 1}, {2, 10}}) ? ": that is Aᵀ G, the gradient of B; A gets G Bᵀ" : "";
        String hintB = same(B.grad(), new double[][] {{1, 1}, {0, 4}}) ? ": that is G Bᵀ, the gradient of A; B gets Aᵀ G" : "";
        assertMatrix(new double[][] {{1, 1}, {0, 4}}, A.grad(), "∂C/∂A of out = A B", hintA);
        assertMatrix(new double[][] {{1, 7}, {2, 10}}, B.grad(), "∂C/∂B of out = A B", hintB);
    }

    @Test
    @Order(2)
    @DisplayName("matmul on seeded random shapes (m×k times k×n), inputs already holding gradients: both are added to, as centred differences say")
    void matmulNumeric() {
        Random random = new Random(6);
        int[][] shapes = {{1, 1, 1}, {3, 2, 4}, {4, 5, 2}, {2, 3, 3}, {5, 1, 2}};
        for (int[] shape : shapes) {
            int m = shape[0], k = shape[1], n = shape[2];
            DMatrixRMaj a = gaussian(random, m, k), b = gaussian(random, k, n), G = gaussian(random, m, n);
            DMatrixRMaj priorA = gaussian(random, m, k), priorB = gaussian(random, k, n);
            Tensor A = new Tensor(a), B = new Tensor(b);
            Tensor out = A.matmul(B);
            A.grad().setTo(priorA);
            B.grad().setTo(priorB);
            out.grad().setTo(G);
            out.propagate();
            double[] numA = GradCheck.numericGradient(v -> dot(new Tensor(a).matmul(new Tensor(b)).data(), G), a.data);
            double[] numB = GradCheck.numericGradient(v -> dot(new Tensor(a).matmul(new Tensor(b)).data(), G), b.data);
            String where = " for A " + m + "×" + k + ", B " + k + "×" + n;
            checkAdded("∂C/∂A of A B" + where, A.grad(), priorA, numA);
            checkAdded("∂C/∂B of A B" + where, B.grad(), priorB, numB);
        }
    }

    @Test
    @Order(3)
    @DisplayName("A.matmul(A) uses A twice: ∂C/∂A = G Aᵀ + Aᵀ G, both shares")
    void matmulReused() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Tensor A = new Tensor(a.copy());
        Tensor out = A.matmul(A);
        out.grad().setTo(new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}}));
        out.propagate();
        // by hand with G = e₁e₁ᵀ: G Aᵀ = [[1, 3], [0, 0]], Aᵀ G = [[1, 0], [2, 0]]
        double[][] expected = {{2, 3}, {2, 0}};
        String hint = same(A.grad(), new double[][] {{1, 0}, {2, 0}}) || same(A.grad(), new double[][] {{1, 3}, {0, 0}})
                ? ": only one of the two shares arrived; add both (CommonOps_DDRM.multAddTransB and multAddTransA add to their last argument)" : "";
        assertMatrix(expected, A.grad(), "∂C/∂A of A A with G = [[1, 0], [0, 0]]", hint);
    }

    @Test
    @Order(4)
    @DisplayName("addRow by hand: Z 3×2 plus the row b, G = [[1, 2], [3, 4], [5, 6]]: ∂C/∂Z += G, ∂C/∂b += the column sums [9, 12]")
    void addRowByHand() {
        Tensor Z = leaf(new double[][] {{0, 0}, {1, 1}, {2, 2}}), b = leaf(new double[][] {{0.5, -0.5}});
        Tensor out = Z.addRow(b);
        Z.grad().setTo(new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
        b.grad().setTo(new DMatrixRMaj(new double[][] {{1, -1}}));
        out.grad().setTo(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        out.propagate();
        // by hand: b.grad = [1, −1] + [1 + 3 + 5, 2 + 4 + 6]; Z.grad = its old value + G
        DMatrixRMaj db = b.grad();
        String hint = same(db, new double[][] {{10, 11}}) ? "" : same(db, new double[][] {{9, 12}})
                ? ": b.grad was set, not added to; it already held [1, −1] from another use"
                : same(db, new double[][] {{4, 3}}) ? ": that is b's old gradient plus the mean of G's columns; b is used by every row, so sum them"
                : same(db, new double[][] {{5, 6}}) || same(db, new double[][] {{1, 2}}) || same(db, new double[][] {{6, 5}})
                        || same(db, new double[][] {{2, 1}})
                ? ": only one row of G arrived; b is used by every row, so add each row's share to b.grad (+=)"
                : "";
        assertMatrix(new double[][] {{10, 11}}, db, "∂C/∂b of Z + 1 bᵀ with b.grad = [1, −1] before", hint);
        assertMatrix(new double[][] {{2, 2}, {3, 5}, {6, 7}}, Z.grad(), "∂C/∂Z of Z + 1 bᵀ with Z.grad = [[1, 0], [0, 1], [1, 1]] before",
                same(Z.grad(), new double[][] {{1, 2}, {3, 4}, {5, 6}}) ? ": Z.grad was set, not added to" : "");
    }

    @Test
    @Order(5)
    @DisplayName("addRow on seeded random shapes: ∂C/∂Z and ∂C/∂b added to, as centred differences say")
    void addRowNumeric() {
        Random random = new Random(8);
        for (int[] shape : new int[][] {{1, 1}, {4, 3}, {2, 5}, {6, 1}}) {
            int m = shape[0], n = shape[1];
            DMatrixRMaj z = gaussian(random, m, n), b = gaussian(random, 1, n), G = gaussian(random, m, n);
            DMatrixRMaj priorZ = gaussian(random, m, n), priorB = gaussian(random, 1, n);
            Tensor Z = new Tensor(z), B = new Tensor(b);
            Tensor out = Z.addRow(B);
            Z.grad().setTo(priorZ);
            B.grad().setTo(priorB);
            out.grad().setTo(G);
            out.propagate();
            double[] numZ = GradCheck.numericGradient(v -> dot(new Tensor(z).addRow(new Tensor(b)).data(), G), z.data);
            double[] numB = GradCheck.numericGradient(v -> dot(new Tensor(z).addRow(new Tensor(b)).data(), G), b.data);
            checkAdded("∂C/∂Z of Z + 1 bᵀ for Z " + m + "×" + n, Z.grad(), priorZ, numZ);
            checkAdded("∂C/∂b of Z + 1 bᵀ for Z " + m + "×" + n, B.grad(), priorB, numB);
        }
    }

    @Test
    @Order(6)
    @DisplayName("backward() on seeded random networks (2-10-1 ReLU, 3-5-4-2 ReLU/σ/tanh) equals chapter 6's backward passes, every parameter (to 1e-12)")
    void equalsChapter6() {
        Random random = new Random(66);
        for (int k = 0; k < 20; k++) {
            boolean xor = k % 2 == 0;
            Network net = xor
                    ? new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random))
                    : new Network(new Dense(3, 5, random), new ReLU(), new Dense(5, 4, random),
                            new ActivationLayer(new Sigmoid()), new Dense(4, 2, random), new ActivationLayer(new Tanh()));
            int m = 1 + random.nextInt(6);
            DMatrixRMaj x = gaussian(random, m, xor ? 2 : 3), y = gaussian(random, m, xor ? 1 : 2);
            AutogradNetwork autograd = new AutogradNetwork(net);
            double C = autograd.backward(x, y);
            net.backward(MeanSquaredError.gradient(net.forward(x), y));
            assertEquals(MeanSquaredError.value(net.forward(x), y), C, SAME, "the cost of the autograd network (the forward pass)");
            List<Parameter> byHand = net.parameters();
            for (int p = 0; p < byHand.size(); p++) {
                Parameter expected = byHand.get(p);
                DMatrixRMaj actual = autograd.parameters().get(p).grad();
                String what = "∂C/∂" + expected.name() + " by backward() on " + net + " with a batch of " + m;
                assertMatrix(rows(expected.gradient()), actual, what, "", SAME);
            }
        }
    }

    @Test
    @Order(7)
    @DisplayName("chapter 6's XOR run (2-10-1, seed 42, η = 0.1, 1000 epochs) trained with backward() has chapter 6's cost curve (every epoch to 1e-12)")
    void xorCostCurve() {
        DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}});
        Random random = new Random(42);
        Network byHand = new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random));
        AutogradNetwork autograd = new AutogradNetwork(byHand);
        for (int epoch = 1; epoch <= 1000; epoch++) {
            double expected = byHand.trainStep(X, Y, 0.1);
            double actual = autograd.trainStep(X, Y, 0.1);
            int e = epoch;
            assertEquals(expected, actual, SAME * Math.max(1, expected), () -> "the XOR cost of epoch " + e + " should be chapter 6's "
                    + expected + " but was " + actual);
        }
    }

    // ---- helpers ----

    /// Asserts that `grad` is `prior` plus the numeric gradient `numeric`, with hints.
    private static void checkAdded(String what, DMatrixRMaj grad, DMatrixRMaj prior, double[] numeric) {
        double[] expected = new double[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            expected[i] = prior.data[i] + numeric[i];
        }
        double[] actual = Arrays.copyOf(grad.data, grad.getNumElements());
        if (GradCheck.maxRelError(actual, expected) < NUMERIC) {
            return;
        }
        String hint = GradCheck.maxRelError(actual, numeric) < NUMERIC
                ? ": the gradient was set, not added to; the input already held a gradient from another use (+=)"
                : GradCheck.maxRelError(actual, Arrays.copyOf(prior.data, prior.getNumElements())) < NUMERIC
                ? ": the rule did not change this gradient" : "";
        fail(what + " should be " + Arrays.toString(round(expected)) + " (its old value plus the gradient) but was "
                + Arrays.toString(round(actual)) + hint);
    }

    private static Tensor leaf(double[][] rows) {
        return new Tensor(new DMatrixRMaj(rows));
    }

    private static boolean same(DMatrixRMaj M, double[][] expected) {
        if (M.numRows != expected.length || M.numCols != expected[0].length) {
            return false;
        }
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                if (Math.abs(M.get(i, j) - expected[i][j]) > 1e-12) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertMatrix(double[][] expected, DMatrixRMaj actual, String what, String hint) {
        assertMatrix(expected, actual, what, hint, 1e-12);
    }

    private static void assertMatrix(double[][] expected, DMatrixRMaj actual, String what, String hint, double tolerance) {
        if (actual.numRows != expected.length || actual.numCols != expected[0].length) {
            fail(what + " should be " + expected.length + "×" + expected[0].length + " but is " + actual.numRows + "×" + actual.numCols);
        }
        for (int i = 0; i < actual.numRows; i++) {
            for (int j = 0; j < actual.numCols; j++) {
                if (!(Math.abs(actual.get(i, j) - expected[i][j]) <= tolerance)) {
                    fail(what + " should be " + Arrays.deepToString(expected) + " but was " + Arrays.deepToString(rows(actual)) + hint);
                }
            }
        }
    }

    private static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][M.numCols];
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                rows[i][j] = M.get(i, j);
            }
        }
        return rows;
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 1e6) / 1e6).toArray();
    }

    /// Σᵢⱼ aᵢⱼ gᵢⱼ: the scalar whose gradient with respect to A is G.
    private static double dot(DMatrixRMaj A, DMatrixRMaj G) {
        double sum = 0;
        for (int i = 0; i < A.getNumElements(); i++) {
            sum += A.data[i] * G.data[i];
        }
        return sum;
    }

    private static DMatrixRMaj gaussian(Random random, int rows, int cols) {
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            M.data[i] = random.nextGaussian();
        }
        return M;
    }
}

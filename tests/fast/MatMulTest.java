package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fast.MatMul.Out;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The float32 kernel equals EJML's float64 products on every shape it takes (m a multiple of 4,
/// n of W, any k), with each epilogue, through the packed layouts, and on split row ranges.
@DisplayName("MatMul")
class MatMulTest {

    static final int W = MatMul.W;
    static final int[] ROWS = {4, 8, 32, 36, 64};
    static final int[] INNER = {1, 7, 63, 65, 129, 784};
    static final int[] COLUMNS = {W, 2 * W, 8 * W};

    @Test
    @DisplayName("A B (rows × panels) equals EJML for every shape, whole or split in two row ranges, with the tiles for 16 and 32 registers")
    void multEqualsEjml() {
        bothTiles(this::multShapes);
    }

    @Test
    @DisplayName("Aᵀ B (quads × panels, into panels) equals EJML for every shape, whole or split, with the tiles for 16 and 32 registers")
    void multTransAEqualsEjml() {
        bothTiles(this::multTransAShapes);
    }

    /// Runs `check` with the tiles for 16 registers, then with those for 32, whichever this CPU has.
    private static void bothTiles(Runnable check) {
        boolean cpu = MatMul.tall;
        try {
            for (boolean tall : new boolean[] {false, true}) {
                MatMul.tall = tall;
                check.run();
            }
        } finally {
            MatMul.tall = cpu;
        }
    }

    private void multShapes() {
        Random random = new Random(1);
        for (int m : ROWS) {
            for (int k : INNER) {
                for (int n : COLUMNS) {
                    DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random), expected = new DMatrixRMaj(m, n);
                    CommonOps_DDRM.mult(A, B, expected);
                    float[] c = new float[m * n];
                    int half = m / 8 * 4;
                    MatMul.mult(floats(A), k, k, panels(B), n, c, Out.PLAIN, null, 0, half);
                    MatMul.mult(floats(A), k, k, panels(B), n, c, Out.PLAIN, null, half, m);
                    assertClose(expected, c, k, "A B with m=" + m + " k=" + k + " n=" + n + (MatMul.tall ? ", tall tiles" : ""));
                }
            }
        }
    }

    @Test
    @DisplayName("A B with a row stride wider than k reads only the first k numbers of each row")
    void rowStride() {
        Random random = new Random(2);
        int m = 8, k = 5, lda = 9, n = W;
        DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random), expected = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(A, B, expected);
        float[] a = new float[m * lda];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < lda; p++) {
                a[i * lda + p] = p < k ? (float) A.get(i, p) : 1e6f;
            }
        }
        float[] c = new float[m * n];
        MatMul.mult(a, lda, k, panels(B), n, c, Out.PLAIN, null, 0, m);
        assertClose(expected, c, k, "A B with row stride " + lda);
    }

    @Test
    @DisplayName("the epilogues: + 1bᵀ, max(0, · + 1bᵀ), and ⊙ 1[M > 0]")
    void epilogues() {
        Random random = new Random(3);
        int m = 12, k = 33, n = 2 * W;
        DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random), AB = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(A, B, AB);
        DMatrixRMaj bias = gaussian(1, n, random), mask = gaussian(m, n, random);
        float[] c = new float[m * n];
        MatMul.mult(floats(A), k, k, panels(B), n, c, Out.BIAS, floats(bias), 0, m);
        assertClose(map(AB, (i, j, z) -> z + bias.get(0, j)), c, k, "A B + 1bᵀ");
        MatMul.mult(floats(A), k, k, panels(B), n, c, Out.BIAS_RELU, floats(bias), 0, m);
        assertClose(map(AB, (i, j, z) -> Math.max(0, z + bias.get(0, j))), c, k, "max(0, A B + 1bᵀ)");
        MatMul.mult(floats(A), k, k, panels(B), n, c, Out.MASK, floats(mask), 0, m);
        assertClose(map(AB, (i, j, z) -> mask.get(i, j) > 0 ? z : 0), c, k, "(A B) ⊙ 1[M > 0]");
    }

    private void multTransAShapes() {
        Random random = new Random(4);
        for (int batch : new int[] {4, 32, 64}) {
            for (int M : new int[] {4, 8, 36, 784}) {
                for (int n : COLUMNS) {
                    // A is batch×M, B is batch×n: C = Aᵀ B is M×n
                    DMatrixRMaj A = gaussian(batch, M, random), B = gaussian(batch, n, random), expected = new DMatrixRMaj(M, n);
                    CommonOps_DDRM.multTransA(A, B, expected);
                    float[] quads = new float[batch * M], c = new float[M * n];
                    MatMul.quads(floats(A), M, batch, M, quads, 0, batch);
                    int half = M / 8 * 4;
                    MatMul.multTransA(quads, M, batch, panels(B), n, c, 0, half);
                    MatMul.multTransA(quads, M, batch, panels(B), n, c, half, M);
                    assertClose(expected, unpanel(c, M, n), batch, "Aᵀ B with batch=" + batch + " M=" + M + " n=" + n + (MatMul.tall ? ", tall tiles" : ""));
                }
            }
        }
    }

    @Test
    @DisplayName("panels and quads put every entry where panelIndex and the quad formula say; 1ᵀ A sums the first m rows")
    void layouts() {
        int k = 5, n = 2 * W;
        float[] a = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        float[] p = new float[k * n], q = new float[k * n];
        MatMul.panels(a, n, k, n, p, 0, k);
        MatMul.quads(a, n, k, n, q, 0, k);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[r * n + j], p[MatMul.panelIndex(r, j, k)], "panel entry (" + r + ", " + j + ")");
                assertEquals(a[r * n + j], q[(j / 4) * k * 4 + r * 4 + j % 4], "quad entry (" + r + ", " + j + ")");
            }
        }
        float[] sums = new float[n];
        MatMul.columnSums(a, k - 1, n, sums);
        for (int j = 0; j < n; j++) {
            float expected = 0;
            for (int r = 0; r < k - 1; r++) {
                expected += a[r * n + j];
            }
            assertEquals(expected, sums[j], "the sum of column " + j + " over the first " + (k - 1) + " rows");
        }
        assertEquals(3 * W, MatMul.padded(2 * W + 1));
        assertEquals(W, MatMul.padded(W));
    }

    interface Entry {
        double of(int i, int j, double value);
    }

    static DMatrixRMaj map(DMatrixRMaj X, Entry f) {
        DMatrixRMaj out = new DMatrixRMaj(X.numRows, X.numCols);
        for (int i = 0; i < X.numRows; i++) {
            for (int j = 0; j < X.numCols; j++) {
                out.set(i, j, f.of(i, j, X.get(i, j)));
            }
        }
        return out;
    }

    /// Equal up to float32 round-off, which grows like √k; a wrong entry is off by about 1.
    static void assertClose(DMatrixRMaj expected, float[] actual, int k, String what) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            double e = expected.data[i];
            assertEquals(e, actual[i], 2e-6 * Math.sqrt(k) * (1 + Math.abs(e)), what + ", entry " + i);
        }
    }

    static float[] unpanel(float[] c, int rows, int n) {
        float[] out = new float[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = c[MatMul.panelIndex(i, j, rows)];
            }
        }
        return out;
    }

    static float[] panels(DMatrixRMaj B) {
        float[] p = new float[B.getNumElements()];
        MatMul.panels(floats(B), B.numCols, B.numRows, B.numCols, p, 0, B.numRows);
        return p;
    }

    /// The matrix rounded to float (the tolerance of [#assertClose] covers that rounding too).
    static float[] floats(DMatrixRMaj X) {
        float[] out = new float[X.getNumElements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) X.data[i];
        }
        return out;
    }

    static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj X = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < X.getNumElements(); i++) {
            X.data[i] = random.nextGaussian();
        }
        return X;
    }
}

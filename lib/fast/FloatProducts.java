//COMPILE_OPTIONS --add-modules=jdk.incubator.vector
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import bp.Products;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;

/// The products of [Products] in float32: the matrices stay float64 (`DMatrixRMaj`), each product
/// rounds its two operands to float, multiplies them with the same register-blocked kernel as
/// [VectorProducts] on twice as many numbers per vector (8 with AVX2, 16 with AVX-512), and writes
/// the result back as doubles. Everything else of a training step (bias, ReLU, softmax, the
/// optimizer, the weights themselves) stays in float64: mixed precision, the way GPUs train.
///
/// The rounding costs one pass over the operands (for a 64×784 batch and 784×128 weights, 150,000
/// numbers against 6.4 million multiply-adds) into buffers that are allocated once and reused.
/// The results agree with float64 to about 1e-6 relative, enough for training, not for a gradient
/// check: use [VectorProducts] or EJML's products there.
///
/// The kernel below is [VectorProducts]'s, line for line, on `float[]` and `FloatVector`: Java's
/// generics do not range over primitive arrays and vector types, so each precision has its copy
/// (as EJML has its D and F classes). A change to one belongs in the other.
public final class FloatProducts implements Products {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /// Rows of C per register block.
    private static final int ROWS = 4;

    private final int threads;
    private final ForkJoinPool pool;

    /// The operands rounded to float, reused from product to product.
    private float[] a = new float[0], b = new float[0], c = new float[0];

    /// The kernel on `threads` threads (1: on the calling thread).
    public FloatProducts(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    @Override
    public void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        check(A.numRows, A.numCols, B, C, "A B");
        round(A, B, C);
        run(A.numRows, B.numCols, A.numCols, a, A.numCols, 1, b, c);
        widen(C);
    }

    @Override
    public void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        check(A.numCols, A.numRows, B, C, "Aᵀ B");
        round(A, B, C);
        run(A.numCols, B.numCols, A.numRows, a, 1, A.numCols, b, c);
        widen(C);
    }

    @Override
    public String name() {
        return "float32 vector kernel (" + L + " floats per vector), " + threads + (threads == 1 ? " thread" : " threads");
    }

    /// a, b ← A, B rounded to float; c large enough for C.
    private void round(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        a = fit(a, A.getNumElements());
        b = fit(b, B.getNumElements());
        c = fit(c, C.getNumElements());
        for (int i = 0; i < A.getNumElements(); i++) {
            a[i] = (float) A.data[i];
        }
        for (int i = 0; i < B.getNumElements(); i++) {
            b[i] = (float) B.data[i];
        }
    }

    /// C ← c, as doubles.
    private void widen(DMatrixRMaj C) {
        for (int i = 0; i < C.getNumElements(); i++) {
            C.data[i] = c[i];
        }
    }

    /// `buffer` when it holds `size` numbers, else a new, larger one.
    private static float[] fit(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    /// C (m×n) = Â (m×k) B (k×n), the rows of C split among the threads in blocks of ROWS.
    private void run(int m, int n, int k, float[] a, int ai, int ap, float[] b, float[] c) {
        if (pool == null || m < 2 * ROWS) {
            rows(0, m, n, k, a, ai, ap, b, c);
            return;
        }
        int blocks = (m + ROWS - 1) / ROWS;
        pool.submit(() -> IntStream.range(0, threads).parallel().forEach(t -> {
            int from = Math.min(m, blocks * t / threads * ROWS), to = Math.min(m, blocks * (t + 1) / threads * ROWS);
            rows(from, to, n, k, a, ai, ap, b, c);
        })).join();
    }

    /// Rows `from` … `to` − 1 of C: blocks of ROWS rows, then single rows.
    private static void rows(int from, int to, int n, int k, float[] a, int ai, int ap, float[] b, float[] c) {
        int i = from;
        for (; i + ROWS <= to; i += ROWS) {
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                block4x2(i, j, n, k, a, ai, ap, b, c);
            }
            for (; j + L <= n; j += L) {
                block4x1(i, j, n, k, a, ai, ap, b, c);
            }
            for (; j < n; j++) {
                for (int r = 0; r < ROWS; r++) {
                    c[(i + r) * n + j] = dot(i + r, j, n, k, a, ai, ap, b);
                }
            }
        }
        for (; i < to; i++) {
            int j = 0;
            for (; j + L <= n; j += L) {
                block1x1(i, j, n, k, a, ai, ap, b, c);
            }
            for (; j < n; j++) {
                c[i * n + j] = dot(i, j, n, k, a, ai, ap, b);
            }
        }
    }

    /// C[i … i+3][j … j+2L−1] = Σ_p Â(i+r, p) · B[p][j …]: 8 vector accumulators in registers (see VectorProducts).
    private static void block4x2(int i, int j, int n, int k, float[] a, int ai, int ap, float[] b, float[] c) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S),
                c11 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S),
                c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j);
            FloatVector b1 = FloatVector.fromArray(S, b, p * n + j + L);
            int q = p * ap;
            FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, i * n + j);
        c01.intoArray(c, i * n + j + L);
        c10.intoArray(c, (i + 1) * n + j);
        c11.intoArray(c, (i + 1) * n + j + L);
        c20.intoArray(c, (i + 2) * n + j);
        c21.intoArray(c, (i + 2) * n + j + L);
        c30.intoArray(c, (i + 3) * n + j);
        c31.intoArray(c, (i + 3) * n + j + L);
    }

    /// C[i … i+3][j … j+L−1]: one vector of columns left over after the pairs (10 classes: 8 + 2).
    private static void block4x1(int i, int j, int n, int k, float[] a, int ai, int ap, float[] b, float[] c) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int a0 = i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j);
            int q = p * ap;
            c0 = FloatVector.broadcast(S, a[a0 + q]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + q]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + q]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + q]).fma(b0, c3);
        }
        c0.intoArray(c, i * n + j);
        c1.intoArray(c, (i + 1) * n + j);
        c2.intoArray(c, (i + 2) * n + j);
        c3.intoArray(c, (i + 3) * n + j);
    }

    /// C[i][j … j+L−1] = Σ_p Â(i, p) · B[p][j …], for the rows left over after the blocks of 4.
    private static void block1x1(int i, int j, int n, int k, float[] a, int ai, int ap, float[] b, float[] c) {
        FloatVector sum = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            sum = FloatVector.broadcast(S, a[i * ai + p * ap]).fma(FloatVector.fromArray(S, b, p * n + j), sum);
        }
        sum.intoArray(c, i * n + j);
    }

    /// C[i][j] = Σ_p Â(i, p) · B[p][j], for the columns left over after the vectors.
    private static float dot(int i, int j, int n, int k, float[] a, int ai, int ap, float[] b) {
        float sum = 0;
        for (int p = 0; p < k; p++) {
            sum = Math.fma(a[i * ai + p * ap], b[p * n + j], sum);
        }
        return sum;
    }

    private static void check(int m, int k, DMatrixRMaj B, DMatrixRMaj C, String what) {
        if (B.numRows != k || C.numRows != m || C.numCols != B.numCols) {
            throw new IllegalArgumentException("the product " + what + " needs B with " + k + " rows and C of "
                    + m + "×" + B.numCols + ", but B is " + B.numRows + "×" + B.numCols + " and C " + C.numRows + "×"
                    + C.numCols);
        }
    }
}

//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import bp.Products;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;

/// The products of [Products] with the CPU's vector instructions (the `jdk.incubator.vector` API),
/// register-blocked, on one or more threads.
///
/// Every product here is C = Â B with B row-major (k×n) and Â either A or Aᵀ, read through two
/// strides: entry (i, p) of Â is `a[i·ai + p·ap]` (ai = k, ap = 1 for A itself; ai = 1, ap = m
/// for the transpose of a k×m matrix). Then
///
///     row i of C = Σ_p Â(i, p) · (row p of B)
///
/// is a sum of scaled rows of B: the kernel walks the columns of C in vectors of L doubles (4 with
/// AVX2, 8 with AVX-512) and keeps a block of 4 rows × 2 vectors of C in registers while p runs
/// from 0 to k − 1: each step loads 2 vectors of B, broadcasts 4 entries of Â and does 8 fused
/// multiply-adds, so every number loaded is used 2 to 4 times. Rows and columns that do not fill
/// a block are done by smaller loops. Threads split the rows of C.
public final class VectorProducts implements Products {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /// Rows of C per register block.
    private static final int ROWS = 4;

    private final int threads;
    private final ForkJoinPool pool;

    /// The kernel on `threads` threads (1: on the calling thread).
    public VectorProducts(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /// The vector kernel on `threads` threads when the vector module is present, else EJML's
    /// products with a one-line notice on standard error.
    public static Products best(int threads) {
        try {
            Products fast = new VectorProducts(threads);
            fast.mult(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1));
            return fast;
        } catch (LinkageError e) {
            System.err.println("note: the vector module jdk.incubator.vector is missing, so the matrix products use EJML (slower)");
            return Products.ejml(threads);
        }
    }

    @Override
    public void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        check(A.numRows, A.numCols, B, C, "A B");
        run(A.numRows, B.numCols, A.numCols, A.data, A.numCols, 1, B.data, C.data);
    }

    @Override
    public void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        check(A.numCols, A.numRows, B, C, "Aᵀ B");
        run(A.numCols, B.numCols, A.numRows, A.data, 1, A.numCols, B.data, C.data);
    }

    @Override
    public String name() {
        return "vector kernel (" + L + " doubles per vector), " + threads + (threads == 1 ? " thread" : " threads");
    }

    /// C (m×n) = Â (m×k) B (k×n), the rows of C split among the threads in blocks of ROWS.
    private void run(int m, int n, int k, double[] a, int ai, int ap, double[] b, double[] c) {
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
    private static void rows(int from, int to, int n, int k, double[] a, int ai, int ap, double[] b, double[] c) {
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

    /// C[i … i+3][j … j+2L−1] = Σ_p Â(i+r, p) · B[p][j …]: 8 vector accumulators in registers.
    private static void block4x2(int i, int j, int n, int k, double[] a, int ai, int ap, double[] b, double[] c) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c10 = DoubleVector.zero(S),
                c11 = DoubleVector.zero(S), c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S),
                c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        int a0 = i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
            DoubleVector b1 = DoubleVector.fromArray(S, b, p * n + j + L);
            int q = p * ap;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + q]);
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
    private static void block4x1(int i, int j, int n, int k, double[] a, int ai, int ap, double[] b, double[] c) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = DoubleVector.zero(S), c2 = DoubleVector.zero(S), c3 = DoubleVector.zero(S);
        int a0 = i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
            int q = p * ap;
            c0 = DoubleVector.broadcast(S, a[a0 + q]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, a[a1 + q]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, a[a2 + q]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, a[a3 + q]).fma(b0, c3);
        }
        c0.intoArray(c, i * n + j);
        c1.intoArray(c, (i + 1) * n + j);
        c2.intoArray(c, (i + 2) * n + j);
        c3.intoArray(c, (i + 3) * n + j);
    }

    /// C[i][j … j+L−1] = Σ_p Â(i, p) · B[p][j …], for the rows left over after the blocks of 4.
    private static void block1x1(int i, int j, int n, int k, double[] a, int ai, int ap, double[] b, double[] c) {
        DoubleVector sum = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            sum = DoubleVector.broadcast(S, a[i * ai + p * ap]).fma(DoubleVector.fromArray(S, b, p * n + j), sum);
        }
        sum.intoArray(c, i * n + j);
    }

    /// C[i][j] = Σ_p Â(i, p) · B[p][j], for the columns left over after the vectors.
    private static double dot(int i, int j, int n, int k, double[] a, int ai, int ap, double[] b) {
        double sum = 0;
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

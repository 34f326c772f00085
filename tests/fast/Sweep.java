package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bp.Products;
import java.util.Random;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/// The shape sweep both kernels are tested with: every product compared with EJML's on sizes that
/// fill no register block, one row or column, both sides of the vector length, on 1 and 2 threads.
final class Sweep {

    static final int[] SIZES = {1, 7, 32, 63, 65, 127, 129};

    /// The largest difference allowed between an entry and EJML's, for an inner dimension k and
    /// EJML's value.
    interface Tolerance {
        double of(int k, double expected);
    }

    private Sweep() {}

    /// C = A B from the kernel `make(threads)` equals EJML's on every shape of the sweep.
    static void mult(IntFunction<Products> make, Tolerance tolerance, long seed) {
        Random random = new Random(seed);
        for (int threads : new int[] {1, 2}) {
            Products products = make.apply(threads);
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : new int[] {1, 7, 64, 129}) {
                        DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.mult(A, B, C);
                        CommonOps_DDRM.mult(A, B, expected);
                        assertClose(expected, C, k, tolerance, "A B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    /// C = Aᵀ B from the kernel `make(threads)` equals EJML's, including the training step's shapes.
    static void multTransA(IntFunction<Products> make, Tolerance tolerance, long seed) {
        Random random = new Random(seed);
        for (int threads : new int[] {1, 2}) {
            Products products = make.apply(threads);
            for (int m : SIZES) {
                for (int n : new int[] {1, 10, 63, 65, 784}) {
                    for (int k : new int[] {1, 32, 64}) {
                        DMatrixRMaj A = gaussian(k, m, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.multTransA(A, B, C);
                        CommonOps_DDRM.multTransA(A, B, expected);
                        assertClose(expected, C, k, tolerance, "Aᵀ B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < M.getNumElements(); i++) {
            M.data[i] = random.nextGaussian();
        }
        return M;
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, int k, Tolerance tolerance, String what) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], tolerance.of(k, expected.data[i]), what + ", entry " + i);
        }
    }
}

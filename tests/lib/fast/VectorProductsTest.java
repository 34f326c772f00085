package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bp.Products;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The vectorised products equal EJML's on every awkward shape: sizes that fill no register block,
/// one row or column, both sides of the vector length, on one and on two threads.
@DisplayName("VectorProducts")
class VectorProductsTest {

    static final int[] SIZES = {1, 7, 32, 63, 65, 127, 129};

    @Test
    @DisplayName("A B equals EJML's on all shapes from 1 to 129 (1 and 2 threads)")
    void multEqualsEjml() {
        Random random = new Random(1);
        for (int threads : new int[] {1, 2}) {
            Products products = new VectorProducts(threads);
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : new int[] {1, 7, 64, 129}) {
                        DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.mult(A, B, C);
                        CommonOps_DDRM.mult(A, B, expected);
                        assertClose(expected, C, "A B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("Aᵀ B equals EJML's on all shapes from 1 to 129, including the training step's 64×128 and 64×784 (1 and 2 threads)")
    void multTransAEqualsEjml() {
        Random random = new Random(2);
        for (int threads : new int[] {1, 2}) {
            Products products = new VectorProducts(threads);
            for (int m : SIZES) {
                for (int n : new int[] {1, 10, 63, 65, 784}) {
                    for (int k : new int[] {1, 32, 64}) {
                        DMatrixRMaj A = gaussian(k, m, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.multTransA(A, B, C);
                        CommonOps_DDRM.multTransA(A, B, expected);
                        assertClose(expected, C, "Aᵀ B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a product with mismatched shapes is refused with the shapes in the message")
    void shapesAreChecked() {
        Products products = new VectorProducts(1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> products.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(2, 5)));
        assertEquals(true, e.getMessage().contains("4×5"), e.getMessage());
    }

    static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < M.getNumElements(); i++) {
            M.data[i] = random.nextGaussian();
        }
        return M;
    }

    /// Equal up to round-off: the kernel sums in another order (and with fused multiply-adds).
    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            double tolerance = 1e-12 * (1 + Math.abs(expected.data[i]));
            assertEquals(expected.data[i], actual.data[i], tolerance, what + ", entry " + i);
        }
    }
}

package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bp.Products;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The float32 products equal EJML's float64 products to float precision on every awkward shape: sizes that fill no register block,
/// one row or column, both sides of the vector length, on one and on two threads.
@DisplayName("FloatProducts")
class FloatProductsTest {

    static final int[] SIZES = {1, 7, 32, 63, 65, 127, 129};

    @Test
    @DisplayName("A B in float32 equals EJML's float64 product to float precision on all shapes from 1 to 129 (1 and 2 threads)")
    void multEqualsEjml() {
        Random random = new Random(1);
        for (int threads : new int[] {1, 2}) {
            Products products = new FloatProducts(threads);
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : new int[] {1, 7, 64, 129}) {
                        DMatrixRMaj A = gaussian(m, k, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.mult(A, B, C);
                        CommonOps_DDRM.mult(A, B, expected);
                        assertClose(expected, C, k, "A B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("Aᵀ B in float32 equals EJML's float64 product to float precision, shapes 1 to 784 (1 and 2 threads)")
    void multTransAEqualsEjml() {
        Random random = new Random(2);
        for (int threads : new int[] {1, 2}) {
            Products products = new FloatProducts(threads);
            for (int m : SIZES) {
                for (int n : new int[] {1, 10, 63, 65, 784}) {
                    for (int k : new int[] {1, 32, 64}) {
                        DMatrixRMaj A = gaussian(k, m, random), B = gaussian(k, n, random);
                        DMatrixRMaj C = gaussian(m, n, random), expected = new DMatrixRMaj(m, n);
                        products.multTransA(A, B, C);
                        CommonOps_DDRM.multTransA(A, B, expected);
                        assertClose(expected, C, k, "Aᵀ B with m=" + m + " n=" + n + " k=" + k + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a product with mismatched shapes is refused with the shapes in the message")
    void shapesAreChecked() {
        Products products = new FloatProducts(1);
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

    /// Equal up to float32 round-off: each of the k products rounds its operands to 24 bits, so the
    /// error grows like √k (a wrong entry would be off by about 1).
    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, int k, String what) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            double tolerance = 2e-6 * Math.sqrt(k) * (1 + Math.abs(expected.data[i]));
            assertEquals(expected.data[i], actual.data[i], tolerance, what + ", entry " + i);
        }
    }
}

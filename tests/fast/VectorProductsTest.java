package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bp.Products;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The vectorised products equal EJML's on every awkward shape: sizes that fill no register block,
/// one row or column, both sides of the vector length, on one and on two threads.
@DisplayName("VectorProducts")
class VectorProductsTest {

    /// Equal up to round-off: the kernel sums in another order (and with fused multiply-adds).
    static final Sweep.Tolerance TOLERANCE = (k, e) -> 1e-12 * (1 + Math.abs(e));

    @Test
    @DisplayName("A B equals EJML's on all shapes from 1 to 129 (1 and 2 threads)")
    void multEqualsEjml() {
        Sweep.mult(VectorProducts::new, TOLERANCE, 1);
    }

    @Test
    @DisplayName("Aᵀ B equals EJML's on all shapes from 1 to 129, including the training step's 64×128 and 64×784 (1 and 2 threads)")
    void multTransAEqualsEjml() {
        Sweep.multTransA(VectorProducts::new, TOLERANCE, 2);
    }

    @Test
    @DisplayName("a product with mismatched shapes is refused with the shapes in the message")
    void shapesAreChecked() {
        Products products = new VectorProducts(1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> products.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(2, 5)));
        assertEquals(true, e.getMessage().contains("4×5"), e.getMessage());
    }
}

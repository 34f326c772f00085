package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bp.Products;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The float32 products equal EJML's float64 products to float precision on every awkward shape: sizes that fill no register block,
/// one row or column, both sides of the vector length, on one and on two threads.
@DisplayName("FloatProducts")
class FloatProductsTest {

    /// Equal up to float32 round-off: each of the k products rounds its operands to 24 bits, so the
    /// error grows like √k (a wrong entry would be off by about 1).
    static final Sweep.Tolerance TOLERANCE = (k, e) -> 2e-6 * Math.sqrt(k) * (1 + Math.abs(e));

    @Test
    @DisplayName("A B in float32 equals EJML's float64 product to float precision on all shapes from 1 to 129 (1 and 2 threads)")
    void multEqualsEjml() {
        Sweep.mult(FloatProducts::new, TOLERANCE, 1);
    }

    @Test
    @DisplayName("Aᵀ B in float32 equals EJML's float64 product to float precision, shapes 1 to 784 (1 and 2 threads)")
    void multTransAEqualsEjml() {
        Sweep.multTransA(FloatProducts::new, TOLERANCE, 2);
    }

    @Test
    @DisplayName("a product with mismatched shapes is refused with the shapes in the message")
    void shapesAreChecked() {
        Products products = new FloatProducts(1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> products.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(2, 5)));
        assertEquals(true, e.getMessage().contains("4×5"), e.getMessage());
    }
}

package bp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GradCheck")
class GradCheckTest {

    /// A centred difference with h = 1e-5 on a smooth function is good to about 1e-10.
    private static final double SMOOTH = 1e-8;

    /// A wrong gradient is off by far more than this.
    private static final double WRONG = 1e-2;

    /// f(x) = Σ x_i², with gradient 2x.
    private static final ToDoubleFunction<double[]> SUM_OF_SQUARES = x -> Arrays.stream(x).map(v -> v * v).sum();

    /// f(x) = sin(x0) · x1, with gradient (cos(x0) · x1, sin(x0)).
    private static final ToDoubleFunction<double[]> SIN_TIMES = x -> Math.sin(x[0]) * x[1];

    @Test
    @DisplayName("the numeric gradient of f(x) = Σ x_i² is 2x, to a relative error below 1e-8")
    void sumOfSquares() {
        double[] x = {0.5, -1.5, 2.0, 3.0, -0.25};
        double[] expected = Arrays.stream(x).map(v -> 2 * v).toArray();
        double[] actual = GradCheck.numericGradient(SUM_OF_SQUARES, x);
        assertTrue(GradCheck.maxRelError(expected, actual) < SMOOTH,
                "expected about 1e-10: " + GradCheck.compare("df/dx", expected, actual));
    }

    @Test
    @DisplayName("the numeric gradient of f = sin(x0)·x1 is (cos(x0)·x1, sin(x0)) at random points")
    void sinTimes() {
        var random = new Random(231);
        for (int trial = 0; trial < 10; trial++) {
            double[] x = {random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
            double[] expected = {Math.cos(x[0]) * x[1], Math.sin(x[0])};
            GradCheck.Report report = GradCheck.check("df/dx", SIN_TIMES, x, expected);
            assertTrue(report.passes(SMOOTH), "expected about 1e-10: " + report);
        }
    }

    @Test
    @DisplayName("x is probed in place and restored exactly, so f may read the array it closes over")
    void probesInPlaceAndRestores() {
        double[] w = {0.1, 0.7, 3.3, -0.5};
        double[] before = w.clone();
        // The cost reads the weights array itself, as a layer's loss does; it ignores its argument.
        double[] dW = GradCheck.numericGradient(ignored -> SUM_OF_SQUARES.applyAsDouble(w), w);
        assertArrayEquals(before, w, "w must hold exactly its old values");
        assertTrue(GradCheck.maxRelError(Arrays.stream(before).map(v -> 2 * v).toArray(), dW) < SMOOTH);
    }

    @Test
    @DisplayName("x is restored even when f throws during a probe")
    void restoresWhenFThrows() {
        double[] x = {0.1, 0.2};
        assertThrows(ArithmeticException.class, () -> GradCheck.numericGradient(v -> {
            if (v[1] != 0.2) {
                throw new ArithmeticException("boom");
            }
            return v[0];
        }, x));
        assertArrayEquals(new double[] {0.1, 0.2}, x);
    }

    @Test
    @DisplayName("the array version gives dX = Jᵀ·dOut for f(x) = (x0·x1, sin(x2), x0 + x2)")
    void arrayVersion() {
        double[] x = {0.8, -1.2, 0.4};
        double[] dOut = {0.5, -2.0, 1.5};
        Function<double[], double[]> f = v -> new double[] {v[0] * v[1], Math.sin(v[2]), v[0] + v[2]};
        // dX = Jᵀ·dOut, with the Jacobian's rows (x1, x0, 0), (0, 0, cos x2), (1, 0, 1).
        double[] expected = {
            x[1] * dOut[0] + dOut[2],
            x[0] * dOut[0],
            Math.cos(x[2]) * dOut[1] + dOut[2]
        };
        double[] actual = GradCheck.numericGradientArray(f, x, dOut);
        assertTrue(GradCheck.maxRelError(expected, actual) < SMOOTH, GradCheck.compare("dC/dx", expected, actual).toString());
    }

    @Test
    @DisplayName("the array version of out = W·x gives dX = Wᵀ·dOut, even when f reuses its output array")
    void arrayVersionLinear() {
        double[][] w = {{1.0, -2.0, 0.5}, {3.0, 0.25, -1.0}};
        double[] x = {0.3, -0.7, 1.1};
        double[] dOut = {2.0, -0.5};
        double[] out = new double[2];
        Function<double[], double[]> f = v -> {
            for (int i = 0; i < 2; i++) {
                out[i] = w[i][0] * v[0] + w[i][1] * v[1] + w[i][2] * v[2];
            }
            return out;
        };
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) {
            expected[j] = w[0][j] * dOut[0] + w[1][j] * dOut[1];
        }
        double[] actual = GradCheck.numericGradientArray(f, x, dOut);
        assertTrue(GradCheck.maxRelError(expected, actual) < SMOOTH, GradCheck.compare("dC/dx", expected, actual).toString());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.numericGradientArray(f, x, new double[3]));
    }

    @Test
    @DisplayName("relError is |a − b| / max(1e-8, |a| + |b|): 0 for equal values and for two zeros")
    void relError() {
        assertEquals(0.0, GradCheck.relError(0, 0));
        assertEquals(0.0, GradCheck.relError(2.5, 2.5));
        assertEquals(0.5, GradCheck.relError(1, 3), 1e-15);
        assertEquals(0.5, GradCheck.relError(3, 1), 1e-15);
        assertEquals(1.0, GradCheck.relError(-1, 1), 1e-15);
        // Below the floor the denominator is 1e-8, so tiny values do not look wildly different.
        assertEquals(0.1, GradCheck.relError(1e-9, 0), 1e-15);
        assertEquals(0.1, GradCheck.relError(1e-9, 2e-9), 1e-15);
    }

    @Test
    @DisplayName("maxRelError and the report pick the coordinate with the largest relative error")
    void maxRelError() {
        double[] analytic = {1.0, 2.0, 3.0};
        double[] numeric = {1.0, 2.1, 3.3};
        assertEquals(0.3 / 6.3, GradCheck.maxRelError(analytic, numeric), 1e-12);
        GradCheck.Report report = GradCheck.compare("dC/db", analytic, numeric);
        assertEquals(2, report.index());
        assertEquals(3.0, report.analytic());
        assertEquals(3.3, report.numeric());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.maxRelError(analytic, new double[2]));
    }

    @Test
    @DisplayName("a deliberately wrong analytic gradient is caught, at the coordinate that is wrong")
    void catchesWrongGradient() {
        double[] x = {0.7, -1.3};
        // The mistake: d/dx1 of sin(x0)·x1 written as cos(x0) instead of sin(x0).
        double[] wrong = {Math.cos(x[0]) * x[1], Math.cos(x[0])};
        GradCheck.Report report = GradCheck.check("dC/dx", SIN_TIMES, x, wrong);
        assertEquals(1, report.index());
        assertTrue(report.relError() > WRONG, report.toString());
        assertFalse(report.passes());
    }

    @Test
    @DisplayName("a NaN in the analytic gradient fails the check and is the coordinate reported")
    void nanFails() {
        double[] analytic = {1.0, Double.NaN, 5.0};
        double[] numeric = {1.0, 2.0, 3.0};
        GradCheck.Report report = GradCheck.compare("dC/dw", analytic, numeric);
        assertEquals(1, report.index());
        assertTrue(Double.isNaN(GradCheck.maxRelError(analytic, numeric)));
        assertFalse(report.passes());
    }

    @Test
    @DisplayName("the report prints which coordinate is off and by how much: \"dC/dw[2]: analytic 0.123456 numeric 0.123457 relative error 4.1e-06 (analytic − numeric = -1.0e-06)\"")
    void reportText() {
        GradCheck.Report report = GradCheck.compare("dC/dw", new double[] {0.5, -0.2, 0.123456}, new double[] {0.5, -0.2, 0.123457});
        assertEquals("dC/dw[2]: analytic 0.123456 numeric 0.123457 relative error 4.1e-06 (analytic − numeric = -1.0e-06)", report.toString());
        GradCheck.Report matrix = GradCheck.compare("dC/dW", new double[] {0.5, -0.2, 0.3, 0.123456}, new double[] {0.5, -0.2, 0.3, 0.123457}, 2);
        assertEquals("dC/dW[1][1]: analytic 0.123456 numeric 0.123457 relative error 4.1e-06 (analytic − numeric = -1.0e-06)", matrix.toString());
        assertTrue(report.passes(1e-5));
        assertFalse(report.passes());
    }
}

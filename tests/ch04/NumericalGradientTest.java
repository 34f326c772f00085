package ch04;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch04-numerical-gradient and ch04-relative-error.
///
/// The functions are polynomials and sin/exp whose derivatives were worked out by hand; the
/// expected centred differences of the polynomials are exact formulas (for f = x³ the centred
/// difference is 3x² + h², the forward one 3x² + 3xh + h²), which is also how the hints tell a
/// forward difference from a centred one.
@Order(2)
@DisplayName("NumericalGradient")
class NumericalGradientTest {

    /// f(x) = x₁² + 3x₁x₂ − 2x₂², with ∇f = (2x₁ + 3x₂, 3x₁ − 4x₂). For a quadratic the centred
    /// difference is exact whatever h, so at x = (1, 2) it gives (8, −5) up to round-off.
    static final ToDoubleFunction<double[]> QUADRATIC = x -> x[0] * x[0] + 3 * x[0] * x[1] - 2 * x[1] * x[1];

    /// What to write instead of a one-sided difference.
    static final String USE_CENTRED = "use (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h";

    @Test
    @Order(1)
    @DisplayName("on a quadratic the centred difference is exact: "
            + "∇(x₁² + 3x₁x₂ − 2x₂²) at (1, 2) is (8, −5), even with h = 0.1")
    void exactOnAQuadratic() {
        double[] x = {1.0, 2.0};
        double[] actual = NumericalGradient.centred(QUADRATIC, x, 0.1);
        assertNotNull(actual, "centred(...) returned null");
        assertEquals(2, actual.length,
                () -> "the gradient of a function of 2 variables has 2 entries, but had " + actual.length);
        // the forward difference adds h·(∂²f/∂xᵢ²)/2 = (+0.1, −0.2), the backward one subtracts it;
        // if x₁ stays at 1 ∓ h after its probe, the second entry 3x₁ − 4x₂ becomes −5 ∓ 0.3
        String hint = matches(actual, 8.1, -5.2) ? ": that is the forward difference (f(x + h·eᵢ) − f(x)) / h; "
                        + USE_CENTRED
                : matches(actual, 7.9, -4.8) ? ": that is the backward difference (f(x) − f(x − h·eᵢ)) / h; "
                        + USE_CENTRED
                : matches(actual, 16, -10) ? ": twice the right value; divide by 2h, not by h"
                : matches(actual, 4, -2.5) ? ": half the right value; divide by 2h, not by 4h"
                : matches(actual, -8, 5) ? ": the sign is flipped; it is f(x + h·eᵢ) minus f(x − h·eᵢ)"
                : matches(actual, 8, -5.3) || matches(actual, 8, -4.7)
                        ? ": the second entry is off because x₁ was left moved after probing it; "
                        + "restore x[i] before the next i"
                : "";
        assertArrayEquals(new double[] {8, -5}, actual, 1e-9, () -> "the centred difference of "
                + "f(x) = x1² + 3·x1·x2 − 2·x2² at x=(1, 2) with h=0.1 should be (8, -5) but was "
                + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("on f(x) = x³ the centred difference is 3x² + h²: "
            + "at x = 1 with h = 0.5 it is 3.25, so h is used as given")
    void usesTheGivenStep() {
        ToDoubleFunction<double[]> cube = x -> x[0] * x[0] * x[0];
        // by hand: ((x+h)³ − (x−h)³) / 2h = 3x² + h²,
        // and the forward difference ((x+h)³ − x³) / h = 3x² + 3xh + h²
        // {x, h, centred, forward}
        double[][] cases = {
            {1.0, 0.5, 3.25, 4.75}, {2.0, 1e-3, 12.000001, 12.006001}, {-1.0, 0.25, 3.0625, 2.3125},
        };
        for (double[] c : cases) {
            double[] actual = NumericalGradient.centred(cube, new double[] {c[0]}, c[1]);
            assertNotNull(actual, "centred(...) returned null");
            double expected = c[2];
            String hint = Math.abs(actual[0] - c[3]) < 1e-6
                    ? ": that is the forward difference (f(x + h) − f(x)) / h; use (f(x + h) − f(x − h)) / 2h"
                    : Math.abs(actual[0] - 3 * c[0] * c[0]) < 1e-4 && c[1] > 0.1
                    ? ": that is the exact derivative 3x²; use the step h passed in, not a fixed tiny one"
                    : "";
            assertEquals(expected, actual[0], 1e-9, () -> "the centred difference of f(x) = x³ at x=" + c[0]
                    + " with h=" + c[1] + " should be 3x² + h² = " + expected + " but was " + actual[0] + hint);
        }
    }

    @Test
    @Order(3)
    @DisplayName("x holds exactly its old values afterwards (restored, not moved by +h and −h)")
    void restoresXExactly() {
        // With h = 1e-5, x + h − 2h + h is not exactly x for any of these; for the last four, near or
        // below h, neither is x + h − h nor x − h + h (for 0.1 ... 0.123456789 those two give x back)
        double[] x = {0.1, 0.7, 1.1, 0.123456789, 1e-6, 2.7e-6, 1e-7, 1.7e-6};
        double[] before = x.clone();
        double[] actual = NumericalGradient.centred(v -> v[0] * v[1] + v[2] * v[3] + v[4] * v[5] + v[6] * v[7], x, 1e-5);
        assertNotNull(actual, "centred(...) returned null");
        for (int i = 0; i < x.length; i++) {
            int entry = i;
            String hint = Math.abs(x[i] - before[i]) < 1e-12
                    ? ": adding and subtracting h is not exact in floating point; save x[i] and put it back"
                    : ": x[i] was left moved after probing; put the old value back before the next i";
            assertEquals(before[i], x[i], 0.0, () -> "after centred(...) x[" + entry + "] should be exactly "
                    + before[entry] + " again but was " + x[entry] + hint);
        }
    }

    @Test
    @Order(4)
    @DisplayName("each entry sees the other entries at their old values: ∇(x₁x₂x₃) at (1, 2, 3) is (6, 3, 2)")
    void probesOneEntryAtATime() {
        double[] x = {1.0, 2.0, 3.0};
        double[] actual = NumericalGradient.centred(v -> v[0] * v[1] * v[2], x, 1e-3);
        assertNotNull(actual, "centred(...) returned null");
        // ∂(x₁x₂x₃)/∂x₁ = x₂x₃ = 6, ∂/∂x₂ = x₁x₃ = 3, ∂/∂x₃ = x₁x₂ = 2; the centred difference is exact
        // here (x₁x₂x₃ is linear in each entry); if x₁ stays at 1 − h, the second entry is (1 − h)·3 = 2.997
        String hint = actual.length == 3 && Math.abs(actual[0] - 6) < 1e-9 && Math.abs(actual[1] - 3) > 1e-9
                ? ": the later entries are off, so x[i] was not put back after probing it"
                : "";
        assertArrayEquals(new double[] {6, 3, 2}, actual, 1e-9, () -> "the centred difference of f = x1·x2·x3 "
                + "at x=(1, 2, 3) should be (6, 3, 2) but was " + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(5)
    @DisplayName("with h = 1e-5 it matches the derivatives of sin(x₁)·e^(x₂) + x₃⁴ to a relative error < 1e-8")
    void accurateOnASmoothFunction() {
        Random random = new Random(231);
        ToDoubleFunction<double[]> f = v -> Math.sin(v[0]) * Math.exp(v[1]) + Math.pow(v[2], 4);
        for (int k = 0; k < 5; k++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), 1 + random.nextDouble()};
            // by hand: ∂/∂x₁ = cos(x₁)e^(x₂), ∂/∂x₂ = sin(x₁)e^(x₂), ∂/∂x₃ = 4x₃³
            double[] expected = {
                Math.cos(x[0]) * Math.exp(x[1]), Math.sin(x[0]) * Math.exp(x[1]), 4 * Math.pow(x[2], 3),
            };
            String at = Arrays.toString(x);
            double[] actual = NumericalGradient.centred(f, x, 1e-5);
            assertNotNull(actual, "centred(...) returned null");
            for (int i = 0; i < 3; i++) {
                int entry = i;
                double error = relativeError(actual[i], expected[i]);
                String hint = error > 1e-7 && error < 1e-4
                        ? ": an error ~h = 1e-5 is the mark of a forward difference"
                        : "";
                assertTrue(error < 1e-8, () -> "entry " + entry + " of the centred difference of "
                        + "sin(x1)·e^x2 + x3⁴ at x=" + at + " with h=1e-5 should be " + expected[entry]
                        + " (relative error < 1e-8; a centred difference reaches ~1e-10) but was "
                        + actual[entry]
                        + ", relative error " + "%.1e".formatted(error) + hint);
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("relativeError(a, b) = |a − b| / max(1e-8, |a| + |b|), worked by hand")
    void relativeErrorByHand() {
        // {a, b, expected}: |a − b| over |a| + |b|, by hand; 0 for two zeros; 1 for opposite numbers
        double[][] cases = {
            {1.0, 1.1, 0.1 / 2.1}, {1.1, 1.0, 0.1 / 2.1}, {-3.0, 3.0, 1.0}, {0.0, 0.0, 0.0},
            {2e-3, 1e-3, 1.0 / 3}, {-250.0, -250.5, 0.5 / 500.5},
        };
        for (double[] c : cases) {
            double actual = NumericalGradient.relativeError(c[0], c[1]);
            double overMax = Math.abs(c[0] - c[1]) / Math.max(Math.abs(c[0]), Math.abs(c[1]));
            String hint = c[0] == -c[1] && actual > 1e3 ? ": the denominator is |a| + |b|, not |a + b|"
                    : Math.abs(actual - overMax) < 1e-12 && actual != c[2]
                    ? ": the denominator is |a| + |b|, not max(|a|, |b|)"
                    : Double.isNaN(actual) ? ": 0/0; the floor max(1e-8, …) keeps it finite when a = b = 0"
                    : Math.abs(actual + c[2]) < 1e-12 && c[2] != 0 ? ": it must be positive; take |a − b|"
                    : "";
            assertEquals(c[2], actual, 1e-15, () -> "relativeError(" + c[0] + ", " + c[1] + ") should be "
                    + c[2] + " but was " + actual + hint);
        }
    }

    @Test
    @Order(7)
    @DisplayName("relativeError has the floor 1e-8: for tiny numbers it measures |a − b| / 1e-8")
    void relativeErrorFloor() {
        // by hand: |1e-10 − 2e-10| / max(1e-8, 3e-10) = 1e-10 / 1e-8 = 0.01; without the floor, 1/3
        double actual = NumericalGradient.relativeError(1e-10, 2e-10);
        assertEquals(0.01, actual, 1e-15, () -> "relativeError(1e-10, 2e-10) should be 1e-10 / 1e-8 = 0.01 "
                + "but was " + actual
                + (Math.abs(actual - 1.0 / 3) < 1e-12 ? ": the floor max(1e-8, |a| + |b|) is missing" : ""));
        double both = NumericalGradient.relativeError(0.0, 5e-9);
        assertEquals(0.5, both, 1e-15, () -> "relativeError(0, 5e-9) should be 5e-9 / 1e-8 = 0.5 but was "
                + both
                + (both == 1.0 ? ": the floor max(1e-8, |a| + |b|) is missing" : ""));
    }

    /// Whether the two-entry `actual` is (e0, e1) to 1e-6.
    private static boolean matches(double[] actual, double e0, double e1) {
        return actual.length == 2 && Math.abs(actual[0] - e0) < 1e-6 && Math.abs(actual[1] - e1) < 1e-6;
    }

    /// The relative error written out here, so that this test does not depend on ch04-relative-error.
    private static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
    }
}

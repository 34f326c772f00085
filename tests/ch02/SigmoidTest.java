package ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch02-sigmoid and ch02-sigmoid-prime.
///
/// Expected values were computed independently in Python (`1 / (1 + math.exp(-z))` and
/// `s(z) * s(-z)`), or are numerical derivatives (centred differences, bp.GradCheck) of the
/// sigmoid written out in this test, never values produced by the solution.
@Order(1)
@DisplayName("Sigmoid")
class SigmoidTest {

    /// The sigmoid written out here, as the independent oracle of the gradient checks.
    static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    @Order(1)
    @DisplayName("σ(0) = 1/2, and σ(z) matches 1 / (1 + e^(−z)) at hand-computed points")
    void valueAtKnownPoints() {
        Sigmoid sigmoid = new Sigmoid();
        // 1 / (1 + math.exp(-z)) in Python, for z = 0, 1, −2, 4, −3.5
        double[] z = {0.0, 1.0, -2.0, 4.0, -3.5};
        double[] expected = {0.5, 0.7310585786300049, 0.11920292202211755, 0.9820137900379085, 0.02931223075135632};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = sigmoid.value(zi);
            assertEquals(e, actual, 1e-12, () -> "σ(" + zi + ") should be " + e + " but was " + actual
                    + (zi != 0 && Math.abs(actual - (1 - e)) < 1e-9
                            ? ": that is σ(−z); the exponent is −z, e^(−z)" : ""));
        }
    }

    @Test
    @Order(2)
    @DisplayName("σ(z) stays finite for large |z| (σ(1000) = 1, σ(−1000) = 0, no NaN) and exact deep in the tail: σ(−40) = 4.25e-18, not 0")
    void valueDoesNotOverflow() {
        Sigmoid sigmoid = new Sigmoid();
        for (double z : new double[] {709, 710, 1000, -709, -710, -1000, Double.MAX_VALUE, -Double.MAX_VALUE}) {
            double actual = sigmoid.value(z);
            double expected = z > 0 ? 1.0 : 0.0;
            assertTrue(Double.isFinite(actual), () -> "σ(" + z + ") should be finite but was " + actual
                    + ": e^z overflows to ∞ for z > 709 and ∞/∞ is NaN; use 1/(1 + e^(−z)) for z ≥ 0 and "
                    + "e^z/(1 + e^z) for z < 0");
            assertEquals(expected, actual, 1e-300, () -> "σ(" + z + ") should be " + expected + " but was " + actual);
        }
        // e^z / (1 + e^z) with 50 digits (Python's decimal), rounded to double: tiny, but far from 0,
        // and a double holds them to 16 digits
        double[] tail = {-20, -40, -100, -500};
        double[] exact = {2.0611536181902037e-09, 4.248354255291589e-18, 3.720075976020836e-44, 7.124576406741286e-218};
        for (int i = 0; i < tail.length; i++) {
            double z = tail[i];
            double e = exact[i];
            double actual = sigmoid.value(z);
            assertEquals(e, actual, 1e-14 * e, () -> "σ(" + z + ") should be " + e + " to about 14 digits but was " + actual
                    + (actual == 0 || Math.abs(actual - e) > 1e-10 * e
                            ? ": 1 − 1/(1 + e^z) loses digits as z falls, and all of them once 1/(1 + e^z) rounds to 1 (z < −37); for z < 0 use e^z/(1 + e^z)" : ""));
        }
    }

    @Test
    @Order(3)
    @DisplayName("σ'(z) = σ(z)(1 − σ(z)) by hand: σ'(0) = 0.25, σ'(2) = 0.105, σ'(5) = 0.0066, σ'(10) = 4.5e-5")
    void primeAtKnownPoints() {
        Sigmoid sigmoid = new Sigmoid();
        // s(z) * s(-z) = σ(z)(1 − σ(z)) in Python, for z = 0, 2, 5, 10, −3, 0.5
        double[] z = {0.0, 2.0, 5.0, 10.0, -3.0, 0.5};
        double[] expected = {0.25, 0.10499358540350649, 0.0066480566707901555, 4.5395807735951673e-05,
            0.04517665973091214, 0.2350037122015945};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = sigmoid.prime(zi);
            assertTrue(GradCheck.relError(e, actual) < 1e-9, () -> "σ'(" + zi + ") should be " + e + " but was "
                    + actual + mistake(zi, actual));
        }
    }

    /// Names the typical mistake whose result at z equals `actual`; "" when none does.
    /// (Only for the hints: the expected values come from Python.)
    static String mistake(double z, double actual) {
        double a = sigma(z);
        double aa = sigma(a);
        if (near(actual, z * (1 - z))) {
            return ": that is z(1 − z), the formula a(1 − a) with z put in for a; prime takes z, so compute "
                    + "a = σ(z) first, then a(1 − a)";
        }
        if (near(actual, aa * (1 - aa))) {
            return ": that is σ'(σ(z)), the derivative evaluated at a = σ(z) instead of at z; apply σ only once";
        }
        if (near(actual, -a * (1 - a))) {
            return ": the sign is flipped; σ is increasing, so σ'(z) > 0";
        }
        if (near(actual, a * (1 + a))) {
            return ": that is σ(z)(1 + σ(z)); the second factor is 1 − σ(z)";
        }
        if (near(actual, a)) {
            return ": that is σ(z) itself; multiply it by (1 − σ(z))";
        }
        if (near(actual, 1 - a)) {
            return ": that is 1 − σ(z) alone; multiply it by σ(z)";
        }
        if (near(actual, a * a)) {
            return ": that is σ(z)²; the derivative is σ(z)(1 − σ(z))";
        }
        return "";
    }

    static boolean near(double actual, double candidate) {
        return GradCheck.relError(actual, candidate) < 1e-9;
    }

    @Test
    @Order(4)
    @DisplayName("σ'(z) matches a centred difference of σ on 200 seeded random z in [−6, 6] (relative error < 1e-7)")
    void primeMatchesCentredDifference() {
        Sigmoid sigmoid = new Sigmoid();
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            double z = -6 + 12 * random.nextDouble();
            double numeric = GradCheck.numericGradient(v -> sigma(v[0]), new double[] {z})[0];
            double actual = sigmoid.prime(z);
            double error = GradCheck.relError(actual, numeric);
            // with h = 1e-5 a correct σ' reaches a relative error of about 1e-9 or less on [−6, 6]
            assertTrue(error < GradCheck.TOLERANCE, () -> "σ'(" + z + ") should match the centred difference "
                    + numeric + " (relative error < 1e-7) but was " + actual + ", relative error "
                    + "%.1e".formatted(error) + mistake(z, actual) + ownSlope(sigmoid, z, actual));
        }
    }

    /// The hint for a prime that is the slope of a wrong value: then value must be fixed first.
    static String ownSlope(Activation f, double z, double actual) {
        try {
            double slope = GradCheck.numericGradient(v -> f.value(v[0]), new double[] {z})[0];
            return GradCheck.relError(actual, slope) < 1e-7
                    ? ": it is the slope of your value(z), but value(z) itself is wrong; fix the value first" : "";
        } catch (UnsupportedOperationException e) {
            return "";
        }
    }

    @Test
    @Order(5)
    @DisplayName("σ' saturates: 0 < σ'(z) ≤ 1/4 and σ'(−z) = σ'(z) for |z| ≤ 30, below 1e-16 at |z| = 40 and 0 (not NaN) at |z| = 1000")
    void primeSaturates() {
        Sigmoid sigmoid = new Sigmoid();
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            double z = -30 + 60 * random.nextDouble();
            double plus = sigmoid.prime(z);
            double minus = sigmoid.prime(-z);
            assertTrue(plus > 0 && plus <= 0.25, () -> "σ'(" + z + ") should be in (0, 1/4] but was " + plus
                    + mistake(z, plus));
            // σ(−z) = 1 − σ(z), so σ(−z)(1 − σ(−z)) = (1 − σ(z))σ(z): the same number
            assertEquals(plus, minus, 1e-15, () -> "σ'(" + z + ") = " + plus + " and σ'(" + (-z) + ") = " + minus
                    + " should be equal: σ' is symmetric about 0");
        }
        for (double z : new double[] {40, -40, 1000, -1000}) {
            double actual = sigmoid.prime(z);
            assertTrue(Double.isFinite(actual), () -> "σ'(" + z + ") should be a number (about 0) but was " + actual
                    + ": e^(−z)/(1 + e^(−z))² overflows to ∞/∞; compute a = value(z), then a(1 − a)");
            assertTrue(actual >= 0 && actual < 1e-16, () -> "σ'(" + z + ") should be below 1e-16 (σ is flat there) "
                    + "but was " + actual + mistake(z, actual));
        }
    }
}

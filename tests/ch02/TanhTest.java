package ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch02-tanh and ch02-tanh-prime.
///
/// Expected values were computed independently in Python (`math.tanh(z)` and
/// `1 - math.tanh(z)**2`), or are centred differences (bp.GradCheck) of `Math.tanh`.
@Order(2)
@DisplayName("Tanh")
class TanhTest {

    @Test
    @Order(1)
    @DisplayName("tanh(0) = 0, and tanh(z) matches (e^z − e^(−z)) / (e^z + e^(−z)) at hand-computed points")
    void valueAtKnownPoints() {
        Tanh tanh = new Tanh();
        // math.tanh(z) in Python, for z = 0, 0.5, −1, 2, −3
        double[] z = {0.0, 0.5, -1.0, 2.0, -3.0};
        double[] expected = {0.0, 0.46211715726000974, -0.7615941559557649, 0.9640275800758169, -0.9950547536867305};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = tanh.value(zi);
            String hint = zi != 0 && Math.abs(actual + e) < 1e-9 ? ": the sign is flipped; tanh(z) > 0 for z > 0"
                    : Math.abs(actual - SigmoidTest.sigma(zi)) < 1e-9
                            ? ": that is the sigmoid σ(z); tanh(z) = 2σ(2z) − 1"
                    : "";
            assertEquals(e, actual, 1e-12, () -> "tanh(" + zi + ") should be " + e + " but was " + actual + hint);
        }
    }

    @Test
    @Order(2)
    @DisplayName("tanh(z) stays finite for large |z|: tanh(1000) = 1, tanh(−1000) = −1, no NaN")
    void valueDoesNotOverflow() {
        Tanh tanh = new Tanh();
        for (double z : new double[] {20, -20, 710, -710, 1000, -1000, Double.MAX_VALUE, -Double.MAX_VALUE}) {
            double actual = tanh.value(z);
            double expected = Math.signum(z);
            assertTrue(Double.isFinite(actual), () -> "tanh(" + z + ") should be finite but was " + actual
                    + ": e^z overflows to ∞ for z > 709 and ∞/∞ is NaN; use Math.tanh(z)");
            assertEquals(expected, actual, 1e-15, () -> "tanh(" + z + ") should be " + expected + " but was " + actual);
        }
    }

    @Test
    @Order(3)
    @DisplayName("tanh'(z) = 1 − tanh²(z) at hand-computed points: tanh'(0) = 1, tanh'(2) = 0.0707 (not 1 − z² = −3)")
    void primeAtKnownPoints() {
        Tanh tanh = new Tanh();
        // 1 - math.tanh(z)**2 in Python, for z = 0, 0.5, −1, 2, −3
        double[] z = {0.0, 0.5, -1.0, 2.0, -3.0};
        double[] expected = {1.0, 0.7864477329659274, 0.41997434161402614, 0.07065082485316443, 0.009866037165440211};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = tanh.prime(zi);
            assertTrue(GradCheck.relError(e, actual) < 1e-9, () -> "tanh'(" + zi + ") should be " + e + " but was "
                    + actual + mistake(zi, actual));
        }
    }

    /// Names the typical mistake whose result at z equals `actual`; "" when none does.
    /// (Only for the hints: the expected values come from Python.)
    static String mistake(double z, double actual) {
        double a = Math.tanh(z);
        double aa = Math.tanh(a);
        if (near(actual, 1 - z * z)) {
            return ": that is 1 − z²; the derivative is 1 − tanh²(z), so compute a = tanh(z) first, then 1 − a²";
        }
        if (near(actual, 1 - aa * aa)) {
            return ": that is tanh'(tanh(z)), the derivative evaluated at a = tanh(z) instead of at z; "
                    + "apply tanh only once";
        }
        if (near(actual, a * a - 1)) {
            return ": the sign is flipped; tanh is increasing, so tanh'(z) > 0";
        }
        if (near(actual, 1 + a * a)) {
            return ": that is 1 + tanh²(z); the derivative is 1 − tanh²(z)";
        }
        if (near(actual, 1 - a)) {
            return ": that is 1 − tanh(z); the tanh must be squared, 1 − tanh²(z)";
        }
        if (near(actual, 1 - Math.tanh(z * z))) {
            return ": that is 1 − tanh(z²); square the tanh, not z: 1 − tanh(z)²";
        }
        return "";
    }

    static boolean near(double actual, double candidate) {
        return GradCheck.relError(actual, candidate) < 1e-9;
    }

    @Test
    @Order(4)
    @DisplayName("tanh'(z) matches a centred difference of tanh on 200 seeded random z in [−3, 3] (rel. error < 1e-7)")
    void primeMatchesCentredDifference() {
        Tanh tanh = new Tanh();
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            double z = -3 + 6 * random.nextDouble();
            double numeric = GradCheck.numericGradient(v -> Math.tanh(v[0]), new double[] {z})[0];
            double actual = tanh.prime(z);
            double error = GradCheck.relError(actual, numeric);
            // with h = 1e-5 a correct tanh' reaches a relative error of about 1e-9 or less on [−3, 3]
            assertTrue(error < GradCheck.TOLERANCE, () -> "tanh'(" + z + ") should match the centred difference "
                    + numeric + " (relative error < 1e-7) but was " + actual + ", relative error "
                    + "%.1e".formatted(error) + mistake(z, actual) + SigmoidTest.ownSlope(tanh, z, actual));
        }
    }

    @Test
    @Order(5)
    @DisplayName("tanh' saturates: 0 < tanh'(z) ≤ 1 and tanh'(−z) = tanh'(z) for |z| ≤ 15, and tanh'(±1000) = 0 (not NaN)")
    void primeSaturates() {
        Tanh tanh = new Tanh();
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            double z = -15 + 30 * random.nextDouble();
            double plus = tanh.prime(z);
            double minus = tanh.prime(-z);
            assertTrue(plus > 0 && plus <= 1, () -> "tanh'(" + z + ") should be in (0, 1] but was " + plus
                    + mistake(z, plus));
            assertEquals(plus, minus, 1e-15, () -> "tanh'(" + z + ") = " + plus + " and tanh'(" + (-z) + ") = " + minus
                    + " should be equal: tanh' is symmetric about 0");
        }
        for (double z : new double[] {1000, -1000}) {
            double actual = tanh.prime(z);
            assertEquals(0.0, actual, 1e-300, () -> "tanh'(" + z + ") should be 0 (tanh is flat there) but was "
                    + actual + (Double.isNaN(actual) ? ": something overflowed; use a = value(z), then 1 − a²"
                            : mistake(z, actual)));
        }
    }
}

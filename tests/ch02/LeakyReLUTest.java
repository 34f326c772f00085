package ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch02-leaky-relu and ch02-leaky-relu-prime.
///
/// Expected values are worked out by hand (z for z > 0, αz for z ≤ 0), or are centred
/// differences (bp.GradCheck) of that formula at points at least 0.01 away from the kink at 0.
@Order(4)
@DisplayName("LeakyReLU")
class LeakyReLUTest {

    @Test
    @Order(1)
    @DisplayName("the default leaky ReLU (α = 0.01): −2 ↦ −0.02, 0 ↦ 0, 3 ↦ 3")
    void defaultSlope() {
        LeakyReLU leaky = new LeakyReLU();
        double[] z = {-2.0, 0.0, 3.0};
        double[] expected = {-0.02, 0.0, 3.0};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = leaky.value(zi);
            assertEquals(e, actual, 1e-15, () -> "LeakyReLU(" + zi + ") with α = 0.01 should be " + e + " but was "
                    + actual + valueMistake(0.01, zi, actual));
        }
    }

    @Test
    @Order(2)
    @DisplayName("with α = 0.2 the value is αz for z ≤ 0 and z for z > 0: −5 ↦ −1, −0.5 ↦ −0.1, 0.5 ↦ 0.5, 5 ↦ 5")
    void valueUsesTheGivenSlope() {
        LeakyReLU leaky = new LeakyReLU(0.2);
        double[] z = {-5.0, -0.5, 0.0, 0.5, 5.0};
        double[] expected = {-1.0, -0.1, 0.0, 0.5, 5.0};
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            double actual = leaky.value(zi);
            assertEquals(e, actual, 1e-15, () -> "LeakyReLU(" + zi + ") with α = 0.2 should be " + e + " but was "
                    + actual + valueMistake(0.2, zi, actual));
        }
    }

    /// Names the typical mistake of the value whose result equals `actual`; "" when none does.
    static String valueMistake(double alpha, double z, double actual) {
        if (z != 0 && actual == (z > 0 ? alpha * z : z)) {
            return ": the slope α is applied on the wrong side; αz is for z ≤ 0, z itself for z > 0";
        }
        if (z < 0 && alpha != 0.01 && near(actual, 0.01 * z)) {
            return ": that uses α = 0.01; use this object's alpha (the constructor's argument)";
        }
        if (z < 0 && actual == 0) {
            return ": that is the plain ReLU; the leaky one lets αz through for z ≤ 0";
        }
        if (z < 0 && actual == -alpha * z) {
            return ": the sign is flipped; for z < 0 the value αz is negative";
        }
        return "";
    }

    @Test
    @Order(3)
    @DisplayName("with α = 0.2 the derivative is 1 for z > 0 and α = 0.2 for z < 0")
    void primeIsOneOrAlpha() {
        LeakyReLU leaky = new LeakyReLU(0.2);
        for (double z : new double[] {-5.0, -0.5, -1e-9, 1e-9, 0.5, 5.0}) {
            double expected = z > 0 ? 1.0 : 0.2;
            double actual = leaky.prime(z);
            assertEquals(expected, actual, 1e-15, () -> "LeakyReLU'(" + z + ") with α = 0.2 should be " + expected
                    + " but was " + actual + primeMistake(0.2, z, actual));
        }
    }

    /// Names the typical mistake of the derivative whose result equals `actual`; "" when none does.
    static String primeMistake(double alpha, double z, double actual) {
        if (actual == (z > 0 ? alpha : 1.0)) {
            return ": the slopes are swapped; α is the slope for z ≤ 0, 1 the slope for z > 0";
        }
        if (z <= 0 && near(actual, 0.01) && alpha != 0.01) {
            return ": that uses α = 0.01; use this object's alpha (the constructor's argument)";
        }
        if (z <= 0 && actual == 0) {
            return ": that is the plain ReLU's derivative; the leaky one has slope α for z ≤ 0";
        }
        if (actual == z || actual == alpha * z) {
            return ": that is the value, not the slope; the slopes are the constants 1 and α";
        }
        if (actual == -alpha || actual == -1) {
            return ": the sign is flipped; both slopes are positive";
        }
        return "";
    }

    static boolean near(double actual, double candidate) {
        return GradCheck.relError(actual, candidate) < 1e-9;
    }

    @Test
    @Order(4)
    @DisplayName("LeakyReLU'(0) = α, the convention pinned in the doc comment (z = 0 takes the slope of z ≤ 0)")
    void primeAtZeroIsAlpha() {
        for (double alpha : new double[] {0.01, 0.2}) {
            double actual = new LeakyReLU(alpha).prime(0.0);
            assertEquals(alpha, actual, 1e-15, () -> "LeakyReLU'(0) with α = " + alpha + " should be α = " + alpha
                    + " but was " + actual + (actual == 1 ? ": the doc comment fixes LeakyReLU'(0) = α; test z > 0, "
                            + "not z ≥ 0, for the slope 1" : primeMistake(alpha, 0.0, actual)));
        }
    }

    @Test
    @Order(5)
    @DisplayName("LeakyReLU'(z) matches a centred difference for α = 0.01, 0.1, 0.3 on random z, 0.01 < |z| < 5")
    void primeMatchesCentredDifference() {
        Random random = new Random(231);
        for (double alpha : new double[] {0.01, 0.1, 0.3}) {
            LeakyReLU leaky = new LeakyReLU(alpha);
            for (int n = 0; n < 100; n++) {
                // away from the kink at 0, where z ± h would straddle it
                double magnitude = 0.01 + 4.99 * random.nextDouble();
                double z = random.nextBoolean() ? magnitude : -magnitude;
                double numeric = GradCheck.numericGradient(v -> v[0] > 0 ? v[0] : alpha * v[0], new double[] {z})[0];
                double actual = leaky.prime(z);
                double error = GradCheck.relError(actual, numeric);
                // the slopes are the constants 1 and α; the centred difference of a line is exact up to ~1e-11
                assertTrue(error < GradCheck.TOLERANCE, () -> "LeakyReLU'(" + z + ") with α = " + alpha
                        + " should match the centred difference " + numeric + " (relative error < 1e-7) but was "
                        + actual + ", relative error " + "%.1e".formatted(error) + primeMistake(alpha, z, actual)
                        + SigmoidTest.ownSlope(leaky, z, actual));
            }
        }
    }
}

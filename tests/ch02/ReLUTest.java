package ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch02-relu and ch02-relu-prime.
///
/// Expected values are worked out by hand from max(0, z), or are centred differences
/// (bp.GradCheck) of `Math.max(0, z)` at points at least 0.01 away from the kink at 0.
@Order(3)
@DisplayName("ReLU")
class ReLUTest {

    @Test
    @Order(1)
    @DisplayName("ReLU(z) = max(0, z): 0 for z ≤ 0, z itself for z > 0")
    void valueKeepsThePositivePart() {
        ReLU relu = new ReLU();
        for (double z : new double[] {-2.0, -1e-9, 0.0, 1e-9, 3.5, 1e6}) {
            double expected = z > 0 ? z : 0.0;
            double actual = relu.value(z);
            String hint = actual == 1.0 && z != 1.0 ? ": ReLU passes z through unchanged, it is not a step"
                    : z < 0 && actual == -z ? ": ReLU is max(0, z), not |z|"
                    : z < 0 && actual == z ? ": the negative part must be cut to 0"
                    : z > 0 && actual == 0 ? ": that is min(0, z); ReLU keeps the positive part, max(0, z)"
                    : "";
            assertEquals(expected, actual, 1e-15, () -> "ReLU(" + z + ") should be " + expected + " but was " + actual
                    + hint);
        }
    }

    @Test
    @Order(2)
    @DisplayName("ReLU'(z) is 1 for z > 0 and 0 for z < 0")
    void primeIsOneOrZero() {
        ReLU relu = new ReLU();
        for (double z : new double[] {-3.0, -1e-9, 1e-9, 0.5, 7.0}) {
            double expected = z > 0 ? 1.0 : 0.0;
            double actual = relu.prime(z);
            String hint = actual == z ? ": that is z itself (the value); the slope of z is 1"
                    : actual == 1 - expected
                            ? ": the two slopes are swapped; ReLU rises for z > 0, so ReLU'(z) = 1 there"
                    : actual == -1 ? ": the sign is flipped; the slopes are 0 and +1"
                    : "";
            assertEquals(expected, actual, 0.0, () -> "ReLU'(" + z + ") should be " + expected + " but was " + actual
                    + hint);
        }
    }

    @Test
    @Order(3)
    @DisplayName("ReLU'(0) = 0, the convention pinned in the doc comment (1 only for z > 0)")
    void primeAtZeroIsZero() {
        ReLU relu = new ReLU();
        double actual = relu.prime(0.0);
        assertEquals(0.0, actual, 0.0, () -> "ReLU'(0) should be 0 but was " + actual
                + (actual == 1 ? ": ReLU has no derivative at its kink, and the doc comment fixes ReLU'(0) = 0; "
                        + "test z > 0, not z ≥ 0" : ""));
        double negativeZero = relu.prime(-0.0);
        assertEquals(0.0, negativeZero, 0.0, () -> "ReLU'(−0.0) should be 0 but was " + negativeZero);
    }

    @Test
    @Order(4)
    @DisplayName("ReLU'(z) matches a centred difference of max(0, z) on 200 seeded random z with 0.01 < |z| < 5")
    void primeMatchesCentredDifference() {
        ReLU relu = new ReLU();
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            // away from the kink at 0, where z ± h would straddle it
            double magnitude = 0.01 + 4.99 * random.nextDouble();
            double z = random.nextBoolean() ? magnitude : -magnitude;
            double numeric = GradCheck.numericGradient(v -> Math.max(0, v[0]), new double[] {z})[0];
            double actual = relu.prime(z);
            double error = GradCheck.relError(actual, numeric);
            // the slopes are exactly 0 or 1; the centred difference of a line is exact up to ~1e-11
            assertTrue(error < GradCheck.TOLERANCE, () -> "ReLU'(" + z + ") should match the centred difference "
                    + numeric + " (relative error < 1e-7) but was " + actual + ", relative error "
                    + "%.1e".formatted(error) + SigmoidTest.ownSlope(relu, z, actual));
        }
    }
}

package ch01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grader.Hidden;
import grader.PartialCredit;
import grader.Points;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/// Graded tests of exercises ch01-step, ch01-sigmoid and ch01-relu.
/// Expected values were computed by hand or independently in Python (math.exp), not by the solution.
@Order(1)
@DisplayName("Activations")
class ActivationsTest {

    /// Equal to the last bit or two: these are single, well-conditioned operations.
    static final double EXACT = 1e-15;

    @Test
    @Order(1)
    @DisplayName("step(z) is 0 for z < 0 and 1 for z ≥ 0, so step(0) = 1")
    void stepIsZeroBelowAndOneFromZero() {
        double[] z = {-3.0, -1e-12, 0.0, 1e-12, 2.5};
        double[] expected = {0, 0, 1, 1, 1};
        for (int i = 0; i < z.length; i++) {
            double actual = Activations.step(z[i]);
            double zi = z[i];
            double e = expected[i];
            assertEquals(e, actual, () -> "step(" + zi + ") should be " + e + " but was " + actual
                    + (zi == 0 ? " (by the convention of the doc comment, step(0) = 1)" : ""));
        }
    }

    @Test
    @Order(2)
    @DisplayName("sigmoid(0) is exactly 1/2")
    void sigmoidOfZeroIsOneHalf() {
        double actual = Activations.sigmoid(0.0);
        assertEquals(0.5, actual, () -> "sigmoid(0) should be 1/(1 + e^0) = 0.5 but was " + actual);
    }

    @Test
    @Order(3)
    @Points(2)
    @DisplayName("sigmoid matches 1 / (1 + e^(−z)) at hand-computed points")
    void sigmoidAtKnownPoints(TestReporter reporter) throws Throwable {
        // 1 / (1 + math.exp(-z)) in Python, for z = 1, -2, 4, -3.5
        double[] z = {1.0, -2.0, 4.0, -3.5};
        double[] expected = {0.7310585786300049, 0.11920292202211755, 0.9820137900379085, 0.02931223075135632};
        var cases = new PartialCredit(reporter);
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double e = expected[i];
            cases.check(() -> {
                double actual = Activations.sigmoid(zi);
                assertEquals(e, actual, 1e-12, () -> "sigmoid(" + zi + ") should be " + e + " but was " + actual
                        + (Math.abs(actual - (1 - e)) < 1e-9 ? ": you computed σ(−z); check the sign of the exponent" : ""));
            });
        }
        cases.finish();
    }

    @Test
    @Order(4)
    @Hidden
    @DisplayName("sigmoid is symmetric, σ(−z) = 1 − σ(z), and stays strictly between 0 and 1 for moderate z")
    void sigmoidIsSymmetric() {
        Random random = new Random(231);
        for (int n = 0; n < 200; n++) {
            double z = -30 + 60 * random.nextDouble();
            double plus = Activations.sigmoid(z);
            double minus = Activations.sigmoid(-z);
            assertEquals(1.0, plus + minus, 1e-12, () -> "σ(" + z + ") + σ(" + (-z) + ") should be 1 but was " + (plus + minus));
            if (Math.abs(z) < 30) {
                assertTrue(plus > 0 && plus < 1, () -> "σ(" + z + ") should be strictly between 0 and 1 but was " + plus);
            }
        }
    }

    @Test
    @Order(5)
    @Points(2)
    @DisplayName("sigmoid stays finite for large |z| (σ(1000) = 1, σ(−1000) = 0, no NaN) and exact deep in the tail: σ(−40) = 4.25e-18, not 0")
    void sigmoidDoesNotOverflow() {
        double[] z = {709.0, 710.0, 1000.0, -709.0, -710.0, -1000.0, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double zi : z) {
            double actual = Activations.sigmoid(zi);
            double expected = zi > 0 ? 1.0 : 0.0;
            assertTrue(Double.isFinite(actual), () -> "sigmoid(" + zi + ") should be finite but was " + actual
                    + ": e^z overflows to ∞ for z > 709, and ∞/∞ is NaN; use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0");
            assertEquals(expected, actual, 1e-300, () -> "sigmoid(" + zi + ") should be " + expected + " but was " + actual);
        }
        // e^z / (1 + e^z) with 50 digits (Python's decimal), rounded to double: tiny, but far from 0,
        // and a double holds them to 16 digits
        double[] tail = {-20.0, -40.0, -100.0, -500.0};
        double[] exact = {2.0611536181902037e-09, 4.248354255291589e-18, 3.720075976020836e-44, 7.124576406741286e-218};
        for (int i = 0; i < tail.length; i++) {
            double zi = tail[i];
            double e = exact[i];
            double actual = Activations.sigmoid(zi);
            assertEquals(e, actual, 1e-14 * e, () -> "sigmoid(" + zi + ") should be " + e + " to about 14 digits but was "
                    + actual + (actual == 0 || Math.abs(actual - e) > 1e-10 * e
                            ? ": 1 − 1/(1 + e^z) loses digits as z falls, and all of them once 1/(1 + e^z) rounds to 1 (z < −37); for z < 0 use e^z/(1 + e^z)" : ""));
        }
    }

    @Test
    @Order(6)
    @Points(2)
    @DisplayName("relu(z) is 0 for z ≤ 0 and z itself for z > 0")
    void reluKeepsThePositivePart(TestReporter reporter) throws Throwable {
        double[] z = {-2.0, -1e-9, 0.0, 1e-9, 3.5, 1e6};
        var cases = new PartialCredit(reporter);
        for (double zi : z) {
            cases.check(() -> {
                double expected = zi > 0 ? zi : 0.0;
                double actual = Activations.relu(zi);
                assertEquals(expected, actual, EXACT, () -> "relu(" + zi + ") should be " + expected + " but was " + actual
                        + (actual == 1.0 && zi != 1.0 ? ": ReLU passes z through unchanged, it is not a step" : "")
                        + (zi < 0 && actual == -zi ? ": ReLU is max(0, z), not |z|" : ""));
            });
        }
        cases.finish();
    }
}

package ch01;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import grader.Points;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch01-z and ch01-batch (and of a = σ(z), which uses ch01-sigmoid).
/// Expected values were computed by hand or independently in Python, not by the solution.
@Order(2)
@DisplayName("Neuron")
class NeuronTest {

    /// The worked example of chapter 1: w = (0.8, 0.3, −0.5), b = 0.1, x = (0.5, −1.2, 2.0).
    static final double[] W = {0.8, 0.3, -0.5};
    static final double B = 0.1;
    static final double[] X = {0.5, -1.2, 2.0};

    @Test
    @Order(1)
    @DisplayName("z = w·x + b on the worked example is 0.4 − 0.36 − 1.0 + 0.1 = −0.86")
    void weightedInputOfTheWorkedExample() {
        double actual = new Neuron(W, B).z(X);
        assertEquals(-0.86, actual, 1e-12, () -> "z for w=(0.8, 0.3, -0.5), x=(0.5, -1.2, 2.0), b=0.1 should be -0.86 but was "
                + actual + mistake(actual));
    }

    private static String mistake(double z) {
        if (Math.abs(z - (-0.96)) < 1e-9) {
            return ": the bias b is missing";
        }
        if (Math.abs(z - (-1.06)) < 1e-9) {
            return ": the bias is subtracted instead of added";
        }
        if (Math.abs(z - 0.14) < 1e-9) {
            return ": the last input is left out of the sum (check the loop bound)";
        }
        if (Math.abs(z - 0.86) < 1e-9) {
            return ": the sign is flipped";
        }
        return "";
    }

    @Test
    @Order(2)
    @DisplayName("z equals the bias b when every input is 0")
    void weightedInputOfZeroInputIsTheBias() {
        double actual = new Neuron(new double[] {2.0, -7.0}, 0.25).z(new double[] {0.0, 0.0});
        assertEquals(0.25, actual, 1e-15, () -> "z for x=(0, 0), b=0.25 should be 0.25 but was " + actual
                + (actual == 0 ? ": the bias b is missing" : ""));
    }

    @Test
    @Order(3)
    @Points(2)
    @DisplayName("z = Σ wᵢxᵢ + b on seeded random neurons with 1 to 10 inputs")
    void weightedInputOnRandomNeurons() {
        Random random = new Random(231);
        for (int n = 1; n <= 10; n++) {
            double[] w = gaussian(random, n);
            double[] x = gaussian(random, n);
            double b = random.nextGaussian();
            double expected = b;
            for (int i = 0; i < n; i++) {
                expected += w[i] * x[i];
            }
            double actual = new Neuron(w, b).z(x);
            double e = expected;
            int size = n;
            assertEquals(e, actual, 1e-12, () -> "z for a neuron with " + size + (size == 1 ? " input" : " inputs")
                    + " should be " + e + " but was " + actual);
        }
    }

    @Test
    @Order(4)
    @DisplayName("a = σ(z) on the worked example is σ(−0.86) = 0.29733934565526854")
    void activationOfTheWorkedExample() {
        double actual = new Neuron(W, B).a(X);
        assertEquals(0.29733934565526854, actual, 1e-12,
                () -> "a = σ(-0.86) should be 0.29733934565526854 but was " + actual);
    }

    @Test
    @Order(5)
    @DisplayName("a(X) of a batch gives one output per row, in order: a 2-input AND neuron on the four corners")
    void batchOfTheAndNeuron() {
        Neuron and = new Neuron(new double[] {20, 20}, -30);
        double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        // 1 / (1 + math.exp(-(20*x1 + 20*x2 - 30))) in Python
        double[] expected = {9.357622968839299e-14, 4.5397868702434395e-05, 4.5397868702434395e-05, 0.9999546021312976};
        double[] actual = and.a(corners);
        assertNotNull(actual, "a(X) returned null");
        assertEquals(4, actual.length, () -> "a(X) of 4 rows should have 4 outputs but had " + actual.length);
        assertArrayEquals(expected, actual, 1e-12, () -> "a(X) for the AND neuron w=(20, 20), b=-30 should be "
                + java.util.Arrays.toString(expected) + " but was " + java.util.Arrays.toString(actual));
    }

    @Test
    @Order(6)
    @DisplayName("a(X) equals a(x) row by row on a seeded random batch, and leaves X unchanged")
    void batchMatchesSingleInputs() {
        Random random = new Random(7);
        Neuron neuron = new Neuron(gaussian(random, 3), random.nextGaussian());
        double[][] batch = new double[5][];
        double[][] copy = new double[5][];
        for (int j = 0; j < batch.length; j++) {
            batch[j] = gaussian(random, 3);
            copy[j] = batch[j].clone();
        }
        double[] actual = neuron.a(batch);
        assertEquals(batch.length, actual.length, () -> "a(X) of 5 rows should have 5 outputs but had " + actual.length);
        for (int j = 0; j < batch.length; j++) {
            int row = j;
            // σ(z) written out here, so that this test checks the batch loop and not your sigmoid again.
            double z = neuron.b();
            for (int i = 0; i < 3; i++) {
                z += neuron.w()[i] * copy[j][i];
            }
            double expected = 1 / (1 + Math.exp(-z));
            if (Math.abs(actual[j] - expected) > 1e-12) {
                fail("output " + row + " of a(X) should be " + expected + " but was " + actual[row] + batchHint(neuron, copy, row, actual[row]));
            }
            assertArrayEquals(copy[j], batch[j], () -> "a(X) changed row " + row + " of its input X");
        }
        assertEquals(0, neuron.a(new double[0][]).length, "a(X) of an empty batch should be an empty array");
    }

    /// Why `output`, output `row` of a(X), is wrong, from your own a(x) of each row alone: equal to
    /// a(x) of this row, the loop over the rows is right and a(x) itself (z or σ) is wrong; equal
    /// to a(x) of another row, the rows are mixed up.
    private static String batchHint(Neuron neuron, double[][] rows, int row, double output) {
        if (Math.abs(neuron.a(rows[row]) - output) <= 1e-12) {
            return ": that is also your a(x) of this row alone, so the loop over the rows is right and a(x) itself is"
                    + " wrong (see the tests of z and σ above)";
        }
        for (int k = 0; k < rows.length; k++) {
            if (Math.abs(neuron.a(rows[k]) - output) <= 1e-12) {
                return ": that is your a(x) of row " + k + " (is each row used, in order?)";
            }
        }
        return ", and your a(x) of this row alone gives " + neuron.a(rows[row]) + ": does a(X) compute each row the way a(x) does?";
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

package ch10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import ch04.ChainRule;
import ch04.Gradient;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of `Value.backward()` as a whole: the topological order, the reverse walk and
/// every local rule together. Expected values are worked out by hand, come from chapter 4's
/// hand-derived `ChainRule.neuron`, or from centred differences of the forward value.
@Order(3)
@DisplayName("backward()")
class BackwardTest {

    /// Two ways of computing the same gradient of a neuron: only the rounding may differ.
    static final double SAME = 1e-12;

    @Test
    @Order(1)
    @DisplayName("chapter 4's worked example: ∂C/∂w = (−0.25, −0.5), ∂C/∂b = −0.25, ∂C/∂x = δ·w = (−0.125, 0.075), ∂C/∂z = −0.25")
    void workedExample() {
        // by hand: z = 0.5 − 0.6 + 0.1 = 0, a = 1/2, ∂C/∂a = 2(a − 1) = −1, δ = ∂C/∂z = −1 · 1/4
        NeuronGraph g = NeuronGraph.of(new double[] {0.5, -0.3}, 0.1, new double[] {1, 2}, 1);
        g.C().backward();
        assertEquals(1, g.C().grad(), SAME, "∂C/∂C must be 1 after C.backward(), the seed of the chain rule");
        double dCda = g.a().grad();
        assertEquals(-1, dCda, SAME, () -> "∂C/∂a = 2(a − y) should be −1 for a = 0.5, y = 1 but was " + dCda
                + (dCda == 0 ? ": nothing reached a; the rules must run from C (the last node of the order) back to the first" : ""));
        assertEquals(-0.25, g.z().grad(), SAME, "∂C/∂z = ∂C/∂a · σ'(z) = −1 · 1/4 = −0.25");
        assertEquals(-0.25, g.w()[0].grad(), SAME, "∂C/∂w1 = δ·x1 = −0.25 · 1");
        assertEquals(-0.5, g.w()[1].grad(), SAME, "∂C/∂w2 = δ·x2 = −0.25 · 2");
        assertEquals(-0.25, g.b().grad(), SAME, "∂C/∂b = δ = −0.25");
        assertEquals(-0.125, g.x()[0].grad(), SAME, "∂C/∂x1 = δ·w1 = −0.25 · 0.5");
        assertEquals(0.075, g.x()[1].grad(), SAME, "∂C/∂x2 = δ·w2 = −0.25 · (−0.3)");
    }

    @Test
    @Order(2)
    @DisplayName("backward() equals chapter 4's hand-derived ∂C/∂w and ∂C/∂b on 200 seeded random neurons (to 1e-12)")
    void equalsChapter4() {
        Random random = new Random(4);
        for (int k = 0; k < 200; k++) {
            int n = 1 + random.nextInt(6);
            double[] w = gaussian(random, n), x = gaussian(random, n);
            double b = random.nextGaussian(), y = random.nextDouble();
            NeuronGraph g = NeuronGraph.of(w, b, x, y);
            g.C().backward();
            Gradient byHand = ChainRule.neuron(w, b, x, y);
            double[] dw = Arrays.stream(g.w()).mapToDouble(Value::grad).toArray();
            String input = "w=" + Arrays.toString(w) + ", b=" + b + ", x=" + Arrays.toString(x) + ", y=" + y;
            assertClose(byHand.dw(), dw, "∂C/∂w by backward() for " + input);
            assertEquals(byHand.db(), g.b().grad(), SAME, () -> "∂C/∂b by backward() for " + input + " should be chapter 4's "
                    + byHand.db() + " but was " + g.b().grad());
        }
    }

    @Test
    @Order(3)
    @DisplayName("a batch reuses w and b once per example: backward() equals chapter 4's batch gradient (the mean of the examples')")
    void equalsChapter4Batch() {
        Random random = new Random(44);
        for (int k = 0; k < 50; k++) {
            int n = 1 + random.nextInt(4), m = 1 + random.nextInt(6);
            double[] w0 = gaussian(random, n);
            double b0 = random.nextGaussian();
            double[][] X = new double[m][];
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                X[j] = gaussian(random, n);
                y[j] = random.nextInt(2);
            }
            Value[] w = NeuronGraph.leaves("w", w0);
            Value b = new Value(b0, "b");
            NeuronGraph.batchCost(w, b, X, y).backward();
            Gradient byHand = ChainRule.neuron(w0, b0, X, y);
            String input = "a batch of m=" + m + (m == 1 ? " example" : " examples") + " with n=" + n + (n == 1 ? " input" : " inputs");
            double[] dw = Arrays.stream(w).mapToDouble(Value::grad).toArray();
            String hint = m > 1 ? " (w and b are used by all " + m + " examples: their gradients are the sums of the examples' shares)" : "";
            assertClose(byHand.dw(), dw, "∂C/∂w by backward() for " + input + hint);
            assertEquals(byHand.db(), b.grad(), SAME, "∂C/∂b by backward() for " + input);
        }
    }

    @Test
    @Order(4)
    @DisplayName("f = x·y + x at x = 3, y = −2: x is used twice, ∂f/∂x = y + 1 = −1 (not only one of the shares) and ∂f/∂y = x = 3")
    void reusedAcrossNodes() {
        Value x = new Value(3, "x"), y = new Value(-2, "y");
        Value f = x.mul(y).add(x);
        f.backward();
        double actual = x.grad();
        String hint = Math.abs(actual + 2) < 1e-12 ? ": that is only the share y of x·y; the share 1 of + x was lost (replaced: use +=)"
                : Math.abs(actual - 1) < 1e-12 ? ": that is only the share 1 of + x; the share y of x·y was lost (replaced: use +=; or the rules ran in the wrong order)" : "";
        assertEquals(-1, actual, SAME, () -> "∂f/∂x for f = x·y + x at x = 3, y = −2 should be y + 1 = −1 but was " + actual + hint);
        assertEquals(3, y.grad(), SAME, "∂f/∂y for f = x·y + x at x = 3 should be x = 3");
    }

    @Test
    @Order(5)
    @DisplayName("every operation in one formula, each input used several times: backward() against centred differences at 50 seeded points")
    void everyOperation() {
        Random random = new Random(10);
        for (int k = 0; k < 50; k++) {
            double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            // ReLU's input c stays away from its kink at 0
            v[2] += Math.copySign(0.2, v[2]);
            Value a = new Value(v[0], "a"), b = new Value(v[1], "b"), c = new Value(v[2], "c");
            Value f = formula(a, b, c);
            f.backward();
            double[] numeric = GradCheck.numericGradient(u -> formula(new Value(u[0]), new Value(u[1]), new Value(u[2])).data(), v);
            double[] analytic = {a.grad(), b.grad(), c.grad()};
            GradCheck.Report report = GradCheck.compare("∂f/∂(a, b, c)", analytic, numeric);
            String at = Arrays.toString(v);
            assertTrue(report.passes(), () -> "f = tanh(a·b − c) + log(σ(a) + 1)·ReLU(c) + (b² + 1)/eᶜ + a³ at (a, b, c) = " + at
                    + ": backward() gives " + Arrays.toString(analytic) + ", centred differences " + Arrays.toString(numeric)
                    + " (relative error " + "%.1e".formatted(report.relError()) + "); the rules of ValueTest pass one by one?");
        }
    }

    /// f = tanh(a·b − c) + log(σ(a) + 1)·ReLU(c) + (b² + 1)/eᶜ + a³.
    private static Value formula(Value a, Value b, Value c) {
        Value first = a.mul(b).sub(c).tanh();
        Value second = a.sigmoid().add(1).log().mul(c.relu());
        Value third = b.pow(2).add(1).div(c.exp());
        return first.add(second).add(third).add(a.pow(3));
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": wrong length");
        for (int i = 0; i < expected.length; i++) {
            int index = i;
            assertEquals(expected[i], actual[i], SAME, () -> what + " should be chapter 4's " + Arrays.toString(expected)
                    + " but was " + Arrays.toString(actual) + " (entry " + index + ")");
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

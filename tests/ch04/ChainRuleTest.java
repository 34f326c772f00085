package ch04;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch04-neuron-backward and ch04-batch-backward.
///
/// Expected values were worked out by hand (the worked example of chapter 4) or computed
/// independently in Python, or come from a centred-difference gradient of the cost
/// (bp.GradCheck on the given `ChainRule.cost`), never from the solution. When a result is
/// wrong, [#mistake] recomputes the gradient with each typical mistake to name the one it
/// looks like.
@Order(1)
@DisplayName("ChainRule")
class ChainRuleTest {

    /// Hand-computed and Python values are exact to the last few bits of a double.
    static final double EXACT = 1e-12;

    /// A correct gradient of these smooth costs agrees with the centred difference (h = 1e-5)
    /// to about 1e-9 or better; a wrong one is off by 1e-2 or more.
    static final double GRADCHECK = 1e-7;

    /// The worked example of chapter 4: w = (0.5, −0.3), b = 0.1, x = (1, 2), y = 1. By hand:
    /// z = 0.5 − 0.6 + 0.1 = 0, a = σ(0) = 1/2, ∂C/∂a = 2(a − y) = −1, σ'(0) = 1/4, so
    /// δ = −1/4, ∂C/∂w = δ·x = (−0.25, −0.5) and ∂C/∂b = δ = −0.25.
    static final double[] W = {0.5, -0.3};
    static final double B = 0.1;
    static final double[] X = {1.0, 2.0};
    static final double Y = 1.0;

    @Test
    @Order(1)
    @DisplayName("the worked example: ∂C/∂w = 2(a − y)·σ'(z)·x = (−0.25, −0.5) and ∂C/∂b = −0.25")
    void workedExample() {
        Gradient actual = ChainRule.neuron(W, B, X, Y);
        checkGradient("w=(0.5, -0.3), b=0.1, x=(1, 2), y=1 (z = 0, a = 0.5)", W, B, X, Y,
                new double[] {-0.25, -0.5}, -0.25, actual);
    }

    @Test
    @Order(2)
    @DisplayName("a second example with z = 0.2 and target y = 0, against values computed in Python")
    void secondExample() {
        double[] w = {0.8, -0.4, 0.3};
        double b = -0.2;
        double[] x = {1.5, 0.5, -2.0};
        double y = 0.0;
        // Python: z = 0.2, a = 1/(1 + exp(-z)), d = 2*(a - y)*a*(1 - a), dw = [d*xi for xi in x], db = d
        double[] dw = {0.4082790797257396, 0.13609302657524655, -0.5443721063009862};
        double db = 0.2721860531504931;
        checkGradient("w=(0.8, -0.4, 0.3), b=-0.2, x=(1.5, 0.5, -2), y=0 (z = 0.2)", w, b, x, y, dw, db,
                ChainRule.neuron(w, b, x, y));
    }

    @Test
    @Order(3)
    @DisplayName("∂C/∂w and ∂C/∂b match a centred-difference gradient of C on seeded random neurons")
    void matchesNumericalGradientOnRandomNeurons() {
        Random random = new Random(231);
        for (int n = 1; n <= 6; n++) {
            double[] w = gaussian(random, n);
            double b = random.nextGaussian();
            double[] x = gaussian(random, n);
            double y = random.nextDouble();
            double[] expected = numerical(w, b, new double[][] {x}, new double[] {y});
            Gradient actual = ChainRule.neuron(w, b, x, y);
            String input = "w=" + Arrays.toString(w) + ", b=" + b + ", x=" + Arrays.toString(x) + ", y=" + y;
            checkAgainstNumerical(input, expected, actual, mistake(w, b, x, y, actual));
        }
    }

    @Test
    @Order(4)
    @DisplayName("the gradient is 0 when the output already equals the target (a = y)")
    void zeroWhenTheOutputIsTheTarget() {
        // z = 0.5 − 0.6 + 0.1 = 0, so a = 0.5; with y = 0.5 the cost (a − y)² is at its minimum 0
        Gradient actual = ChainRule.neuron(W, B, X, 0.5);
        assertNotNull(actual, "neuron(...) returned null");
        assertNotNull(actual.dw(), "the gradient's dw is null");
        assertArrayEquals(new double[] {0, 0}, actual.dw(), EXACT, () -> "for w=(0.5, -0.3), b=0.1, x=(1, 2) "
                + "and y=0.5 the output a = 0.5 equals y, so ∂C/∂a = 2(a − y) = 0 and ∂C/∂w should be (0, 0), "
                + "but was " + Arrays.toString(actual.dw()) + ": ∂C/∂a must be 2(a − y), not 2a or 2y");
        assertEquals(0, actual.db(), EXACT,
                () -> "for a = y = 0.5, ∂C/∂b should be 0 but was " + actual.db());
    }

    @Test
    @Order(5)
    @DisplayName("neuron(w, b, x, y) leaves w and x unchanged")
    void leavesItsInputsAlone() {
        double[] w = {0.7, -1.2, 0.4};
        double[] x = {0.3, 0.9, -2.5};
        double[] wCopy = w.clone();
        double[] xCopy = x.clone();
        Gradient actual = ChainRule.neuron(w, 0.3, x, 1.0);
        assertNotNull(actual, "neuron(...) returned null");
        assertArrayEquals(wCopy, w,
                () -> "neuron(...) changed w from " + Arrays.toString(wCopy) + " to " + Arrays.toString(w));
        assertArrayEquals(xCopy, x,
                () -> "neuron(...) changed x from " + Arrays.toString(xCopy) + " to " + Arrays.toString(x));
        assertTrue(actual.dw() != w && actual.dw() != x,
                "the gradient's dw must be a new array, not w or x itself (the caller still needs those)");
    }

    @Test
    @Order(6)
    @DisplayName("a batch: the gradient of the mean cost (1/m) Σ (aⱼ − yⱼ)² of three examples, against Python")
    void batchExample() {
        double[][] batch = {{1.0, 2.0}, {-1.0, 0.5}, {2.0, -1.0}};
        double[] y = {1.0, 0.0, 0.0};
        // Python: the mean over the three rows of the single-example gradients 2(a − y)·a(1 − a)·x
        double[] dw = {0.029803731325274214, -0.22323519899597044};
        double db = 0.05811853826516327;
        Gradient actual = ChainRule.neuron(W, B, batch, y);
        String input = "w=(0.5, -0.3), b=0.1, X=((1, 2), (-1, 0.5), (2, -1)), y=(1, 0, 0)";
        assertNotNull(actual, "neuron(w, b, X, y) returned null");
        assertNotNull(actual.dw(), "the gradient's dw is null");
        assertEquals(2, actual.dw().length,
                () -> "dw must have one entry per weight (2) but had " + actual.dw().length);
        String hint = batchMistake(W, B, batch, y, actual);
        assertArrayEquals(dw, actual.dw(), EXACT, () -> "∂C/∂w for " + input + " should be "
                + Arrays.toString(dw) + " but was " + Arrays.toString(actual.dw()) + hint);
        assertEquals(db, actual.db(), EXACT, () -> "∂C/∂b for " + input + " should be " + db + " but was "
                + actual.db() + hint);
    }

    @Test
    @Order(7)
    @DisplayName("a batch of one example gives that example's gradient, and repeating the row changes nothing")
    void batchIsAMean() {
        Gradient one = ChainRule.neuron(W, B, new double[][] {X}, new double[] {Y});
        assertNotNull(one, "neuron(w, b, X, y) returned null");
        String hint = singleRowMistake(W, B, X, Y, -0.25);
        assertArrayEquals(new double[] {-0.25, -0.5}, one.dw(), EXACT, () -> "a batch with the single row "
                + "x=(1, 2), y=1 should give the worked example's ∂C/∂w = (-0.25, -0.5) but gave "
                + Arrays.toString(one.dw()) + hint);
        assertEquals(-0.25, one.db(), EXACT, () -> "a batch with the single row x=(1, 2), y=1 should give "
                + "∂C/∂b = -0.25 but gave " + one.db() + hint);
        // the same example four times: the mean of four equal gradients is that gradient
        double[][] four = {X, X, X, X};
        Gradient actual = ChainRule.neuron(W, B, four, new double[] {Y, Y, Y, Y});
        String sum = ": that is the sum of the four; the 1/m is missing";
        assertEquals(-0.25, actual.db(), EXACT, () -> "a batch of the row x=(1, 2), y=1 four times should give "
                + "the mean ∂C/∂b = -0.25 but gave " + actual.db()
                + (Math.abs(actual.db() + 1.0) < 1e-9 ? sum : ""));
        assertArrayEquals(new double[] {-0.25, -0.5}, actual.dw(), EXACT, () -> "a batch of the row x=(1, 2), "
                + "y=1 four times should give ∂C/∂w = (-0.25, -0.5) but gave " + Arrays.toString(actual.dw())
                + (Math.abs(actual.dw()[0] + 1.0) < 1e-9 ? sum : ""));
    }

    @Test
    @Order(8)
    @DisplayName("the batch gradient matches a centred difference of the mean cost on a seeded random batch")
    void batchMatchesNumericalGradient() {
        Random random = new Random(231);
        int m = 7;
        int n = 4;
        double[] w = gaussian(random, n);
        double b = random.nextGaussian();
        double[][] batch = new double[m][];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            batch[j] = gaussian(random, n);
            y[j] = random.nextInt(2);
        }
        double[][] batchCopy = Arrays.stream(batch).map(double[]::clone).toArray(double[][]::new);
        double[] expected = numerical(w, b, batch, y);
        Gradient actual = ChainRule.neuron(w, b, batch, y);
        checkAgainstNumerical("a random batch of m=7 examples with n=4 inputs", expected, actual,
                batchMistake(w, b, batch, y, actual));
        for (int j = 0; j < m; j++) {
            int row = j;
            assertArrayEquals(batchCopy[j], batch[j],
                    () -> "neuron(w, b, X, y) changed row " + row + " of X");
        }
    }

    // ---- helpers ----

    /// Asserts that `actual` is the gradient (dw, db) of the example, with a hint for a typical mistake.
    private static void checkGradient(String input, double[] w, double b, double[] x, double y,
            double[] dw, double db, Gradient actual) {
        assertNotNull(actual, "neuron(...) returned null");
        assertNotNull(actual.dw(), "the gradient's dw is null");
        assertEquals(dw.length, actual.dw().length, () -> "dw must have one entry per weight (" + dw.length
                + ") but had " + actual.dw().length);
        String hint = mistake(w, b, x, y, actual);
        assertEquals(db, actual.db(), EXACT, () -> "∂C/∂b for " + input + " should be " + db + " but was "
                + actual.db() + hint);
        assertArrayEquals(dw, actual.dw(), EXACT, () -> "∂C/∂w for " + input + " should be "
                + Arrays.toString(dw) + " but was " + Arrays.toString(actual.dw()) + hint);
    }

    /// Asserts that (dw, db) of `actual` agree with the numerical gradient `expected`, which is
    /// (∂C/∂w₁, …, ∂C/∂wₙ, ∂C/∂b).
    private static void checkAgainstNumerical(String input, double[] expected, Gradient actual, String hint) {
        assertNotNull(actual, "neuron(...) returned null");
        assertNotNull(actual.dw(), "the gradient's dw is null");
        int n = expected.length - 1;
        assertEquals(n, actual.dw().length, () -> "dw must have one entry per weight (" + n + ") but had "
                + actual.dw().length);
        double[] analytic = Arrays.copyOf(actual.dw(), n + 1);
        analytic[n] = actual.db();
        double error = GradCheck.maxRelError(analytic, expected);
        assertTrue(error < GRADCHECK, () -> "for " + input + " the gradient (dw..., db) should match the "
                + "centred difference " + Arrays.toString(expected) + " (relative error < 1e-7; a correct one "
                + "reaches ~1e-9) but was " + Arrays.toString(analytic) + ", relative error "
                + "%.1e".formatted(error) + hint);
    }

    /// The centred-difference gradient of the given mean cost `ChainRule.cost` with respect to
    /// (w₁, …, wₙ, b): length n + 1, the bias last.
    private static double[] numerical(double[] w, double b, double[][] batch, double[] y) {
        double[] p = Arrays.copyOf(w, w.length + 1);
        p[w.length] = b;
        ToDoubleFunction<double[]> cost =
                q -> ChainRule.cost(Arrays.copyOf(q, w.length), q[w.length], batch, y);
        return GradCheck.numericGradient(cost, p, 1e-5);
    }

    /// Recomputes δ = ∂C/∂z of one example with each typical mistake and names the one whose ∂C/∂b
    /// equals `actual.db()`; "" when none does. (Only for hints: the expected values come from elsewhere.)
    static String mistake(double[] w, double b, double[] x, double y, Gradient actual) {
        if (actual == null || actual.dw() == null) {
            return "";
        }
        double z = b;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        double a = sigma(z);
        double delta = 2 * (a - y) * a * (1 - a);
        if (close(actual.db(), delta) && actual.dw().length == x.length) {
            boolean dwIsDb = true;
            boolean missingX = false;
            for (int i = 0; i < x.length; i++) {
                dwIsDb &= close(actual.dw()[i], actual.db());
                missingX |= x[i] != 1;
            }
            return dwIsDb && missingX ? ": every ∂C/∂wᵢ equals ∂C/∂b; the factor ∂z/∂wᵢ = xᵢ is missing" : "";
        }
        double[][] candidates = {
            {2 * (a - y) * sigma(a) * (1 - sigma(a)), 0},
            {2 * (a - y) * z * (1 - z), 1},
            {-delta, 2},
            {delta / 2, 3},
            {2 * (a - y), 4},
            {2 * (a - y) * a, 5},
            {-delta / 2, 6},
        };
        String[] hints = {
            ": it looks like σ' was evaluated at a: σ'(a) = σ(a)(1 − σ(a)); "
                    + "the factor is σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)",
            ": it looks like σ'(z) was computed as z(1 − z); "
                    + "the factor is σ(z)(1 − σ(z)) = a(1 − a), with a = σ(z)",
            ": the sign is flipped; ∂C/∂a = 2(a − y), not 2(y − a)",
            ": it is half the right value; the 2 of ∂C/∂a = 2(a − y) (from the square) is missing",
            ": the factor ∂a/∂z = σ'(z) = a(1 − a) is missing",
            ": it looks like σ(z) was used instead of σ'(z) = σ(z)(1 − σ(z))",
            ": both the 2 of ∂C/∂a = 2(a − y) is missing and the sign is flipped",
        };
        for (double[] candidate : candidates) {
            if (close(actual.db(), candidate[0])) {
                return hints[(int) candidate[1]];
            }
        }
        return "";
    }

    /// Names the batch mistake that `actual` looks like: the sum instead of the mean, only one row, or a
    /// mistake of the single-example gradient (checked on the first row when the batch has one).
    static String batchMistake(double[] w, double b, double[][] batch, double[] y, Gradient actual) {
        if (actual == null || actual.dw() == null) {
            return "";
        }
        int m = batch.length;
        double mean = 0;
        double first = 0;
        double last = 0;
        for (int j = 0; j < m; j++) {
            double z = b;
            for (int i = 0; i < w.length; i++) {
                z += w[i] * batch[j][i];
            }
            double a = sigma(z);
            double delta = 2 * (a - y[j]) * a * (1 - a);
            mean += delta / m;
            first = j == 0 ? delta : first;
            last = delta;
        }
        if (close(actual.db(), m * mean)) {
            return ": that is " + m + " times the right value, the sum over the batch; "
                    + "the 1/m of the mean is missing";
        }
        if (close(actual.db(), last) || close(actual.db(), first)) {
            return ": that is the gradient of one row only; "
                    + "add up the gradients of all m rows (+=, not =), then divide by m";
        }
        if (close(actual.db(), mean / m)) {
            return ": it is divided by m twice";
        }
        return singleRowMistake(w, b, batch[0], y[0], first);
    }

    /// When the single-example gradient is already wrong on a row (whose right ∂C/∂b is `delta`),
    /// says so, with the hint for that mistake; "" otherwise.
    private static String singleRowMistake(double[] w, double b, double[] x, double y, double delta) {
        try {
            Gradient single = ChainRule.neuron(w, b, x, y);
            if (single != null && !close(single.db(), delta)) {
                return ": neuron(w, b, x, y) is already wrong for the first row alone, fix it first"
                        + mistake(w, b, x, y, single);
            }
        } catch (RuntimeException e) {
            return "";
        }
        return "";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    }

    /// σ(z) written out here, so that the hints do not depend on the code under test.
    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

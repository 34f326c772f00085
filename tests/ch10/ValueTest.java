package ch10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import bp.GradCheck;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of the local rules of `Value`, exercises ch10-add to ch10-relu, one operation at
/// a time: out = a ∘ b is computed (the forward pass is given code), then its rule runs once
/// with `out.propagate()` and ∂C/∂out = [#G] while the inputs already hold the gradients [#PRIOR_A]
/// and [#PRIOR_B] from other uses. The rule must add G times the local slope to each, and the
/// slopes are centred differences of the forward value (bp.GradCheck), not the solution's rule.
/// When the result is wrong, the test recomputes it with each typical mistake to name the one
/// it looks like.
@Order(2)
@DisplayName("Value")
class ValueTest {

    /// ∂C/∂out, the gradient that reaches the node from above.
    static final double G = 0.7;

    /// What the inputs' gradients hold before the rule runs: shares from their other uses.
    static final double PRIOR_A = 0.3, PRIOR_B = -0.2;

    /// A correct rule agrees with centred differences of these smooth operations to about 1e-9;
    /// a wrong one is off by 0.1 or more.
    static final double TOLERANCE = 1e-6;

    /// A typical mistake: its hint and the local slopes ∂out/∂a, ∂out/∂b it computes instead.
    record Mistake(String hint, DoubleBinaryOperator slopeA, DoubleBinaryOperator slopeB) {}

    @Test
    @Order(1)
    @DisplayName("a + b: ∂/∂a = 1 and ∂/∂b = 1, times ∂C/∂out, added to the inputs' gradients; a + a gives 2")
    void add() {
        checkRule("a + b", Value::add, new double[][] {{3, -2}, {0, 0}}, v -> v, List.of(), 2);
        reused("a + a", Value::add, 1.5, 2, 1);
    }

    @Test
    @Order(2)
    @DisplayName("a − b: ∂/∂a = 1 and ∂/∂b = −1; a − a gives 0")
    void sub() {
        checkRule("a − b", Value::sub, new double[][] {{3, -2}, {0, 0}}, v -> v, List.of(
                new Mistake(": ∂(a − b)/∂b is −1, so b.grad -= out.grad", (a, b) -> 1, (a, b) -> 1)), 2);
        reused("a − a", Value::sub, 1.5, 0, -1);
    }

    @Test
    @Order(3)
    @DisplayName("a · b: ∂/∂a = b and ∂/∂b = a (each input gets the other one); a · a gives 2a")
    void mul() {
        checkRule("a · b", Value::mul, new double[][] {{3, -2}, {0, -2}, {0, 0}}, v -> v, List.of(
                new Mistake(": each input's slope is the other input: ∂(a·b)/∂a = b, ∂(a·b)/∂b = a", (a, b) -> a, (a, b) -> b)), 2);
        reused("a · a", Value::mul, 1.5, 3, 1.5);
    }

    @Test
    @Order(4)
    @DisplayName("a ÷ b: ∂/∂a = 1/b and ∂/∂b = −a/b²; a ÷ a gives 0")
    void div() {
        checkRule("a ÷ b", Value::div, new double[][] {{3, -2}, {0, -2}}, v -> new double[] {v[0], Math.copySign(0.5 + Math.abs(v[1]), v[1])},
                List.of(new Mistake(": ∂(a/b)/∂b is −a/b², with a minus sign", (a, b) -> 1 / b, (a, b) -> a / (b * b)),
                        new Mistake(": ∂(a/b)/∂b is −a/b², b squared", (a, b) -> 1 / b, (a, b) -> -a / b),
                        new Mistake(": ∂(a/b)/∂b is −a/b², with a on top", (a, b) -> 1 / b, (a, b) -> -1 / (b * b))), 2);
        reused("a ÷ a", Value::div, 1.5, 0, -1 / 1.5);
    }

    @Test
    @Order(5)
    @DisplayName("aⁿ: ∂/∂a = n·aⁿ⁻¹ for n = 2, 3, 0.5 and −1 (2·3 = 6 at a = 3, n = 2), also at a = 0 for n = 2 and 3")
    void pow() {
        for (double n : new double[] {2, 3, 0.5, -1}) {
            // at a = 0 the slope n·0ⁿ⁻¹ is 0 for n = 2 and 3, where n·out/a would be 0/0
            double[][] fixed = n >= 1 ? new double[][] {{3, 0}, {0, 0}} : new double[][] {{3, 0}};
            checkRule("a^" + n, (p, q) -> p.pow(n), fixed, v -> new double[] {0.3 + Math.abs(v[0]), v[1]},
                    List.of(new Mistake(": the slope is n·aⁿ⁻¹, not n·aⁿ", (a, b) -> n * Math.pow(a, n), (a, b) -> 0),
                            new Mistake(": the slope is n·aⁿ⁻¹, the factor n is missing", (a, b) -> Math.pow(a, n - 1), (a, b) -> 0),
                            new Mistake(": the slope is n·aⁿ⁻¹, not (n − 1)·aⁿ⁻¹", (a, b) -> (n - 1) * Math.pow(a, n - 1), (a, b) -> 0)), 1);
        }
    }

    @Test
    @Order(6)
    @DisplayName("eᵃ: ∂/∂a = eᵃ, the output itself")
    void exp() {
        checkRule("exp(a)", (p, q) -> p.exp(), new double[][] {{0, 0}, {1, 0}}, v -> v, List.of(
                new Mistake(": the slope of eᵃ is eᵃ (out.data), not a", (a, b) -> a, (a, b) -> 0),
                new Mistake(": the slope of eᵃ is eᵃ, not eᵃ⁻¹", (a, b) -> Math.exp(a - 1), (a, b) -> 0)), 1);
    }

    @Test
    @Order(7)
    @DisplayName("ln a: ∂/∂a = 1/a (0.5 at a = 2)")
    void log() {
        checkRule("log(a)", (p, q) -> p.log(), new double[][] {{2, 0}}, v -> new double[] {0.2 + Math.abs(v[0]), v[1]}, List.of(
                new Mistake(": the slope of ln a is 1/a, not a", (a, b) -> a, (a, b) -> 0),
                new Mistake(": the slope of ln a is 1/a, not 1/ln a (1/out)", (a, b) -> 1 / Math.log(a), (a, b) -> 0),
                new Mistake(": the slope of ln a is 1/a, not −1/a²", (a, b) -> -1 / (a * a), (a, b) -> 0)), 1);
    }

    @Test
    @Order(8)
    @DisplayName("tanh a: ∂/∂a = 1 − tanh² a = 1 − out² (1 at a = 0)")
    void tanh() {
        checkRule("tanh(a)", (p, q) -> p.tanh(), new double[][] {{0, 0}, {1, 0}}, v -> v, List.of(
                new Mistake(": the slope is 1 − out² with out = tanh a, not 1 − a² of the input a", (a, b) -> 1 - a * a, (a, b) -> 0),
                new Mistake(": the slope is 1 − out², not 1 − out", (a, b) -> 1 - Math.tanh(a), (a, b) -> 0)), 1);
    }

    @Test
    @Order(9)
    @DisplayName("σ(a): ∂/∂a = σ(a)(1 − σ(a)) = out(1 − out) (1/4 at a = 0)")
    void sigmoid() {
        checkRule("σ(a)", (p, q) -> p.sigmoid(), new double[][] {{0, 0}, {2, 0}}, v -> v, List.of(
                new Mistake(": the slope is out(1 − out) with out = σ(a), not a(1 − a) of the input a", (a, b) -> a * (1 - a), (a, b) -> 0),
                new Mistake(": the slope is σ(a)(1 − σ(a)), not σ(a)", (a, b) -> sigma(a), (a, b) -> 0)), 1);
    }

    @Test
    @Order(10)
    @DisplayName("ReLU a: ∂/∂a = 1 for a > 0, 0 for a < 0, and 0 at a = 0 (chapter 2's convention)")
    void relu() {
        List<Mistake> mistakes = List.of(new Mistake(": the slope of ReLU is 1 where a > 0 and 0 elsewhere; the gradient passes unchanged, not times a",
                (a, b) -> Math.max(0, a), (a, b) -> 0));
        checkRule("ReLU(a)", (p, q) -> p.relu(), new double[][] {{2, 0}, {-1, 0}}, v -> new double[] {v[0] + Math.copySign(0.1, v[0]), v[1]},
                mistakes, 1);
        Value a = new Value(0, "a");
        Value out = a.relu();
        a.setGrad(PRIOR_A);
        out.setGrad(G);
        out.propagate();
        double actual = a.grad();
        assertEquals(PRIOR_A, actual, 1e-15, () -> "ReLU at a = 0 with a.grad = " + PRIOR_A + " and out.grad = " + G
                + ": a.grad should stay " + PRIOR_A + " (ReLU'(0) = 0, chapter 2's convention) but became " + actual
                + (Math.abs(actual - PRIOR_A - G) < 1e-12 ? ": use a > 0, not a >= 0" : ""));
    }

    // ---- helpers ----

    /// Checks the rule of `op` (unary operations ignore b) at the `fixed` points and at 5 seeded
    /// random ones drawn from N(0, 1)² and moved into its domain by `domain`; `arity` is 1 or 2.
    private static void checkRule(String name, BinaryOperator<Value> op, double[][] fixed,
            UnaryOperator<double[]> domain, List<Mistake> mistakes, int arity) {
        Random random = new Random(name.hashCode());
        for (int k = 0; k < fixed.length + 5; k++) {
            double[] v = k < fixed.length ? fixed[k] : domain.apply(new double[] {random.nextGaussian(), random.nextGaussian()});
            checkAt(name, op, v[0], v[1], mistakes, arity);
        }
    }

    /// One check of the rule of `op` at (a, b); see the class comment.
    private static void checkAt(String name, BinaryOperator<Value> op, double a, double b, List<Mistake> mistakes, int arity) {
        Value A = new Value(a, "a"), B = new Value(b, "b");
        Value out = op.apply(A, B);
        A.setGrad(PRIOR_A);
        B.setGrad(PRIOR_B);
        out.setGrad(G);
        out.propagate();
        double[] slope = GradCheck.numericGradient(u -> op.apply(new Value(u[0]), new Value(u[1])).data(), new double[] {a, b});
        double expectedA = PRIOR_A + G * slope[0], expectedB = PRIOR_B + G * slope[1];
        if (Math.abs(A.grad() - expectedA) <= TOLERANCE && Math.abs(B.grad() - expectedB) <= TOLERANCE) {
            return;
        }
        String at = arity == 1 ? "a = " + a : "(a, b) = (" + a + ", " + b + ")";
        String result = arity == 1 ? "a.grad = " + A.grad() : "a.grad = " + A.grad() + ", b.grad = " + B.grad();
        String wanted = arity == 1 ? "a.grad = %.6f".formatted(expectedA) : "a.grad = %.6f, b.grad = %.6f".formatted(expectedA, expectedB);
        fail(name + " at " + at + ", with a.grad = " + PRIOR_A + (arity == 2 ? ", b.grad = " + PRIOR_B : "") + " before and out.grad = "
                + G + ": after out.propagate() expected " + wanted + " (before + out.grad · slope) but got " + result
                + hint(A.grad(), B.grad(), a, b, slope, mistakes, arity));
    }

    /// The hint for gradients `gA`, `gB` that are wrong: the first typical mistake they match,
    /// the operation's own mistakes first.
    private static String hint(double gA, double gB, double a, double b, double[] slope, List<Mistake> mistakes, int arity) {
        double slopeB = arity == 2 ? slope[1] : 0;
        for (Mistake mistake : mistakes) {
            if (near(gA, PRIOR_A + G * mistake.slopeA().applyAsDouble(a, b))
                    && near(gB, PRIOR_B + G * (arity == 2 ? mistake.slopeB().applyAsDouble(a, b) : 0))) {
                return mistake.hint();
            }
        }
        if (Double.isNaN(gA) || Double.isNaN(gB)) {
            return ": NaN; does the rule divide by an input, or by out, that is 0 here? (n·out/a is n·aⁿ⁻¹ only where a ≠ 0)";
        }
        if (near(gA, G * slope[0]) && (arity == 1 || near(gB, G * slopeB))) {
            return ": the gradients were set, not added to; use += (an input used elsewhere already holds part of its gradient)";
        }
        if (near(gA, PRIOR_A + slope[0]) && near(gB, PRIOR_B + slopeB)) {
            return ": multiply the local slope by ∂C/∂out, which is out.grad";
        }
        if (near(gA, PRIOR_A) && near(gB, PRIOR_B)) {
            return ": the rule did not change the inputs' gradients";
        }
        return "";
    }

    /// A node used twice, out = a ∘ a at `a` with ∂C/∂out = 1 and a.grad = 0 before: a.grad must
    /// become `expected`, the sum of the two shares; `lastShare` is the second share alone, what
    /// a rule that assigns (=) instead of adding (+=) leaves.
    private static void reused(String name, BinaryOperator<Value> op, double a, double expected, double lastShare) {
        Value A = new Value(a, "a");
        Value out = op.apply(A, A);
        out.setGrad(1);
        out.propagate();
        double actual = A.grad();
        assertEquals(expected, actual, 1e-12, () -> name + " at a = " + a + " with out.grad = 1: a is both inputs, so a.grad"
                + " should be the sum of both shares, " + expected + ", but was " + actual
                + (near(actual, lastShare) ? ": the second share replaced the first; use += for both inputs" : ""));
    }

    private static boolean near(double x, double y) {
        return Math.abs(x - y) <= TOLERANCE;
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

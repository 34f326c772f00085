package ch07;

import static ch07.Params.EXACT;
import static ch07.Params.gradient;
import static ch07.Params.row;
import static ch07.Params.same;
import static ch07.Params.show;
import static ch07.Params.theta;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ch06.Parameter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch07-nesterov: v ← μ v + g;  θ ← θ − η (g + μ v) (PyTorch's form).
///
/// The steps by hand use η = 0.25 and μ = 0.9 from θ₀ = (1, −2) with g₁ = (2, −4) and
/// g₂ = (1, 2), the same numbers as the momentum tests, so that plain momentum's answers
/// ((0.5, −1), then (−0.2, −0.6)) are recognised as such.
@Order(2)
@DisplayName("Nesterov")
class NesterovTest {

    @Test
    @Order(1)
    @DisplayName("the first step is (1 + μ) times the plain one: θ₁ = (1, −2) − 0.25·((2, −4) + 0.9·(2, −4)) = (0.05, −0.1)")
    void firstStepByHand() {
        Parameter p = row("theta", 1, -2);
        new Nesterov(0.25, 0.9).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        // by hand: v₁ = (2, −4); g + μ v₁ = (2, −4) + (1.8, −3.6) = (3.8, −7.6); θ₁ = (1, −2) − 0.25·(3.8, −7.6)
        String hint = same(actual, 0.5, -1) ? ": that is plain momentum (θ − η v); Nesterov steps by the gradient "
                + "plus μ times the new velocity, θ ← θ − η (g + μ v)"
                : same(actual, 1.95, -3.9) ? ": the step went uphill; θ ← θ − η (g + μ v)"
                : same(actual, 0, 0) ? ": that is θ − η (g + v); the velocity is weighted by μ"
                : same(actual, 0.55, -1.1) ? ": that is θ − η μ v; the gradient g itself is missing from the step"
                : same(actual, 1, -2) ? ": θ did not move" : "";
        assertArrayEquals(new double[] {0.05, -0.1}, actual, EXACT, () -> "one Nesterov step (η = 0.25, μ = 0.9) "
                + "from (1, -2) with g = (2, -4) should give (0.05, -0.1) but gave " + show(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("the second step: g₂ = (1, 2), v₂ = (2.8, −1.6), θ₂ = θ₁ − 0.25·((1, 2) + 0.9·v₂) = (−0.83, −0.24)")
    void secondStepByHand() {
        Parameter p = row("theta", 1, -2);
        Nesterov nesterov = new Nesterov(0.25, 0.9);
        nesterov.step(List.of(gradient(p, 2, -4)));
        nesterov.step(List.of(gradient(p, 1, 2)));
        double[] actual = theta(p);
        // by hand: v₂ = 0.9·(2, −4) + (1, 2) = (2.8, −1.6); g₂ + μ v₂ = (1, 2) + (2.52, −1.44) = (3.52, 0.56);
        // θ₂ = (0.05, −0.1) − 0.25·(3.52, 0.56) = (−0.83, −0.24)
        String hint = same(actual, -0.2, -0.6) ? ": that is plain momentum (θ ← θ − η v, or the look-ahead with the "
                + "old velocity, θ − η (g + μ v_old), which is the same); use the new v in θ − η (g + μ v)"
                : same(actual, -0.425, -1.05) ? ": the velocity was not kept from the first step (v ← g)"
                : "";
        assertArrayEquals(new double[] {-0.83, -0.24}, actual, EXACT, () -> "two Nesterov steps (η = 0.25, μ = 0.9) "
                + "from (1, -2) with g₁ = (2, -4), g₂ = (1, 2) should give (-0.83, -0.24) but gave " + show(actual) + hint);
    }

    @Test
    @Order(3)
    @DisplayName("a constant gradient: step k moves θ by η (g + μ v_k) with v_k = g (1 − μᵏ)/(1 − μ)")
    void constantGradient() {
        double eta = 0.1;
        double mu = 0.8;
        Parameter p = row("theta", 0, 0, 0);
        Nesterov nesterov = new Nesterov(eta, mu);
        double moved = 0;
        for (int k = 1; k <= 12; k++) {
            nesterov.step(List.of(gradient(p, 1, -2, 0.5)));
            // the velocity after k equal gradients is g (1 + μ + … + μ^(k−1))
            double velocity = (1 - Math.pow(mu, k)) / (1 - mu);
            moved += eta * (1 + mu * velocity);
            double[] expected = {-moved, 2 * moved, -0.5 * moved};
            double[] actual = theta(p);
            int steps = k;
            String hint = same(actual, moved, -2 * moved, 0.5 * moved) ? ": the steps went uphill" : "";
            assertArrayEquals(expected, actual, 1e-10, () -> "after " + steps + " Nesterov steps (η = 0.1, μ = 0.8) "
                    + "with the constant gradient g = (1, -2, 0.5) from θ = 0, θ should be " + show(expected)
                    + " but was " + show(actual) + hint);
        }
    }

    @Test
    @Order(4)
    @DisplayName("Nesterov with μ = 0 is SGD on every entry of a 3×4 parameter; the gradient is left alone")
    void zeroMomentumIsSgd() {
        Random random = new Random(231);
        Parameter p = Params.gaussian("W", 3, 4, random);
        Nesterov nesterov = new Nesterov(0.3, 0);
        for (int k = 0; k < 5; k++) {
            Params.randomGradient(p, random, 1);
            double[] g = Params.g(p);
            double[] before = theta(p);
            nesterov.step(List.of(p));
            double[] expected = new double[12];
            for (int i = 0; i < 12; i++) {
                expected[i] = before[i] - 0.3 * g[i];
            }
            double[] actual = theta(p);
            assertArrayEquals(expected, actual, EXACT, () -> "Nesterov with μ = 0 should take the plain step θ − η g "
                    + "on every entry of the 3×4 parameter, " + show(expected) + ", but gave " + show(actual));
            assertArrayEquals(g, Params.g(p), 0, "step changed the gradient; it should only read it");
        }
    }

    @Test
    @Order(5)
    @DisplayName("each parameter keeps its own velocity, found by its matrix: not shared, not by position in the list")
    void velocityPerParameter() {
        Parameter a = row("W", 1, -2);
        Parameter b = row("b", 0, 0);
        Nesterov nesterov = new Nesterov(0.25, 0.9);
        nesterov.step(List.of(gradient(a, 2, -4), gradient(b, -1, 1)));
        gradient(a, 1, 2);
        gradient(b, -1, 1);
        nesterov.step(List.of(new Parameter("b1", b.value(), b.gradient()), new Parameter("W1", a.value(), a.gradient())));
        // by hand: W as above, (−0.83, −0.24); b: v₁ = (−1, 1), b₁ = −0.25·1.9·(−1, 1) = (0.475, −0.475);
        // v₂ = (−1.9, 1.9), g + μ v₂ = (−2.71, 2.71), b₂ = (0.475 + 0.6775, −0.475 − 0.6775) = (1.1525, −1.1525)
        double[] a2 = theta(a);
        double[] b2 = theta(b);
        String hint = " (keep one velocity per parameter, found by its value matrix, whatever its name or its place"
                + " in the list)";
        assertArrayEquals(new double[] {-0.83, -0.24}, a2, EXACT, () -> "after two steps W should be (-0.83, -0.24) "
                + "but was " + show(a2) + hint);
        assertArrayEquals(new double[] {1.1525, -1.1525}, b2, EXACT, () -> "after two steps b should be "
                + "(1.1525, -1.1525) but was " + show(b2) + hint);
    }
}

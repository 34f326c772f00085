package ch07;

import static ch07.Params.EXACT;
import static ch07.Params.gradient;
import static ch07.Params.row;
import static ch07.Params.same;
import static ch07.Params.show;
import static ch07.Params.theta;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch06.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch07-momentum: v ← μ v + g;  θ ← θ − η v.
///
/// The steps by hand use η = 0.25 and μ = 0.9 from θ₀ = (1, −2) with the gradients g₁ = (2, −4)
/// and g₂ = (1, 2); the typical wrong answers are worked out next to the right one. The
/// properties compare with formulas written out here, never with the solution.
@Order(1)
@DisplayName("Momentum")
class MomentumTest {

    @Test
    @Order(1)
    @DisplayName("the first step from v = 0 is the plain step: θ₁ = (1, −2) − 0.25·(2, −4) = (0.5, −1)")
    void firstStepByHand() {
        Parameter p = row("theta", 1, -2);
        new Momentum(0.25, 0.9).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        // by hand: v₁ = 0.9·0 + (2, −4) = (2, −4); θ₁ = (1, −2) − 0.25·(2, −4) = (0.5, −1)
        String hint = same(actual, 1.5, -3) ? ": the step went uphill; with v ← μ v + g subtract η v (θ ← θ − η v), "
                + "or with v ← μ v − g add it, never mix the two"
                : same(actual, 1, -2) ? ": θ did not move; update v first, then move θ with the new v"
                : same(actual, 0.95, -1.9) ? ": that is v ← μ v + (1 − μ) g (a running mean); PyTorch's momentum "
                + "adds the whole gradient, v ← μ v + g"
                : same(actual, 0.875, -1.75) ? ": η was applied twice, in v and in θ; v ← μ v + g, θ ← θ − η v"
                : same(actual, 0.55, -1.1) ? ": that is v ← μ (v + g); μ multiplies only the old velocity"
                : "";
        assertArrayEquals(new double[] {0.5, -1}, actual, EXACT, () -> "one momentum step (η = 0.25, μ = 0.9) from "
                + "θ = (1, -2) with g = (2, -4) should give (0.5, -1) but gave " + show(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("the second step adds μ times the old velocity: g₂ = (1, 2) gives v₂ = (2.8, −1.6), θ₂ = (−0.2, −0.6)")
    void secondStepByHand() {
        Parameter p = row("theta", 1, -2);
        Momentum momentum = new Momentum(0.25, 0.9);
        momentum.step(List.of(gradient(p, 2, -4)));
        momentum.step(List.of(gradient(p, 1, 2)));
        double[] actual = theta(p);
        // by hand: v₂ = 0.9·(2, −4) + (1, 2) = (2.8, −1.6); θ₂ = (0.5, −1) − 0.25·(2.8, −1.6) = (−0.2, −0.6)
        String hint = same(actual, 0.25, -1.5) ? ": the second step ignored the first gradient (v ← g): keep the "
                + "velocity from step to step, v ← μ v + g"
                : same(actual, 2.2, -3.4) ? ": the steps went uphill; θ ← θ − η v"
                : same(actual, 0.5, -1) ? ": the second step did not move θ"
                : "";
        assertArrayEquals(new double[] {-0.2, -0.6}, actual, EXACT, () -> "two momentum steps (η = 0.25, μ = 0.9) "
                + "from (1, -2) with g₁ = (2, -4), g₂ = (1, 2) should give (-0.2, -0.6) but gave " + show(actual) + hint);
    }

    @Test
    @Order(3)
    @DisplayName("a constant gradient: after k steps θ moved by η g Σⱼ (1 − μʲ)/(1 − μ), the velocity tending to g/(1 − μ)")
    void constantGradient() {
        double eta = 0.1;
        double mu = 0.8;
        Parameter p = row("theta", 0, 0, 0);
        Momentum momentum = new Momentum(eta, mu);
        double moved = 0;
        for (int k = 1; k <= 12; k++) {
            momentum.step(List.of(gradient(p, 1, -2, 0.5)));
            // v_k = g (1 + μ + … + μ^(k−1)) = g (1 − μ^k)/(1 − μ)
            moved += eta * (1 - Math.pow(mu, k)) / (1 - mu);
            double[] expected = {-moved, 2 * moved, -0.5 * moved};
            double[] actual = theta(p);
            int steps = k;
            String hint = same(actual, moved, -2 * moved, 0.5 * moved) ? ": the steps went uphill"
                    : ": the velocity must sum the gradients, v_k = g(1 − μ^k)/(1 − μ)";
            assertArrayEquals(expected, actual, 1e-10, () -> "after " + steps + " momentum steps (η = 0.1, μ = 0.8) "
                    + "with the constant gradient g = (1, -2, 0.5) from θ = 0, θ should be " + show(expected)
                    + " but was " + show(actual) + hint);
        }
    }

    @Test
    @Order(4)
    @DisplayName("momentum with μ = 0 is SGD, and every entry of a 3×4 parameter moves; the gradient is left alone")
    void zeroMomentumIsSgd() {
        Random random = new Random(231);
        Parameter p = Params.gaussian("W", 3, 4, random);
        Parameter q = Params.gaussian("W", 3, 4, random);
        System.arraycopy(p.value().data, 0, q.value().data, 0, 12);
        Momentum momentum = new Momentum(0.3, 0);
        Sgd sgd = new Sgd(0.3);
        for (int k = 0; k < 5; k++) {
            Params.randomGradient(p, random, 1);
            System.arraycopy(p.gradient().data, 0, q.gradient().data, 0, 12);
            double[] g = Params.g(p);
            double[] before = theta(p);
            momentum.step(List.of(p));
            sgd.step(List.of(q));
            double[] expected = new double[12];
            for (int i = 0; i < 12; i++) {
                // θ − η g, written out
                expected[i] = before[i] - 0.3 * g[i];
            }
            double[] actual = theta(p);
            assertArrayEquals(expected, actual, EXACT, () -> "momentum with μ = 0 should take the plain step θ − η g "
                    + "on every entry of the 3×4 parameter, " + show(expected) + ", but gave " + show(actual)
                    + " (loop over all rows·cols entries, getNumElements())");
            assertArrayEquals(theta(q), actual, EXACT, "momentum with μ = 0 should equal Sgd");
            assertArrayEquals(g, Params.g(p), 0, "step changed the gradient; it should only read it");
        }
    }

    @Test
    @Order(5)
    @DisplayName("each parameter keeps its own velocity, found by its matrix: not shared, not by position in the list")
    void velocityPerParameter() {
        Parameter a = row("W", 1, -2);
        Parameter b = row("b", 0, 0);
        Momentum momentum = new Momentum(0.25, 0.9);
        momentum.step(List.of(gradient(a, 2, -4), gradient(b, -1, 1)));
        // by hand: b's v₁ = (−1, 1), b₁ = (0.25, −0.25); with a's velocity shared, 0.9·(2, −4) + (−1, 1) = (0.8, −2.6)
        double[] b1 = theta(b);
        String shared = same(b1, -0.2, 0.65) ? ": b used the velocity of W; keep one velocity per parameter" : "";
        assertArrayEquals(new double[] {0.25, -0.25}, b1, EXACT, () -> "after one step b should be (0.25, -0.25) "
                + "but was " + show(b1) + shared);
        // the second step lists b first, in new Parameter records holding the same matrices
        gradient(a, 1, 2);
        gradient(b, -1, 1);
        momentum.step(List.of(new Parameter("b1", b.value(), b.gradient()), new Parameter("W1", a.value(), a.gradient())));
        // by hand: W as in the steps above, (−0.2, −0.6); b's v₂ = 0.9·(−1, 1) + (−1, 1) = (−1.9, 1.9), b₂ = (0.725, −0.725)
        double[] a2 = theta(a);
        double[] b2 = theta(b);
        String hint = " (each parameter's velocity must be kept from step to step and found again by its value matrix, whatever"
                + " its name or its place in the list)";
        assertArrayEquals(new double[] {-0.2, -0.6}, a2, EXACT, () -> "after two steps W should be (-0.2, -0.6) but "
                + "was " + show(a2) + hint);
        assertArrayEquals(new double[] {0.725, -0.725}, b2, EXACT, () -> "after two steps b should be (0.725, -0.725)"
                + " but was " + show(b2) + hint);
    }

    @Test
    @Order(6)
    @DisplayName("a new optimizer starts from zero velocity, even for a parameter another optimizer has moved")
    void optimizersDoNotShareState() {
        Parameter p = row("theta", 1, -2);
        new Momentum(0.25, 0.9).step(List.of(gradient(p, 2, -4)));
        new Momentum(0.25, 0.9).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        // by hand: each optimizer's first step is (1, −2) − 0.25·(2, −4): (0.5, −1), then (0, 0);
        // with one velocity for both, the second would use v = 0.9·(2, −4) + (2, −4) and give (−0.45, 0.9)
        String hint = same(actual, -0.45, 0.9) ? ": the second optimizer used the first one's velocity; the "
                + "velocities must belong to one optimizer (an instance field, not static)" : "";
        assertArrayEquals(new double[] {0, 0}, actual, EXACT, () -> "the first step of a second Momentum should "
                + "move (0.5, -1) to (0, 0) but gave " + show(actual) + hint);
    }

    @Test
    @Order(7)
    @DisplayName("a new η set between steps (a schedule) applies to the next step and keeps the velocity: θ = 1, g = 1, μ = 0.9, η 0.1 then 0.5 gives 0.9, then −0.05")
    void newLearningRateKeepsVelocity() {
        Momentum momentum = new Momentum(0.1, 0.9);
        Parameter p = Params.gradient(Params.row("θ", 1), 1);
        momentum.step(List.of(p));
        momentum.eta(0.5);
        assertEquals(0.5, momentum.eta(), 0);
        momentum.step(List.of(p));
        // by hand: v₁ = 1, θ₁ = 1 − 0.1·1 = 0.9; v₂ = 0.9·1 + 1 = 1.9, θ₂ = 0.9 − 0.5·1.9 = −0.05
        double[] theta = Params.theta(p);
        String hint = Params.same(theta, 0.4) ? ": the velocity was reset (v₂ = g); eta(η) must keep the state" : "";
        assertArrayEquals(new double[] {-0.05}, theta, Params.EXACT, "θ after the two steps should be −0.05 but was "
                + Arrays.toString(theta) + hint);
    }
}

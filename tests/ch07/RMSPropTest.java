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

/// Graded tests of exercise ch07-rmsprop: s ← ρ s + (1 − ρ) g²;  θ ← θ − η g / (√s + ε).
///
/// The steps by hand use η = 0.1, ρ = 0.75 and a large ε = 0.5, so that ε inside the square root
/// (√(s + ε)) gives a visibly different answer, from θ₀ = (1, −2) with g₁ = (4, −8) (then
/// s₁ = 0.25·(16, 64) = (4, 16), √s₁ = (2, 4)) and g₂ = (2, 4) (then s₂ = (4, 16) again).
@Order(3)
@DisplayName("RMSProp")
class RMSPropTest {

    @Test
    @Order(1)
    @DisplayName("the first step: s₁ = (4, 16), θ₁ = (1, −2) − 0.1·(4/(2 + 0.5), −8/(4 + 0.5)) = (0.84, −1.8222)")
    void firstStepByHand() {
        Parameter p = row("theta", 1, -2);
        new RMSProp(0.1, 0.75, 0.5).step(List.of(gradient(p, 4, -8)));
        double[] actual = theta(p);
        // by hand: s₁ = 0.75·0 + 0.25·(16, 64) = (4, 16); √s₁ + ε = (2.5, 4.5); θ₁ = (1 − 0.4/2.5, −2 + 0.8/4.5)
        double[] expected = {1 - 0.4 / 2.5, -2 + 0.8 / 4.5};
        String hint = same(actual, 1 - 0.4 / Math.sqrt(4.5), -2 + 0.8 / Math.sqrt(16.5))
                ? ": ε went inside the square root, √(s + ε); this class adds it outside, √s + ε (as PyTorch does)"
                : same(actual, 1 - 0.4 / 4.5, -2 + 0.8 / 16.5) ? ": the square root is missing: divide by √s + ε, "
                + "the root mean square, not by s + ε"
                : same(actual, 1 - 0.4 / (Math.sqrt(12) + 0.5), -2 + 0.8 / (Math.sqrt(48) + 0.5))
                ? ": ρ and 1 − ρ are swapped; s ← ρ s + (1 − ρ) g² keeps most of the old s"
                : same(actual, 1 - 0.4 / 4.5, -2 + 0.8 / 8.5) ? ": the factor 1 − ρ on g² is missing"
                : same(actual, 1 + 0.4 / 2.5, -2 - 0.8 / 4.5) ? ": the step went uphill; θ ← θ − η g / (√s + ε)"
                : same(actual, 0.2, -0.4) ? ": θ moved with the old s = 0; update s first, then divide by √s + ε"
                : same(actual, 0.8, -1.8) ? ": ε is missing from the denominator √s + ε"
                : "";
        assertArrayEquals(expected, actual, EXACT, () -> "one RMSProp step (η = 0.1, ρ = 0.75, ε = 0.5) from "
                + "(1, -2) with g = (4, -8) should give " + show(expected) + " but gave " + show(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("the second step keeps s: g₂ = (2, 4), s₂ = 0.75·(4, 16) + 0.25·(4, 16) = (4, 16), θ₂ = (0.76, −1.9111)")
    void secondStepByHand() {
        Parameter p = row("theta", 1, -2);
        RMSProp rmsProp = new RMSProp(0.1, 0.75, 0.5);
        rmsProp.step(List.of(gradient(p, 4, -8)));
        rmsProp.step(List.of(gradient(p, 2, 4)));
        double[] actual = theta(p);
        // by hand: θ₂ = θ₁ − 0.1·(2/2.5, 4/4.5) = (1 − 0.16 − 0.08, −2 + 0.8/4.5 − 0.4/4.5)
        double[] expected = {0.76, -2 + 0.4 / 4.5};
        String hint = same(actual, 0.84 - 0.2 / 1.5, -2 + 0.8 / 4.5 - 0.4 / 2.5) ? ": s was not kept from the "
                + "first step (s ← (1 − ρ) g²); keep it per parameter and update it, s ← ρ s + (1 − ρ) g²"
                : "";
        assertArrayEquals(expected, actual, EXACT, () -> "two RMSProp steps (η = 0.1, ρ = 0.75, ε = 0.5) from "
                + "(1, -2) with g₁ = (4, -8), g₂ = (2, 4) should give " + show(expected) + " but gave " + show(actual)
                + hint);
    }

    @Test
    @Order(3)
    @DisplayName("the defaults ρ = 0.9, ε = 1e-8: the first step of RMSProp(0.01) is about 0.01·√10 against the sign of g")
    void defaults() {
        Parameter p = row("theta", 0, 0);
        new RMSProp(0.01).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        // by hand: s₁ = 0.1·(4, 16) = (0.4, 1.6), √s₁ = (2, 4)/√10, so the step is 0.01·√10 ≈ 0.0316 per entry
        double[] expected = {-0.01 * 2 / (Math.sqrt(0.4) + 1e-8), 0.01 * 4 / (Math.sqrt(1.6) + 1e-8)};
        String hint = same(actual, -0.1, 0.1) ? ": that looks like ρ = 0.99 (PyTorch's default); this class uses 0.9" : "";
        assertArrayEquals(expected, actual, EXACT, () -> "the first step of RMSProp(0.01) from (0, 0) with g = (2, -4) "
                + "should give " + show(expected) + " but gave " + show(actual) + hint);
    }

    @Test
    @Order(4)
    @DisplayName("six steps on a 3×4 parameter with seeded gradients of mixed scales match the formula entry by entry")
    void randomSteps() {
        Random random = new Random(231);
        Parameter p = Params.gaussian("W", 3, 4, random);
        double eta = 0.05;
        double rho = 0.8;
        double eps = 0.1;
        RMSProp rmsProp = new RMSProp(eta, rho, eps);
        double[] s = new double[12];
        double[] expected = theta(p);
        for (int k = 1; k <= 6; k++) {
            Params.randomGradient(p, random, k % 2 == 0 ? 0.3 : 3);
            double[] g = Params.g(p);
            for (int i = 0; i < 12; i++) {
                // the update written out: s ← ρ s + (1 − ρ) g², θ ← θ − η g / (√s + ε)
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                expected[i] -= eta * g[i] / (Math.sqrt(s[i]) + eps);
            }
            rmsProp.step(List.of(p));
            double[] actual = theta(p);
            double[] want = expected.clone();
            int steps = k;
            assertArrayEquals(want, actual, 1e-10, () -> "after " + steps + " RMSProp steps (η = 0.05, ρ = 0.8, "
                    + "ε = 0.1) the 3×4 parameter should be " + show(want) + " but was " + show(actual));
            assertArrayEquals(g, Params.g(p), 0, "step changed the gradient; it should only read it");
        }
    }

    @Test
    @Order(5)
    @DisplayName("each parameter keeps its own mean square, found by its matrix: not shared, not by position in the list")
    void statePerParameter() {
        Parameter a = row("W", 1, -2);
        Parameter b = row("b", 0, 0);
        RMSProp rmsProp = new RMSProp(0.1, 0.75, 0.5);
        rmsProp.step(List.of(gradient(a, 4, -8), gradient(b, 2, 2)));
        gradient(a, 2, 4);
        gradient(b, 2, 2);
        rmsProp.step(List.of(new Parameter("b1", b.value(), b.gradient()), new Parameter("W1", a.value(), a.gradient())));
        // by hand: W as above; b: s₁ = 0.25·(4, 4) = (1, 1), b₁ = −0.1·2/1.5 = −2/15 in both entries;
        // s₂ = 0.75 + 0.25·4 = 1.75, b₂ = b₁ − 0.2/(√1.75 + 0.5)
        double[] a2 = theta(a);
        double[] b2 = theta(b);
        double bb = -0.2 / 1.5 - 0.2 / (Math.sqrt(1.75) + 0.5);
        String hint = " (keep one mean square per parameter, found by its value matrix, whatever its name or its "
                + "place in the list)";
        assertArrayEquals(new double[] {0.76, -2 + 0.4 / 4.5}, a2, EXACT, () -> "after two steps W should be "
                + show(new double[] {0.76, -2 + 0.4 / 4.5}) + " but was " + show(a2) + hint);
        assertArrayEquals(new double[] {bb, bb}, b2, EXACT, () -> "after two steps b should be "
                + show(new double[] {bb, bb}) + " but was " + show(b2) + hint);
    }
}

package ch07;

import static ch07.Params.EXACT;
import static ch07.Params.gradient;
import static ch07.Params.notFinite;
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

/// Graded tests of exercise ch07-adam: t ← t + 1; m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²;
/// m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ); θ ← θ − η m̂/(√v̂ + ε).
///
/// The steps by hand use β₁ = 0.75, β₂ = 0.9375 = 15/16 and a large ε = 1 (so that ε inside the
/// square root, or a swapped β, shows) from θ₀ = (1, −2) with g₁ = (2, −4) and g₂ = (1, 2):
///
///     t = 1:  m₁ = 0.25·(2, −4) = (0.5, −1)          m̂₁ = m₁/0.25 = (2, −4)
///             v₁ = (1/16)·(4, 16) = (0.25, 1)         v̂₁ = v₁/(1/16) = (4, 16),  √v̂₁ = (2, 4)
///             θ₁ = (1, −2) − 0.1·(2/3, −4/5)
///     t = 2:  m₂ = 0.75·(0.5, −1) + 0.25·(1, 2) = (0.625, −0.25)     m̂₂ = m₂/(1 − 0.75²) = (10/7, −4/7)
///             v₂ = (15/16)·(0.25, 1) + (1/16)·(1, 4) = (0.296875, 1.1875)
///             v̂₂ = v₂/(1 − (15/16)²) = v₂·256/31 = (76/31, 304/31)
///             θ₂ = θ₁ − 0.1·((10/7)/(√(76/31) + 1), (−4/7)/(√(304/31) + 1))
@Order(4)
@DisplayName("Adam")
class AdamTest {

    /// θ₁ and θ₂ of the steps by hand above.
    static final double[] THETA1 = {1 - 0.2 / 3, -2 + 0.4 / 5};
    static final double[] THETA2 = {THETA1[0] - 0.1 * (10.0 / 7) / (Math.sqrt(76.0 / 31) + 1),
        THETA1[1] + 0.1 * (4.0 / 7) / (Math.sqrt(304.0 / 31) + 1)};

    @Test
    @Order(1)
    @DisplayName("the first step with bias correction is about η in every entry: m̂₁ = g, v̂₁ = g², θ₁ ≈ (1, −2) − 0.1·(1, −1)")
    void firstStepIsAboutEta() {
        Parameter p = row("theta", 1, -2);
        new Adam(0.1, 0.9, 0.999, 1e-8).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        // by hand: m₁ = 0.1 g, v₁ = 0.001 g²; m̂₁ = m₁/(1 − 0.9) = g, v̂₁ = v₁/(1 − 0.999) = g²; θ₁ = θ₀ − 0.1 g/(|g| + ε)
        double[] expected = {1 - 0.1 * 2 / (2 + 1e-8), -2 + 0.1 * 4 / (4 + 1e-8)};
        String hint = notFinite(actual) ? ": NaN or ∞ comes from 1 − β⁰ = 0: increment t before the bias "
                + "correction, so that the first step has t = 1"
                : same(actual, 1 - 0.02 / (Math.sqrt(0.004) + 1e-8), -2 + 0.04 / (Math.sqrt(0.016) + 1e-8))
                ? ": the bias correction is missing (m and v are still shrunk towards 0); divide by 1 − β₁ᵗ and 1 − β₂ᵗ"
                : same(actual, 1 - 0.2 / (Math.sqrt(0.004) + 1e-8), -2 + 0.4 / (Math.sqrt(0.016) + 1e-8))
                ? ": only m was bias-corrected; v̂ = v/(1 − β₂ᵗ) too"
                : same(actual, 0.99, -1.99) ? ": only v was bias-corrected; m̂ = m/(1 − β₁ᵗ) too"
                : same(actual, 1.1, -2.1) ? ": the step went uphill; θ ← θ − η m̂/(√v̂ + ε)"
                : "";
        assertArrayEquals(expected, actual, EXACT, () -> "the first Adam step (η = 0.1, β₁ = 0.9, β₂ = 0.999, "
                + "ε = 1e-8) from (1, -2) with g = (2, -4) should give about (0.9, -1.9), " + show(expected)
                + ", but gave " + show(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("the first step by hand with β₁ = 0.75, β₂ = 15/16, ε = 1: θ₁ = (1, −2) − 0.1·(2/3, −4/5)")
    void firstStepByHand() {
        Parameter p = row("theta", 1, -2);
        new Adam(0.1, 0.75, 0.9375, 1).step(List.of(gradient(p, 2, -4)));
        double[] actual = theta(p);
        String hint = notFinite(actual) ? ": NaN or ∞ comes from 1 − β⁰ = 0: increment t before using it"
                : same(actual, 1 - 0.2 / Math.sqrt(5), -2 + 0.4 / Math.sqrt(17)) ? ": ε went inside the square root,"
                + " √(v̂ + ε); this class adds it outside, √v̂ + ε (as PyTorch does)"
                : same(actual, 1 - 0.05 / 1.5, -2 + 0.1 / 2) ? ": the bias correction is missing; m̂ = m/(1 − β₁ᵗ), "
                + "v̂ = v/(1 − β₂ᵗ)"
                : same(actual, 1 - 0.6 / 3, -2 + 1.2 / 5) ? ": β₁ and 1 − β₁ are swapped in m ← β₁ m + (1 − β₁) g"
                : same(actual, 1 - 0.2 / (Math.sqrt(60) + 1), -2 + 0.4 / (Math.sqrt(240) + 1))
                ? ": β₂ and 1 − β₂ are swapped in v ← β₂ v + (1 − β₂) g²"
                : same(actual, 0.9, -1.9) ? ": ε is missing from the denominator √v̂ + ε"
                : same(actual, 1 - 0.2 / 5, -2 + 0.4 / 17) ? ": the square root is missing: divide by √v̂ + ε"
                : "";
        assertArrayEquals(THETA1, actual, EXACT, () -> "the first Adam step (η = 0.1, β₁ = 0.75, β₂ = 0.9375, ε = 1) "
                + "from (1, -2) with g = (2, -4) should give " + show(THETA1) + " but gave " + show(actual) + hint);
    }

    @Test
    @Order(3)
    @DisplayName("the second step by hand uses t = 2: m̂₂ = m₂/(1 − β₁²) = (10/7, −4/7), v̂₂ = v₂/(1 − β₂²) = (76/31, 304/31)")
    void secondStepByHand() {
        Parameter p = row("theta", 1, -2);
        Adam adam = new Adam(0.1, 0.75, 0.9375, 1);
        adam.step(List.of(gradient(p, 2, -4)));
        adam.step(List.of(gradient(p, 1, 2)));
        double[] actual = theta(p);
        // with t = 1 again: m̂ = m₂/0.25 = (2.5, −1), v̂ = 16 v₂ = (4.75, 19)
        double[] stuckAtOne = {THETA1[0] - 0.1 * 2.5 / (Math.sqrt(4.75) + 1), THETA1[1] + 0.1 / (Math.sqrt(19) + 1)};
        // with m and v not kept: m₂ = 0.25·(1, 2), v₂ = (1/16)·(1, 4), corrected with t = 2
        double[] forgotten = {THETA1[0] - 0.1 * (0.25 / 0.4375) / (Math.sqrt(0.0625 * 256 / 31) + 1),
            THETA1[1] - 0.1 * (0.5 / 0.4375) / (Math.sqrt(0.25 * 256 / 31) + 1)};
        String hint = notFinite(actual) ? ": NaN or ∞: check the bias correction 1 − βᵗ"
                : same(actual, stuckAtOne) ? ": the second step was corrected with t = 1 again; increment the "
                + "parameter's step count t at every step and keep it"
                : same(actual, forgotten) ? ": m and v were not kept from the first step; update the parameter's own "
                + "m and v in place"
                : "";
        assertArrayEquals(THETA2, actual, EXACT, () -> "two Adam steps (η = 0.1, β₁ = 0.75, β₂ = 0.9375, ε = 1) "
                + "from (1, -2) with g₁ = (2, -4), g₂ = (1, 2) should give " + show(THETA2) + " but gave "
                + show(actual) + hint);
    }

    @Test
    @Order(4)
    @DisplayName("the defaults: Adam() has η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (two steps against the formula)")
    void defaults() {
        Parameter p = row("theta", 0.5, 0.5);
        Adam adam = new Adam();
        adam.step(List.of(gradient(p, 2, -4)));
        double[] first = theta(p);
        // by hand: the first step is η g/(|g| + ε) with η = 0.001
        double[] expected1 = {0.5 - 1e-3 * 2 / (2 + 1e-8), 0.5 + 1e-3 * 4 / (4 + 1e-8)};
        assertArrayEquals(expected1, first, EXACT, () -> "the first step of Adam() from (0.5, 0.5) with g = (2, -4) "
                + "should be η = 0.001 against the sign of g, " + show(expected1) + ", but gave " + show(first));
        adam.step(List.of(gradient(p, 1, 2)));
        double[] second = theta(p);
        // m₂ = 0.9·0.1·(2, −4) + 0.1·(1, 2); v₂ = 0.999·0.001·(4, 16) + 0.001·(1, 4); t = 2
        double[] m2 = {0.09 * 2 + 0.1, -0.09 * 4 + 0.2};
        double[] v2 = {0.000999 * 4 + 0.001, 0.000999 * 16 + 0.004};
        double[] expected2 = new double[2];
        for (int i = 0; i < 2; i++) {
            expected2[i] = expected1[i] - 1e-3 * (m2[i] / (1 - 0.81)) / (Math.sqrt(v2[i] / (1 - 0.998001)) + 1e-8);
        }
        assertArrayEquals(expected2, second, EXACT, () -> "the second step of Adam() with g = (1, 2) should give "
                + show(expected2) + " but gave " + show(second));
    }

    @Test
    @Order(5)
    @DisplayName("eight steps on a 3×4 parameter with seeded gradients (ε = 0.1) match the formula entry by entry")
    void randomSteps() {
        Random random = new Random(231);
        Parameter p = Params.gaussian("W", 3, 4, random);
        double eta = 0.05;
        double beta1 = 0.8;
        double beta2 = 0.95;
        double eps = 0.1;
        Adam adam = new Adam(eta, beta1, beta2, eps);
        double[] m = new double[12];
        double[] v = new double[12];
        double[] expected = theta(p);
        for (int t = 1; t <= 8; t++) {
            Params.randomGradient(p, random, t % 2 == 0 ? 0.3 : 2);
            double[] g = Params.g(p);
            for (int i = 0; i < 12; i++) {
                // the update written out, with the step count t of this step
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                expected[i] -= eta * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.step(List.of(p));
            double[] actual = theta(p);
            double[] want = expected.clone();
            int steps = t;
            assertArrayEquals(want, actual, 1e-10, () -> "after " + steps + " Adam steps (η = 0.05, β₁ = 0.8, "
                    + "β₂ = 0.95, ε = 0.1) the 3×4 parameter should be " + show(want) + " but was " + show(actual));
            assertArrayEquals(g, Params.g(p), 0, "step changed the gradient; it should only read it");
        }
    }

    @Test
    @Order(6)
    @DisplayName("each parameter keeps its own m, v and t: one seen first at the second step starts at t = 1")
    void statePerParameter() {
        Parameter a = row("W", 1, -2);
        Parameter b = row("b", 0, 0);
        Adam adam = new Adam(0.1, 0.75, 0.9375, 1);
        adam.step(List.of(gradient(a, 2, -4)));
        gradient(a, 1, 2);
        gradient(b, 2, -4);
        adam.step(List.of(new Parameter("b1", b.value(), b.gradient()), new Parameter("W1", a.value(), a.gradient())));
        double[] a2 = theta(a);
        double[] b1 = theta(b);
        // by hand: b's first step is the first step above, moved to start at (0, 0): −0.1·(2/3, −4/5)
        double[] expectedB = {-0.2 / 3, 0.4 / 5};
        String hint = " (keep m, v and t per parameter, found by its value matrix, whatever its name or its place in"
                + " the list; a parameter seen for the first time starts at t = 0, m = v = 0)";
        assertArrayEquals(expectedB, b1, EXACT, () -> "b, stepped for the first time at the optimizer's second step, "
                + "should move to " + show(expectedB) + " but moved to " + show(b1) + hint);
        assertArrayEquals(THETA2, a2, EXACT, () -> "after two steps W should be " + show(THETA2) + " but was "
                + show(a2) + hint);
    }
}

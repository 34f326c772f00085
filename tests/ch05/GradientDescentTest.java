package ch05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch05-step and ch05-loop.
///
/// The costs are quadratics and a plane whose iterates were worked out by hand: for C(x) = x²
/// with η = 1/4 every step halves x (x ← x − η·2x = x/2), with η = 3/2 it doubles and flips it
/// (x ← −2x), and for C(x) = (x − 3)² with η = 0.1 the error x − 3 shrinks by 0.8 per step.
/// These are exact in binary floating point (or nearly so), so the stopping points are exact
/// too. The properties on seeded random starts compare each recorded step with x − η∇C(x)
/// written out here. Nothing is computed by the solution.
@Order(1)
@DisplayName("GradientDescent")
class GradientDescentTest {

    /// Values worked by hand from a few binary fractions: equal up to round-off.
    static final double EXACT = 1e-12;

    /// C(x) = x² (one coordinate), ∇C = 2x.
    static final ToDoubleFunction<double[]> SQUARE = x -> x[0] * x[0];
    static final Function<double[], double[]> SQUARE_GRADIENT = x -> new double[] {2 * x[0]};

    /// C(x) = (x − 3)², ∇C = 2(x − 3): the 1-D quadratic of the chapter.
    static final ToDoubleFunction<double[]> SHIFTED = x -> (x[0] - 3) * (x[0] - 3);
    static final Function<double[], double[]> SHIFTED_GRADIENT = x -> new double[] {2 * (x[0] - 3)};

    /// C(x, y) = ½(x² + 10y²), ∇C = (x, 10y): the ill-conditioned valley of the chapter.
    static final ToDoubleFunction<double[]> VALLEY = x -> 0.5 * (x[0] * x[0] + 10 * x[1] * x[1]);
    static final Function<double[], double[]> VALLEY_GRADIENT = x -> new double[] {x[0], 10 * x[1]};

    // ---- ch05-step ----

    @Test
    @Order(1)
    @DisplayName("step: x − η∇C for x = (1, −2, 0.5), ∇C = (4, −1, 2), η = 0.25 is (0, −1.75, 0)")
    void stepByHand() {
        double[] x = {1, -2, 0.5};
        double[] g = {4, -1, 2};
        double[] actual = GradientDescent.step(x, g, 0.25);
        assertNotNull(actual, "step(...) returned null");
        // by hand: 1 − 0.25·4 = 0, −2 − 0.25·(−1) = −1.75, 0.5 − 0.25·2 = 0
        double[] expected = {0, -1.75, 0};
        String hint = same(actual, 2, -2.25, 1) ? ": that is x + η∇C, a step uphill; subtract η∇C"
                : same(actual, -3, -1, -1.5) ? ": that is x − ∇C, the learning rate η is missing"
                : same(actual, -15, 2, -7.5) ? ": that is x − ∇C/η; multiply the gradient by η, do not divide"
                : same(actual, -1, 0.25, -0.5) ? ": that is −η∇C alone; add it to x"
                : "";
        assertArrayEquals(expected, actual, EXACT, () -> "step(x=(1, -2, 0.5), ∇C=(4, -1, 2), η=0.25) should "
                + "be (0, -1.75, 0) but was " + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("step: the first step on (x − 3)² from x₀ = 0 with η = 0.1 is x₁ = 0 − 0.1·2(0 − 3) = 0.6")
    void firstStepOfTheChapter() {
        double[] actual = GradientDescent.step(new double[] {0}, new double[] {-6}, 0.1);
        assertNotNull(actual, "step(...) returned null");
        double x1 = actual.length == 1 ? actual[0] : Double.NaN;
        String hint = near(x1, -0.6) ? ": the step went uphill (x + η∇C); the minimum is at 3, so x must grow"
                : near(x1, 6) ? ": the learning rate η is missing (a step of the full gradient overshoots 3)"
                : "";
        assertArrayEquals(new double[] {0.6}, actual, EXACT, () -> "step(x=(0), ∇C=(-6), η=0.1) should be (0.6) "
                + "but was " + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(3)
    @DisplayName("step returns a new array and leaves x and the gradient unchanged")
    void stepLeavesItsInputsAlone() {
        double[] x = {0.3, -1.1};
        double[] g = {2.0, 5.0};
        double[] actual = GradientDescent.step(x, g, 0.5);
        assertNotNull(actual, "step(...) returned null");
        assertArrayEquals(new double[] {0.3, -1.1}, x, () -> "step changed x to " + Arrays.toString(x)
                + ": return a new array; the caller keeps the old point (the path needs it)");
        assertArrayEquals(new double[] {2.0, 5.0}, g, () -> "step changed the gradient to " + Arrays.toString(g));
        assertNotSame(x, actual, "step returned x itself: return a new array");
        assertArrayEquals(new double[] {-0.7, -3.6}, actual, EXACT, () -> "step(x=(0.3, -1.1), ∇C=(2, 5), "
                + "η=0.5) should be (-0.7, -3.6) but was " + Arrays.toString(actual));
    }

    @Test
    @Order(4)
    @DisplayName("step equals x − η∇C entry by entry on seeded random vectors of length 1 to 8")
    void stepOnRandomVectors() {
        Random random = new Random(231);
        for (int n = 1; n <= 8; n++) {
            double[] x = gaussian(random, n);
            double[] g = gaussian(random, n);
            double eta = 0.01 + random.nextDouble();
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = x[i] - eta * g[i];
            }
            double[] actual = GradientDescent.step(x, g, eta);
            assertArrayEquals(expected, actual, EXACT, () -> "step(x=" + Arrays.toString(x) + ", ∇C="
                    + Arrays.toString(g) + ", η=" + eta + ") should be " + Arrays.toString(expected) + " but was "
                    + Arrays.toString(actual));
        }
    }

    // ---- ch05-loop ----

    @Test
    @Order(5)
    @DisplayName("(x − 3)² from 0 with η = 0.1, 3 updates: path 0, 0.6, 1.08, 1.464, costs 9, 5.76, 3.6864, 2.3593")
    void threeUpdatesByHand() {
        Run run = onShifted(0, 0.1, Stopping.after(3));
        checkRun(run);
        // by hand: the error x − 3 is −3, then ×(1 − 2η) = ×0.8 per step: −2.4, −1.92, −1.536
        double[] path = coordinate(run.path(), 0);
        String hint = path.length == 1 ? ": only x₀ was recorded; add every new point to the path"
                : near(path[1], -0.6) ? ": x₁ = −0.6, the step went uphill (x + η∇C)"
                : near(path[1], 6) ? ": x₁ = 6, the learning rate η is missing"
                : path.length != 4 ? ": " + (path.length - 1) + " updates instead of maxIterations = 3" : "";
        assertArrayEquals(new double[] {0, 0.6, 1.08, 1.464}, path, EXACT, () -> "the path of (x − 3)² from "
                + "x₀ = 0 with η = 0.1 and maxIterations = 3 should be x₀..x₃ = [0.0, 0.6, 1.08, 1.464] but was "
                + Arrays.toString(path) + hint);
        double[] costs = run.costs().stream().mapToDouble(Double::doubleValue).toArray();
        assertArrayEquals(new double[] {9, 5.76, 3.6864, 2.359296}, costs, EXACT, () -> "the costs should be "
                + "[9.0, 5.76, 3.6864, 2.359296] (C(xᵢ) = (xᵢ − 3)² of each point of the path) but were "
                + run.costs());
        assertEquals(3, run.iterations(), () -> "iterations should be 3 (updates made) but was " + run.iterations());
        assertEquals(Stopping.Reason.MAX_ITERATIONS, run.stoppedBecause(), "the run should stop at max iterations");
        assertArrayEquals(new double[] {1.464}, run.x(), EXACT, () -> "x should be the last point 1.464 but was "
                + Arrays.toString(run.x()));
    }

    @Test
    @Order(6)
    @DisplayName("maxIterations = N makes exactly N updates and computes N gradients, for N = 0, 1, 2 and 7; rule 1 wins over the gradient rule")
    void exactlyMaxIterationsUpdates() {
        for (int n : new int[] {0, 1, 2, 7}) {
            int[] gradients = {0};
            Run run = GradientDescent.minimize(SQUARE, counting(gradients), new double[] {1}, 0.25, Stopping.after(n));
            checkRun(run);
            String hint = run.iterations() == n + 1 ? ": one update too many; check k = maxIterations before updating"
                    : run.iterations() == n - 1 ? ": one update too few (off by one in the loop bound)" : "";
            assertEquals(n, run.iterations(), () -> "with maxIterations = " + n + " the run should make " + n
                    + " updates but made " + run.iterations() + hint);
            assertEquals(Stopping.Reason.MAX_ITERATIONS, run.stoppedBecause(), () -> "after " + n
                    + " updates the reason should be MAX_ITERATIONS but was " + run.stoppedBecause());
            // x ← x/2 each step, by hand
            assertEquals(Math.pow(0.5, n), run.x()[0], EXACT, () -> "on C = x² with η = 1/4 each step halves x, "
                    + "so after " + n + " updates from x₀ = 1, x should be 0.5^" + n + " but was " + run.x()[0]);
            assertEquals(n, gradients[0], () -> "with maxIterations = " + n + " the run should compute " + n
                    + (n == 1 ? " gradient" : " gradients") + ", one per update, but computed " + gradients[0] + (gradients[0] == n + 1
                    ? ": rule 1, k = maxIterations, comes before computing ∇C(x_k) for rule 2" : ""));
        }
        // x₄ = 1/16 has |∇C| = 1/8 < 0.2, so the gradient rule would fire there too; rule 1 comes first
        Run tie = onSquare(1, 0.25, new Stopping(4, 0.2, 0));
        checkRun(tie);
        assertEquals(Stopping.Reason.MAX_ITERATIONS, tie.stoppedBecause(), () -> "with maxIterations = 4 and "
                + "minGradientNorm = 0.2 the run reaches k = 4 = maxIterations at x₄, where |∇C| = 0.125 is also below "
                + "0.2; rule 1 (k = maxIterations) is checked first, so the reason should be MAX_ITERATIONS but was "
                + tie.stoppedBecause() + " after " + tie.iterations() + " updates");
    }

    @Test
    @Order(7)
    @DisplayName("the path holds every iterate as its own array, x₀ included and unchanged; costs[i] = C(path[i])")
    void recordsThePath() {
        double[] x0 = {-8, 1.5};
        Run run = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, x0, 0.15, Stopping.after(6));
        checkRun(run);
        assertArrayEquals(new double[] {-8, 1.5}, x0, () -> "minimize changed x0 to " + Arrays.toString(x0)
                + ": work on a copy; the caller keeps its start");
        assertEquals(7, run.path().size(), () -> "6 updates give a path of 7 points (x₀ to x₆) but it had "
                + run.path().size());
        assertArrayEquals(x0, run.path().getFirst(), () -> "path[0] should be x₀ = (-8, 1.5) but was "
                + Arrays.toString(run.path().getFirst()));
        for (int k = 0; k + 1 < run.path().size(); k++) {
            double[] before = run.path().get(k);
            double[] after = run.path().get(k + 1);
            int i = k;
            // x_{k+1} = x_k − η∇C(x_k) with ∇C = (x, 10y) and η = 0.15, written out
            double[] expected = {before[0] - 0.15 * before[0], before[1] - 0.15 * 10 * before[1]};
            assertArrayEquals(expected, after, EXACT, () -> "path[" + (i + 1) + "] should be path[" + i
                    + "] − η∇C(path[" + i + "]) = " + Arrays.toString(expected) + " but was " + Arrays.toString(after));
        }
        for (int k = 0; k < run.path().size(); k++) {
            double expected = VALLEY.applyAsDouble(run.path().get(k));
            double actual = run.costs().get(k);
            int i = k;
            assertEquals(expected, actual, EXACT, () -> "costs[" + i + "] should be C(path[" + i + "]) = " + expected
                    + " but was " + actual);
        }
        assertArrayEquals(run.path().getLast(), run.x(), "x should equal the last point of the path");
    }

    @Test
    @Order(8)
    @DisplayName("the gradient rule is checked before updating: on x² from 1 with η = 1/4, ‖∇C‖ < 0.2 stops at x₄ = 1/16")
    void smallGradientStopsBeforeTheUpdate() {
        int[] gradients = {0};
        Run run = GradientDescent.minimize(SQUARE, counting(gradients), new double[] {1}, 0.25, new Stopping(100, 0.2, 0));
        checkRun(run);
        // by hand: x_k = 2^−k and |∇C(x_k)| = 2^(1−k) = 2, 1, 0.5, 0.25, 0.125: first below 0.2 at k = 4
        String hint = run.iterations() == 5 ? ": one update too many; compute ∇C(x_k) and check its norm before "
                + "the update, not after it with the gradient already used"
                : run.iterations() == 3 ? ": stopped at |∇C| = 0.25, which is not below 0.2; did you compare ‖g‖² "
                + "(0.0625) instead of the norm ‖g‖₂ = √(Σ gᵢ²)?"
                : run.iterations() == 100 ? ": the gradient rule never fired" : "";
        assertEquals(4, run.iterations(), () -> "the gradient rule should stop after 4 updates (|∇C(x₄)| = 0.125 "
                + "< 0.2) but stopped after " + run.iterations() + " (" + run.stoppedBecause() + ")" + hint);
        assertEquals(Stopping.Reason.SMALL_GRADIENT, run.stoppedBecause(), "the reason should be SMALL_GRADIENT");
        assertArrayEquals(new double[] {0.0625}, run.x(), EXACT, () -> "x should be x₄ = 1/16, the point whose "
                + "gradient was small, but was " + Arrays.toString(run.x()));
        assertEquals(5, gradients[0], () -> "the run should compute 5 gradients, ∇C(x₀) to ∇C(x₄), each once, but "
                + "computed " + gradients[0] + ": compute g = ∇C(x_k) once per pass and use it for both the check and the update");
    }

    @Test
    @Order(9)
    @DisplayName("the gradient rule can stop at once: at the minimum (∇C = 0) no update is made")
    void smallGradientAtTheStart() {
        Run run = onShifted(3, 0.1, new Stopping(10, 1e-6, 0));
        checkRun(run);
        assertEquals(0, run.iterations(), () -> "x₀ = 3 is the minimum of (x − 3)², ∇C(x₀) = 0 < 1e-6, so no "
                + "update should be made, but " + run.iterations() + " were" + (run.iterations() == 1
                ? ": check the gradient at x_k before the update, not at the point after it" : ""));
        assertEquals(Stopping.Reason.SMALL_GRADIENT, run.stoppedBecause(), () -> "the reason should be "
                + "SMALL_GRADIENT but was " + run.stoppedBecause());
    }

    @Test
    @Order(10)
    @DisplayName("the gradient rule uses the norm ‖(0.3, −0.4)‖₂ = 0.5, not ‖g‖₁ = 0.7, max |gᵢ| = 0.4 or ‖g‖² = 0.25")
    void gradientRuleUsesTheEuclideanNorm() {
        // C(x, y) = 0.3x − 0.4y has the same gradient (0.3, −0.4) everywhere, of norm √(0.09 + 0.16) = 0.5
        ToDoubleFunction<double[]> plane = x -> 0.3 * x[0] - 0.4 * x[1];
        Function<double[], double[]> slope = x -> new double[] {0.3, -0.4};
        Run below = GradientDescent.minimize(plane, slope, new double[] {0, 0}, 0.1, new Stopping(3, 0.45, 0));
        checkRun(below);
        assertEquals(3, below.iterations(), () -> "‖∇C‖₂ = 0.5 is not below minGradientNorm = 0.45, so the run "
                + "should go on to maxIterations = 3, but it stopped after " + below.iterations() + " ("
                + below.stoppedBecause() + "): the norm is √(0.3² + 0.4²) = 0.5; max |gᵢ| = 0.4, ‖g‖² = 0.25 and "
                + "g₁ + g₂ = −0.1 are all below 0.45");
        Run above = GradientDescent.minimize(plane, slope, new double[] {0, 0}, 0.1, new Stopping(3, 0.6, 0));
        checkRun(above);
        assertEquals(Stopping.Reason.SMALL_GRADIENT, above.stoppedBecause(), () -> "‖∇C‖₂ = 0.5 is below "
                + "minGradientNorm = 0.6, so the run should stop at once with SMALL_GRADIENT, but it made "
                + above.iterations() + " updates (" + above.stoppedBecause() + "): |g₁| + |g₂| = 0.7 is not the "
                + "Euclidean norm √(Σ gᵢ²)");
        assertEquals(0, above.iterations(), "no update should be made when the gradient at x₀ is already small");
    }

    @Test
    @Order(11)
    @DisplayName("the improvement rule: x² from 1, η = 1/4 has costs 1, 1/4, 1/16, …; minImprovement 0.02 stops at x₄, before rules 1 and 2 can")
    void smallImprovement() {
        Run run = onSquare(1, 0.25, new Stopping(100, 0, 0.02));
        checkRun(run);
        // by hand: the improvements are 0.75, 0.1875, 0.046875, 0.01171875 (< 0.02 at the 4th update)
        String hint = run.iterations() == 3 ? ": the 3rd update improved the cost by 0.046875, not below 0.02"
                : run.iterations() == 5 ? ": one update too many; check the improvement right after each update"
                : run.iterations() == 100 ? ": the rule never fired (improvement = C(x_k) − C(x_{k+1}))" : "";
        assertEquals(4, run.iterations(), () -> "the 4th update lowers the cost from 1/64 to 1/256, by 0.0117 < "
                + "0.02, so the run should stop after 4 updates, but stopped after " + run.iterations() + " ("
                + run.stoppedBecause() + ")" + hint);
        assertEquals(Stopping.Reason.SMALL_IMPROVEMENT, run.stoppedBecause(), "the reason should be SMALL_IMPROVEMENT");
        assertEquals(1.0 / 256, run.cost(), EXACT, "the last cost should be C(x₄) = 1/256");
        // x₄ also has |∇C| = 0.125 < 0.2 and k = 4: rule 5 fires right after the 4th update, before the
        // loop goes back to rules 1 and 2
        for (Stopping rules : List.of(new Stopping(100, 0.2, 0.02), new Stopping(4, 0, 0.02))) {
            int[] gradients = {0};
            Run tie = GradientDescent.minimize(SQUARE, counting(gradients), new double[] {1}, 0.25, rules);
            checkRun(tie);
            String other = rules.maxIterations() == 4 ? "k = 4 = maxIterations (rule 1)" : "|∇C(x₄)| = 0.125 < 0.2 (rule 2)";
            assertEquals(Stopping.Reason.SMALL_IMPROVEMENT, tie.stoppedBecause(), () -> "with " + rules + " the 4th update "
                    + "improves the cost by 0.0117 < 0.02 and " + other + " would also stop at x₄; rule 5 is checked right "
                    + "after the update, before the loop goes back to rules 1 and 2, so the reason should be "
                    + "SMALL_IMPROVEMENT but was " + tie.stoppedBecause() + " after " + tie.iterations() + " updates");
            assertEquals(4, gradients[0], () -> "with " + rules + " the run should compute 4 gradients, ∇C(x₀) to ∇C(x₃), "
                    + "but computed " + gradients[0] + (gradients[0] == 5 ? ": ∇C(x₄) is not needed once rule 5 has stopped the run" : ""));
        }
    }

    @Test
    @Order(12)
    @DisplayName("a rise in cost is no small improvement: on x² with η = 1.01 the cost grows 4 % a step; go on")
    void risingCostIsNoImprovement() {
        // x ← x − 1.01·2x = −1.02x: |x| grows by 2 % and the cost by 4.04 % per update, from 0.01
        Run run = onSquare(0.1, 1.01, new Stopping(20, 0, 1));
        checkRun(run);
        String hint = run.stoppedBecause() == Stopping.Reason.SMALL_IMPROVEMENT
                ? ": the rule needs 0 ≤ C(x_k) − C(x_{k+1}); a negative improvement (a rise), or |ΔC|, does not count"
                : "";
        assertEquals(20, run.iterations(), () -> "the cost went up at every update (0.01 → 0.0104 → …), which is "
                + "not an improvement, so the run should go on to maxIterations = 20, but it stopped after "
                + run.iterations() + " (" + run.stoppedBecause() + ")" + hint);
        assertEquals(Stopping.Reason.MAX_ITERATIONS, run.stoppedBecause(), "the reason should be MAX_ITERATIONS");
    }

    @Test
    @Order(13)
    @DisplayName("divergence: on x² with η = 3/2 the point doubles, the cost 4^k overflows at k = 512: DIVERGED")
    void divergesToInfinity() {
        Run run = onSquare(1, 1.5, new Stopping(10_000, 0, 0));
        checkRun(run);
        // by hand: x_k = (−2)^k, C(x_k) = 4^k = 2^(2k), above Double.MAX_VALUE ≈ 2^1024 first at k = 512
        assertEquals(Stopping.Reason.DIVERGED, run.stoppedBecause(), () -> "the cost 4^k becomes infinite at "
                + "k = 512, so the run should stop as DIVERGED but stopped as " + run.stoppedBecause() + " after "
                + run.iterations() + " updates: check Double.isFinite(C(x_{k+1})) after each update");
        assertEquals(512, run.iterations(), () -> "the cost 4^k is first infinite at k = 512, but the run stopped "
                + "after " + run.iterations() + " updates" + (run.iterations() == 511
                ? ": the diverged point x₅₁₂ and its cost ∞ must be recorded too (count the update)" : ""));
        assertEquals(Double.POSITIVE_INFINITY, run.cost(), "the last recorded cost should be C(x₅₁₂) = ∞");
        assertEquals(Math.pow(2, 512), run.x()[0], 0, "x should be the diverged point x₅₁₂ = 2^512");
    }

    @Test
    @Order(14)
    @DisplayName("divergence also counts a NaN cost: a cost that is NaN for |x| > 100 stops the η = 3/2 run at k = 7")
    void divergesToNaN() {
        ToDoubleFunction<double[]> fragile = x -> Math.abs(x[0]) > 100 ? Double.NaN : x[0] * x[0];
        Run run = GradientDescent.minimize(fragile, SQUARE_GRADIENT, new double[] {1}, 1.5, new Stopping(50, 0, 0));
        checkRun(run);
        // by hand: x_k = (−2)^k: 1, −2, 4, …, 64, −128 at k = 7
        assertEquals(Stopping.Reason.DIVERGED, run.stoppedBecause(), () -> "the cost is NaN at x₇ = −128, so the "
                + "run should stop as DIVERGED after 7 updates, but stopped as " + run.stoppedBecause() + " after "
                + run.iterations() + ": NaN is not infinite; test with !Double.isFinite(cost)");
        assertEquals(7, run.iterations(), () -> "the run should stop after 7 updates but made " + run.iterations());
        assertTrue(Double.isNaN(run.cost()), () -> "the last recorded cost should be NaN but was " + run.cost());
        // with maxIterations = 7 the 7th update is also the last allowed: rule 4 comes right after it
        Run tie = GradientDescent.minimize(fragile, SQUARE_GRADIENT, new double[] {1}, 1.5, new Stopping(7, 0, 0));
        checkRun(tie);
        assertEquals(Stopping.Reason.DIVERGED, tie.stoppedBecause(), () -> "with maxIterations = 7 the 7th update "
                + "reaches the NaN cost; rule 4 is checked right after the update, before the loop goes back to rule 1, "
                + "so the reason should be DIVERGED but was " + tie.stoppedBecause());
    }

    @Test
    @Order(15)
    @DisplayName("random starts on ½(x² + 10y²) with η = 0.15 converge: costs never rise, the gradient ends small")
    void convergesOnTheValley() {
        Random random = new Random(231);
        for (int trial = 0; trial < 10; trial++) {
            double[] x0 = {-10 + 20 * random.nextDouble(), -3 + 6 * random.nextDouble()};
            Run run = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, x0, 0.15, new Stopping(1000, 1e-6, 0));
            checkRun(run);
            String start = Arrays.toString(x0);
            assertEquals(Stopping.Reason.SMALL_GRADIENT, run.stoppedBecause(), () -> "from " + start + " the run "
                    + "should end with a small gradient but ended as " + run.stoppedBecause() + " after "
                    + run.iterations());
            double[] g = VALLEY_GRADIENT.apply(run.x());
            assertTrue(Math.hypot(g[0], g[1]) < 1e-6, () -> "from " + start + " the run stopped at "
                    + Arrays.toString(run.x()) + " where ‖∇C‖ = " + Math.hypot(g[0], g[1]) + " is not below 1e-6");
            for (int k = 0; k + 1 < run.costs().size(); k++) {
                int i = k;
                assertTrue(run.costs().get(k + 1) <= run.costs().get(k), () -> "from " + start + " the cost rose "
                        + "from " + run.costs().get(i) + " to " + run.costs().get(i + 1) + " at update " + (i + 1)
                        + ": with η = 0.15 < 2/10 every step should go downhill");
            }
        }
    }

    // ---- helpers ----

    /// ∇C = 2x of C(x) = x², counting its calls in `calls[0]`.
    private static Function<double[], double[]> counting(int[] calls) {
        return x -> {
            calls[0]++;
            return SQUARE_GRADIENT.apply(x);
        };
    }

    /// minimize on C(x) = x² from the one-coordinate start x0.
    private static Run onSquare(double x0, double eta, Stopping stopping) {
        return GradientDescent.minimize(SQUARE, SQUARE_GRADIENT, new double[] {x0}, eta, stopping);
    }

    /// minimize on C(x) = (x − 3)² from the one-coordinate start x0.
    private static Run onShifted(double x0, double eta, Stopping stopping) {
        return GradientDescent.minimize(SHIFTED, SHIFTED_GRADIENT, new double[] {x0}, eta, stopping);
    }

    /// The run, its path and costs exist, hold one entry per point (x₀ and one per update), and
    /// every point of the path is its own array.
    private static void checkRun(Run run) {
        assertNotNull(run, "minimize(...) returned null");
        assertNotNull(run.path(), "the run's path is null: record x₀, x₁, … in a list");
        assertNotNull(run.costs(), "the run's costs are null: record C(x₀), C(x₁), … in a list");
        assertNotNull(run.x(), "the run's x is null");
        assertNotNull(run.stoppedBecause(), "the run's stoppedBecause is null");
        int size = run.path().size();
        assertEquals(run.iterations() + 1, size, () -> "after " + run.iterations() + " updates the path should "
                + "hold " + (run.iterations() + 1) + " points (x₀ and one per update) but held " + size
                + (size <= 1 && run.iterations() >= 1 ? ": record every new point in the path"
                : size == run.iterations() ? ": x₀ is missing, or the last point" : ""));
        assertEquals(size, run.costs().size(), () -> "path and costs should have the same length (one cost per "
                + "point) but had " + size + " and " + run.costs().size());
        for (int k = 1; k < size; k++) {
            int i = k;
            assertNotSame(run.path().get(k - 1), run.path().get(k), () -> "path[" + (i - 1) + "] and path[" + i
                    + "] are the same array, so the path shows only the last point: record a new array for every "
                    + "point (step returns one)");
        }
    }

    /// Coordinate `i` of every point of a path.
    private static double[] coordinate(List<double[]> path, int i) {
        return path.stream().mapToDouble(x -> x[i]).toArray();
    }

    private static boolean near(double actual, double expected) {
        return Math.abs(actual - expected) < 1e-9;
    }

    private static boolean same(double[] actual, double... expected) {
        if (actual == null || actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!near(actual[i], expected[i])) {
                return false;
            }
        }
        return true;
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

package ch05;

/// When a gradient-descent loop stops: three rules, and the first one that holds ends the run.
///
/// - `maxIterations`: stop after this many updates x ← x − η∇C(x). A loop must end, so this rule
///   is always in force; 0 means: make no update at all.
/// - `minGradientNorm`: stop when ‖∇C(x)‖₂ < minGradientNorm at the current x, checked *before*
///   an update (a flat spot: a minimum is near). 0 turns the rule off.
/// - `minImprovement`: stop when one update lowered the cost by less than this,
///   0 ≤ C(x_old) − C(x_new) < minImprovement. 0 turns the rule off.
///
/// Independently of these rules, the loop stops as [Reason#DIVERGED] when the cost becomes
/// infinite or NaN. An update that makes the cost go *up* is not a small improvement: a rising
/// cost is no sign of having arrived, so that rule does not fire then.
///
/// @param maxIterations   the most updates to make, ≥ 0
/// @param minGradientNorm stop when the Euclidean norm of the gradient is below this, ≥ 0 (0: never)
/// @param minImprovement  stop when an update lowers the cost by less than this, ≥ 0 (0: never)
public record Stopping(int maxIterations, double minGradientNorm, double minImprovement) {

    /// Why a run stopped.
    public enum Reason {
        /// `maxIterations` updates were made.
        MAX_ITERATIONS("max iterations"),
        /// ‖∇C(x)‖₂ fell below `minGradientNorm`: the slope is (almost) flat, a minimum is near.
        SMALL_GRADIENT("small gradient"),
        /// The last update lowered the cost by less than `minImprovement`.
        SMALL_IMPROVEMENT("small improvement"),
        /// The cost became infinite or NaN: the learning rate is too large.
        DIVERGED("diverged");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /// The reason in words: "small gradient".
        @Override
        public String toString() {
            return words;
        }
    }

    public Stopping {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be ≥ 0, but was " + maxIterations);
        }
        if (!(minGradientNorm >= 0) || !(minImprovement >= 0)) {
            throw new IllegalArgumentException("minGradientNorm and minImprovement must be ≥ 0 (0 turns the"
                    + " rule off), but were " + minGradientNorm + " and " + minImprovement);
        }
    }

    /// Only the iteration rule: exactly `maxIterations` updates (unless the run diverges).
    public static Stopping after(int maxIterations) {
        return new Stopping(maxIterations, 0, 0);
    }
}

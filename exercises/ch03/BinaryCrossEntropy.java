package ch03;

/// The binary cross-entropy (BCE), the cost of a yes/no prediction: a_n in (0, 1) is the
/// predicted probability of "yes" (a sigmoid's output), y_n the target, 1 for yes and 0 for no
/// (or any probability in [0, 1]):
///
///     C = −(1/N) Σ_n [ y_n ln a_n + (1 − y_n) ln(1 − a_n) ]
///     ∂C/∂a_n = −(1/N) [ y_n / a_n − (1 − y_n) / (1 − a_n) ] = (a_n − y_n) / (a_n (1 − a_n) N)
///
/// Shapes: `a`, `y` and the gradient have length N ≥ 1. For y_n = 1 the loss is −ln a_n: 0 for
/// a_n = 1, and without bound as a_n → 0. A confident wrong answer costs a lot, and its slope
/// is steep: −1/a_n.
///
/// **Confident predictions.** A sigmoid can round to exactly 0 or 1 (σ(40) = 1.0 in double), and
/// ln 0 = −∞, 0 · ln 0 = NaN, 1/0 = ∞. So both methods first clip every prediction to
/// [ε, 1 − ε] with ε = [#EPSILON] = 1e-12, and compute with the clipped value: a confident wrong
/// example then costs −ln ε ≈ 27.63, a confident right one about ε ≈ 0, and the gradient stays finite.
public final class BinaryCrossEntropy implements Cost {

    /// The clipping bound ε: predictions are clipped to [ε, 1 − ε] before any log or division.
    public static final double EPSILON = 1e-12;

    /// C = −(1/N) Σ_n [y_n ln a_n + (1 − y_n) ln(1 − a_n)], with each a_n first clipped to
    /// [ε, 1 − ε]: finite also for a_n = 0 or 1.
    @Override
    public double value(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-bce): clip a_n to [EPSILON, 1 − EPSILON], then the mean loss (about 7 lines).
        throw new UnsupportedOperationException("TODO(ch03-bce) in exercises/ch03/BinaryCrossEntropy.java");
    }

    /// ∂C/∂a_n = (a_n − y_n) / (a_n (1 − a_n) N), with a_n first clipped to [ε, 1 − ε]: finite also
    /// for a_n = 0 or 1 (for y_n = 1 and a_n = 0 it is about −1/(ε N)). Returns a new array of length N.
    @Override
    public double[] gradient(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-bce-gradient): clip a_n, then (a_n − y_n) / (a_n (1 − a_n) N) (about 6 lines).
        throw new UnsupportedOperationException("TODO(ch03-bce-gradient) in exercises/ch03/BinaryCrossEntropy.java");
    }

    @Override
    public String name() {
        return "binary cross-entropy";
    }

    @Override
    public String toString() {
        return name();
    }
}

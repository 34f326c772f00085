package ch03;

/// The mean absolute error (MAE):
///
///     C = (1/N) Σ_n |a_n − y_n|          ∂C/∂a_n = sign(a_n − y_n) / N
///
/// Shapes: `a`, `y` and the gradient have length N ≥ 1. Every error pulls with the same force
/// 1/N whatever its size, so a few outliers count less than in the squared error.
///
/// |a − y| has a kink at a = y: the slope jumps from −1 to +1 and there is no derivative. Any
/// slope in [−1, 1] touches the curve from below there (a *subgradient*); we take the one in
/// the middle, 0, as `Math.signum` and PyTorch do: a prediction that is exactly right is not moved.
public final class MeanAbsoluteError implements Cost {

    /// C = (1/N) Σ_n |a_n − y_n|: 0 exactly when a = y.
    @Override
    public double value(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-mae): the mean of the absolute errors |a_n − y_n| (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch03-mae) in exercises/ch03/MeanAbsoluteError.java");
    }

    /// ∂C/∂a_n = sign(a_n − y_n) / N: +1/N when a_n > y_n, −1/N when a_n < y_n, and the
    /// subgradient 0 when a_n = y_n exactly. Returns a new array of length N.
    @Override
    public double[] gradient(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-mae-gradient): sign(a_n − y_n) / N, 0 when a_n = y_n (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch03-mae-gradient) in exercises/ch03/MeanAbsoluteError.java");
    }

    @Override
    public String name() {
        return "mean absolute error";
    }

    @Override
    public String toString() {
        return name();
    }
}

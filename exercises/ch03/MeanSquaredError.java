package ch03;

/// The mean squared error (MSE), the cost of regression:
///
///     C = (1/N) Σ_n (a_n − y_n)²          ∂C/∂a_n = 2 (a_n − y_n) / N
///
/// Shapes: `a`, `y` and the gradient have length N ≥ 1. The error a_n − y_n is squared, so a
/// twice larger error costs four times as much, and the slope grows with the error: large
/// mistakes get large corrections. (Some books write (1/2N) Σ (a − y)² so that the 2 cancels;
/// here, as in PyTorch's `MSELoss`, there is no 1/2, and the gradient keeps its factor 2.)
public final class MeanSquaredError implements Cost {

    /// C = (1/N) Σ_n (a_n − y_n)²: 0 exactly when a = y.
    @Override
    public double value(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-mse): the mean of the squared errors (a_n − y_n)² (about 6 lines).
        throw new UnsupportedOperationException("TODO(ch03-mse) in exercises/ch03/MeanSquaredError.java");
    }

    /// ∂C/∂a_n = 2 (a_n − y_n) / N: positive when a_n is too large (lower it), negative when too
    /// small. Returns a new array of length N.
    @Override
    public double[] gradient(double[] a, double[] y) {
        int N = Batch.size(a, y);
        // TODO(ch03-mse-gradient): entry n is 2 (a_n − y_n) / N (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch03-mse-gradient) in exercises/ch03/MeanSquaredError.java");
    }

    @Override
    public String name() {
        return "mean squared error";
    }

    @Override
    public String toString() {
        return name();
    }
}

package ch03;

/// A cost with one output per example: how wrong N predictions `a` are for their targets `y`,
/// as one number, and the gradient of that number with respect to the predictions.
///
/// Shapes: `a` and `y` have length N ≥ 1 (a batch, one prediction and one target per example);
/// the value is a number and the gradient has length N, like `a`. Every cost here is the MEAN
/// of a per-example loss ℓ over the batch (PyTorch's default, `reduction='mean'`), so each
/// entry of the gradient carries the factor 1/N:
///
///     C(a, y) = (1/N) Σ_n ℓ(a_n, y_n)          ∂C/∂a_n = ℓ'(a_n, y_n) / N
///
/// Backpropagation starts from this gradient: ∂C/∂a of the output layer.
public interface Cost {

    /// The cost C(a, y), a number ≥ 0, for predictions `a` and targets `y` (both length N ≥ 1).
    double value(double[] a, double[] y);

    /// The gradient ∂C/∂a: a new array of length N whose entry n is ∂C/∂a_n (with the 1/N).
    double[] gradient(double[] a, double[] y);

    /// The cost's name, as the chapter prints it: "mean squared error".
    String name();
}

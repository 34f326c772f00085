package ch04;

/// The gradient of a cost C with respect to the parameters of one neuron.
///
/// - `dw`: ∂C/∂w, length n, entry i is ∂C/∂wᵢ (the same shape as the weights `w`);
/// - `db`: ∂C/∂b, a number (the same shape as the bias `b`).
///
/// A gradient has the shape of the thing it is taken with respect to: `dw[i]` says how fast C
/// grows when `w[i]` alone grows a little, `db` the same for `b`.
public record Gradient(double[] dw, double db) {}

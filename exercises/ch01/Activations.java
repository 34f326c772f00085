package ch01;

/// The three activations of chapter 1, each a function of the weighted input `z`.
///
/// | name    | a = f(z)                      | output range |
/// |---------|-------------------------------|--------------|
/// | step    | 1 when z ≥ 0, else 0          | {0, 1}       |
/// | sigmoid | σ(z) = 1 / (1 + e^(−z))        | (0, 1)       |
/// | ReLU    | max(0, z)                     | [0, ∞)       |
public final class Activations {

    private Activations() {}

    /// The step (Heaviside) function of the perceptron: 1 when `z ≥ 0`, else 0 (so step(0) = 1).
    public static double step(double z) {
        // TODO(ch01-step): return 1 when z ≥ 0 and 0 otherwise (1 line).
        throw new UnsupportedOperationException("TODO(ch01-step) in exercises/ch01/Activations.java");
    }

    /// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), a smooth step from 0 to 1 with σ(0) = 1/2.
    ///
    /// It must stay finite and exact for every finite `z`, also for large |z| such as ±1000:
    /// the form e^z / (1 + e^z) overflows to ∞/∞ = NaN for z > 709.
    public static double sigmoid(double z) {
        // TODO(ch01-sigmoid): compute σ(z) = 1 / (1 + e^(−z)) without overflow for large |z| (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch01-sigmoid) in exercises/ch01/Activations.java");
    }

    /// The rectified linear unit ReLU(z) = max(0, z).
    public static double relu(double z) {
        // TODO(ch01-relu): return z when it is positive and 0 otherwise (1 line).
        throw new UnsupportedOperationException("TODO(ch01-relu) in exercises/ch01/Activations.java");
    }
}

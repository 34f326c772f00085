package ch02;

/// An activation function a = f(z) with its derivative f'(z), both functions of the weighted
/// input `z`.
///
/// **`prime` takes z, not a.** In a network the forward pass computes z = w·x + b, then
/// a = f(z); the backward pass needs the slope da/dz = f'(z) at the same z. For the sigmoid the
/// slope can be written with a (σ'(z) = a(1 − a)), but the argument of `prime` is always z:
///
/// ```java
/// double a = f.value(z);     // forward
/// double slope = f.prime(z); // backward: da/dz at this z, NOT f.prime(a)
/// ```
///
/// | activation | a = f(z)                       | f'(z)                          | range of a |
/// |------------|--------------------------------|--------------------------------|------------|
/// | [Sigmoid]  | σ(z) = 1 / (1 + e^(−z))        | σ(z)(1 − σ(z))                 | (0, 1)     |
/// | [Tanh]     | (e^z − e^(−z)) / (e^z + e^(−z))| 1 − tanh²(z)                   | (−1, 1)    |
/// | [ReLU]     | max(0, z)                      | 1 for z > 0, 0 for z ≤ 0       | [0, ∞)     |
/// | [LeakyReLU]| z for z > 0, αz for z ≤ 0      | 1 for z > 0, α for z ≤ 0       | (−∞, ∞)    |
public interface Activation {

    /// The activation a = f(z).
    double value(double z);

    /// The derivative f'(z) = da/dz, evaluated at the weighted input `z` (not at a = f(z)).
    double prime(double z);

    /// A short name for printing and plot legends: "sigmoid", "tanh", "ReLU", ...
    String name();
}

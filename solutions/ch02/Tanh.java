package ch02;

/// The hyperbolic tangent tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) and its derivative
/// tanh'(z) = 1 − tanh²(z).
///
/// tanh is a sigmoid stretched to (−1, 1) and centred on 0: tanh(z) = 2σ(2z) − 1, tanh(0) = 0,
/// tanh(−z) = −tanh(z). Its slope at 0 is 1, four times the sigmoid's, and it saturates too.
public final class Tanh implements Activation {

    /// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), in (−1, 1); finite for every finite `z`, with
    /// tanh(±1000) = ±1 (the formula as written gives ∞/∞ = NaN there; `Math.tanh` does not).
    @Override
    public double value(double z) {
        // BEGIN SOLUTION ch02-tanh: compute tanh(z), finite for every z (Math.tanh may be used; 1 line).
        return Math.tanh(z);
        // END SOLUTION
    }

    /// tanh'(z) = 1 − tanh²(z) at the weighted input `z` (with a = tanh(z) this is 1 − a²; it is
    /// not 1 − z²).
    ///
    /// In exact arithmetic it is always in (0, 1], with tanh'(0) = 1, and tends to 0 as |z| grows.
    /// In double precision tanh(z) rounds to ±1 from |z| ≈ 19.1 on, so tanh'(z) is exactly 0 there.
    @Override
    public double prime(double z) {
        // BEGIN SOLUTION ch02-tanh-prime: tanh'(z) = 1 − tanh²(z), using value(z) (about 2 lines).
        double a = value(z);
        return 1.0 - a * a;
        // END SOLUTION
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String toString() {
        return name();
    }
}

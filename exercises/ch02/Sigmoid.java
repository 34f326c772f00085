package ch02;

/// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) and its derivative σ'(z) = σ(z)(1 − σ(z)).
///
/// σ squashes every z into (0, 1), with σ(0) = 1/2 and σ(−z) = 1 − σ(z). Its slope is largest
/// at z = 0, where σ'(0) = 1/2 · 1/2 = 1/4, and falls off like e^(−|z|) on both sides: a
/// saturated sigmoid (|z| large) passes almost no gradient back.
public final class Sigmoid implements Activation {

    /// σ(z) = 1 / (1 + e^(−z)), finite and exact for every finite `z`, also for z = ±1000
    /// (the form e^z / (1 + e^z) overflows to ∞/∞ = NaN for z > 709).
    @Override
    public double value(double z) {
        // TODO(ch02-sigmoid): compute σ(z) = 1 / (1 + e^(−z)) without overflow for large |z| (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch02-sigmoid) in exercises/ch02/Sigmoid.java");
    }

    /// σ'(z) = σ(z)(1 − σ(z)) at the weighted input `z` (with a = σ(z) this is a(1 − a)).
    ///
    /// In exact arithmetic it is always in (0, 1/4], with σ'(0) = 1/4, and tends to 0 as |z|
    /// grows. In double precision it reaches 0 exactly: from z ≈ 36.7 on, σ(z) rounds to 1, so
    /// 1 − σ(z) and σ'(z) are 0 (and below z ≈ −745, σ(z) itself underflows to 0). It must be a
    /// number (not NaN) for z = ±1000.
    @Override
    public double prime(double z) {
        // TODO(ch02-sigmoid-prime): σ'(z) = σ(z)(1 − σ(z)), using value(z) (about 2 lines).
        throw new UnsupportedOperationException("TODO(ch02-sigmoid-prime) in exercises/ch02/Sigmoid.java");
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String toString() {
        return name();
    }
}

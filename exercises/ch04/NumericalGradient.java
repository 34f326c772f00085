package ch04;

import java.util.function.ToDoubleFunction;

/// The gradient of a function f: ℝⁿ → ℝ estimated from its values alone, by finite differences.
///
/// The centred difference probes f a step h on each side of x along every axis eᵢ:
///
///     ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h        (error ~ h², from the Taylor series)
///
/// It needs no calculus, only 2n evaluations of f, so it is slow but hard to get wrong: the
/// reference an analytic gradient (the chain rule, backpropagation) is checked against.
public final class NumericalGradient {

    private NumericalGradient() {}

    /// The centred-difference gradient of `f` at `x` (length n) with step `h > 0`: an array of
    /// length n with entry i equal to
    ///
    ///     (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h,
    ///
    /// where eᵢ is the i-th unit vector. `f` is called with `x` itself, with entry i moved by
    /// ±h; afterwards every entry of `x` must hold exactly its old value again (save it and put
    /// it back: x[i] + h − h is not always x[i] in floating point).
    public static double[] centred(ToDoubleFunction<double[]> f, double[] x, double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("the step h must be positive, but was " + h);
        }
        // TODO(ch04-numerical-gradient): probe x[i] ± h, then restore x[i], for each i (about 10 lines).
        throw new UnsupportedOperationException("TODO(ch04-numerical-gradient) in exercises/ch04/NumericalGradient.java");
    }

    /// The relative error of two numbers (CS231n's rel_error):
    ///
    ///     |a − b| / max(1e-8, |a| + |b|).
    ///
    /// It compares the difference with the size of the numbers, so 1e-7 means "agree to about 7
    /// digits" whether the numbers are 1e-3 or 1e3. The floor 1e-8 keeps it finite when both are 0
    /// (then it is 0) and stops two tiny numbers from counting as far apart.
    public static double relativeError(double a, double b) {
        // TODO(ch04-relative-error): |a − b| divided by the larger of 1e-8 and |a| + |b| (1 line).
        throw new UnsupportedOperationException("TODO(ch04-relative-error) in exercises/ch04/NumericalGradient.java");
    }
}

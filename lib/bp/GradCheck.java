package bp;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/// The numerical gradient check: is the gradient that backprop computed (the *analytic*
/// gradient) the slope of the function? Every chapter's tests and lessons use it.
///
/// The numeric gradient is a centred difference, one coordinate at a time:
///
/// $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}, \qquad h = 10^{-5}$$
///
/// and the two are compared with the relative error $|a - n| / \max(10^{-8}, |a| + |n|)$:
///
/// | relative error | what it means (in double, with the step [#H])                          |
/// |----------------|------------------------------------------------------------------------|
/// | < 1e-7         | right ([#TOLERANCE]); smooth functions usually give 1e-9 or less        |
/// | 1e-7 to 1e-4   | suspicious for a smooth function; can be right next to a kink           |
/// | 1e-4 to 1e-2   | probably wrong                                                          |
/// | > 1e-2         | wrong                                                                   |
///
/// A kink is where the function has no derivative, like ReLU at 0 or max where two inputs tie:
/// a probe x ± h that straddles it gives a large error even for a correct gradient, so keep
/// the inputs of a check away from kinks. Large values of f also hurt: the rounding error of
/// f(x + h e_i) − f(x − h e_i) grows with |f|, so check on small inputs.
///
/// ```java
/// double[] dw = backprop(w);                                      // analytic ∂C/∂w
/// double[] numeric = GradCheck.numericGradient(v -> cost(w), w);  // probes w in place
/// GradCheck.Report r = GradCheck.compare("dC/dw", dw, numeric);
/// IO.println(r);        // dC/dw[2]: analytic 0.123456 numeric 0.123457 relative error 3.1e-09 (analytic − numeric = ...)
/// if (!r.passes()) ...  // relative error 1e-7 or more
/// ```
public final class GradCheck {

    /// The default step of the centred difference. Its truncation error is O(h²) ≈ 1e-10 and
    /// its rounding error about 1e-16 / h ≈ 1e-11: both well below [#TOLERANCE].
    public static final double H = 1e-5;

    /// The largest relative error that counts as a correct gradient of a smooth function.
    public static final double TOLERANCE = 1e-7;

    /// The floor of the relative error's denominator, so that two values both (near) zero agree.
    private static final double FLOOR = 1e-8;

    private GradCheck() {}

    /// The numeric gradient of a scalar function, with the step [#H].
    ///
    /// Inputs: f, a function of a vector; x, the point (length n).
    /// Returns: dX, length n, `dX[i] = (f(x + h·e_i) − f(x − h·e_i)) / 2h`.
    ///
    /// Each coordinate of `x` itself is moved by ±h while f is evaluated and restored
    /// afterwards, so `f` may ignore its argument and read the array it closes over (the weights
    /// of a layer). On return `x` holds exactly its old values.
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
        return numericGradient(f, x, H);
    }

    /// [#numericGradient(ToDoubleFunction, double[])] with the step `h`.
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] dX = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double old = x[i];
            try {
                x[i] = old + h;
                double fPlus = f.applyAsDouble(x);
                x[i] = old - h;
                double fMinus = f.applyAsDouble(x);
                dX[i] = (fPlus - fMinus) / (2 * h);
            } finally {
                x[i] = old;
            }
        }
        return dX;
    }

    /// The numeric gradient through a vector-valued function, given the upstream gradient,
    /// with the step [#H] (CS231n's `eval_numerical_gradient_array`).
    ///
    /// Inputs: f, a function from a vector (length n) to a vector (length k); x, the point
    /// (length n); dOut = ∂C/∂out, the gradient of the cost with respect to f's output (length k).
    /// Returns: dX = ∂C/∂x, length n, `dX[i] = Σ_j (f(x + h·e_i) − f(x − h·e_i))[j] · dOut[j] / 2h`.
    ///
    /// This is the check for a layer's backward pass: backward receives dOut and returns dX.
    /// `x` is probed in place and restored, as in [#numericGradient(ToDoubleFunction, double[])],
    /// and f's output is used before the next call, so f may return the same array each time.
    public static double[] numericGradientArray(Function<double[], double[]> f, double[] x, double[] dOut) {
        return numericGradientArray(f, x, dOut, H);
    }

    /// [#numericGradientArray(Function, double[], double[])] with the step `h`.
    public static double[] numericGradientArray(Function<double[], double[]> f, double[] x, double[] dOut, double h) {
        // C(x) = Σ_j f(x)_j · dOut[j] is a scalar whose gradient is ∂C/∂x.
        return numericGradient(v -> dot(checkLength(f.apply(v), dOut), dOut), x, h);
    }

    /// The relative error |a − b| / max(1e-8, |a| + |b|): 0 when a = b (also both zero), 1 when
    /// they have opposite signs.
    public static double relError(double a, double b) {
        return Math.abs(a - b) / Math.max(FLOOR, Math.abs(a) + Math.abs(b));
    }

    /// The largest [#relError(double, double)] over the coordinates of `a` and `b` (same
    /// length); NaN when any value is NaN.
    public static double maxRelError(double[] a, double[] b) {
        return compare("", a, b).relError();
    }

    /// Where the analytic and the numeric gradient disagree most.
    ///
    /// @param name     what the gradient is, as the chapter writes it ("dC/dw")
    /// @param index    the coordinate with the largest relative error (-1 for empty gradients)
    /// @param analytic the analytic gradient there
    /// @param numeric  the numeric gradient there
    /// @param relError the relative error there, the largest over all coordinates
    /// @param columns  the number of columns when the gradient is a matrix stored row by row
    ///                 (the coordinate then prints as `[row][column]`), 0 for a vector
    public record Report(String name, int index, double analytic, double numeric, double relError, int columns) {

        public Report(String name, int index, double analytic, double numeric, double relError) {
            this(name, index, analytic, numeric, relError, 0);
        }

        /// True when the relative error is below `tolerance` (false for NaN).
        public boolean passes(double tolerance) {
            return relError < tolerance;
        }

        /// True when the relative error is below [#TOLERANCE], right for a smooth function.
        public boolean passes() {
            return passes(TOLERANCE);
        }

        /// Which parameter is off and by how much:
        /// `dC/dw[2]: analytic 0.123456 numeric 0.123457 relative error 4.1e-06 (analytic − numeric = -1.0e-06)`,
        /// with `dC/dW[1][2]` for a matrix.
        @Override
        public String toString() {
            String where = columns > 0 && index >= 0 ? "[" + index / columns + "][" + index % columns + "]" : "[" + index + "]";
            return String.format(Locale.ROOT, "%s%s: analytic %.6f numeric %.6f relative error %.1e (analytic − numeric = %.1e)",
                    name, where, analytic, numeric, relError, analytic - numeric);
        }
    }

    /// Compares an analytic gradient with a numeric one (same length) and reports the
    /// coordinate with the largest relative error.
    public static Report compare(String name, double[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException(name + ": the analytic gradient has " + analytic.length
                    + " values but the numeric one " + numeric.length);
        }
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < analytic.length; i++) {
            double e = relError(analytic[i], numeric[i]);
            // The largest error wins; a NaN (a broken gradient) wins over any number.
            if (worst < 0 || e > worstError || Double.isNaN(e) && !Double.isNaN(worstError)) {
                worst = i;
                worstError = e;
            }
        }
        return worst < 0
                ? new Report(name, -1, 0, 0, 0)
                : new Report(name, worst, analytic[worst], numeric[worst], worstError);
    }

    /// [#compare(String, double[], double[])] for a gradient matrix with `columns` columns, stored
    /// row by row (EJML's `data`): the report names the entry as `[row][column]`.
    public static Report compare(String name, double[] analytic, double[] numeric, int columns) {
        Report r = compare(name, analytic, numeric);
        return new Report(r.name(), r.index(), r.analytic(), r.numeric(), r.relError(), columns);
    }

    /// Computes the numeric gradient of `f` at `x` and compares `analytic` with it.
    public static Report check(String name, ToDoubleFunction<double[]> f, double[] x, double[] analytic) {
        return compare(name, analytic, numericGradient(f, x));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    private static double[] checkLength(double[] out, double[] dOut) {
        if (out.length != dOut.length) {
            throw new IllegalArgumentException("f returns " + out.length + " values but dOut has " + dOut.length);
        }
        return out;
    }
}

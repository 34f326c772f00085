package ch07;

import ch06.Parameter;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/// Helpers of the chapter 7 tests: parameters as 1×n (or rows×cols) matrices, gradients set by
/// hand, and comparisons with the typical wrong answers.
final class Params {

    /// Values worked out by hand with a few decimal fractions: equal up to round-off.
    static final double EXACT = 1e-12;

    private Params() {}

    /// A parameter named `name` holding the 1×n row `theta`, with a zero gradient.
    static Parameter row(String name, double... theta) {
        return new Parameter(name, new DMatrixRMaj(1, theta.length, true, theta), new DMatrixRMaj(1, theta.length));
    }

    /// A rows×cols parameter of seeded Gaussian values, with a zero gradient.
    static Parameter gaussian(String name, int rows, int cols, Random random) {
        Parameter p = new Parameter(name, new DMatrixRMaj(rows, cols), new DMatrixRMaj(rows, cols));
        for (int i = 0; i < rows * cols; i++) {
            p.value().data[i] = random.nextGaussian();
        }
        return p;
    }

    /// Sets the gradient of `p` to `g` (its entries in row-major order) and returns `p`.
    static Parameter gradient(Parameter p, double... g) {
        System.arraycopy(g, 0, p.gradient().data, 0, g.length);
        return p;
    }

    /// Fills the gradient of `p` with seeded Gaussian values times `scale`.
    static void randomGradient(Parameter p, Random random, double scale) {
        for (int i = 0; i < p.gradient().getNumElements(); i++) {
            p.gradient().data[i] = scale * random.nextGaussian();
        }
    }

    /// The entries of the value of `p`, row after row.
    static double[] theta(Parameter p) {
        return Arrays.copyOf(p.value().data, p.value().getNumElements());
    }

    /// The entries of the gradient of `p`, row after row.
    static double[] g(Parameter p) {
        return Arrays.copyOf(p.gradient().data, p.gradient().getNumElements());
    }

    /// Whether `actual` equals `expected` entry by entry up to 1e-9.
    static boolean same(double[] actual, double... expected) {
        if (actual == null || actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) < 1e-9)) {
                return false;
            }
        }
        return true;
    }

    /// Whether any entry of `values` is NaN or infinite.
    static boolean notFinite(double[] values) {
        return Arrays.stream(values).anyMatch(v -> !Double.isFinite(v));
    }

    /// "(0.5, -1.0)".
    static String show(double[] values) {
        return Arrays.toString(values).replace('[', '(').replace(']', ')');
    }
}

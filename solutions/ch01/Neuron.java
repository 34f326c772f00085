package ch01;

import java.util.Arrays;

/// One sigmoid neuron with weights `w` and bias `b`.
///
/// For an input `x` with as many entries as `w` it computes the weighted input and the activation
///
///     z = w·x + b = Σᵢ wᵢ xᵢ + b
///     a = σ(z)
///
/// Shapes: `w` and `x` are vectors of length n (the number of inputs); `z`, `a` and `b` are
/// numbers. A batch `X` is an m × n array: one example per row.
public final class Neuron {

    private final double[] w;
    private final double b;

    /// A neuron with weights `w` (length n ≥ 1, copied) and bias `b`.
    public Neuron(double[] w, double b) {
        if (w.length == 0) {
            throw new IllegalArgumentException("a neuron needs at least one weight");
        }
        this.w = w.clone();
        this.b = b;
    }

    /// The weights (a copy), length n.
    public double[] w() {
        return w.clone();
    }

    /// The bias.
    public double b() {
        return b;
    }

    /// The number of inputs n.
    public int inputs() {
        return w.length;
    }

    /// The weighted input z = w·x + b for one input `x` of length n.
    public double z(double[] x) {
        checkLength(x);
        // BEGIN SOLUTION ch01-z: the weighted input z = w·x + b = Σᵢ wᵢ xᵢ + b (about 5 lines).
        double z = b;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        return z;
        // END SOLUTION
    }

    /// The activation a = σ(z) = σ(w·x + b) for one input `x` of length n.
    public double a(double[] x) {
        return Activations.sigmoid(z(x));
    }

    /// The activations of a batch: `X` is m × n (one example per row); returns the m outputs
    /// a[j] = σ(w·X[j] + b), in the order of the rows. `X` is not modified.
    public double[] a(double[][] X) {
        // BEGIN SOLUTION ch01-batch: one activation per row of X (about 5 lines).
        double[] a = new double[X.length];
        for (int j = 0; j < X.length; j++) {
            a[j] = a(X[j]);
        }
        return a;
        // END SOLUTION
    }

    @Override
    public String toString() {
        return "Neuron(w=" + Arrays.toString(w) + ", b=" + b + ")";
    }

    private void checkLength(double[] x) {
        if (x.length != w.length) {
            throw new IllegalArgumentException("the input has " + x.length + " entries but the neuron has " + w.length + " weights");
        }
    }
}

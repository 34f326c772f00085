package ch04;

/// The backward pass of one sigmoid neuron with the squared-error cost, by the chain rule.
///
/// Forward, for one example `x` (length n) with target `y`:
///
///     z = w·x + b = Σᵢ wᵢxᵢ + b
///     a = σ(z) = 1 / (1 + e^(−z))
///     C = (a − y)²
///
/// Backward, one factor per arrow of the forward pass, multiplied from C back to each parameter:
///
///     ∂C/∂a  = 2(a − y)
///     ∂a/∂z  = σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)
///     ∂z/∂wᵢ = xᵢ          ∂z/∂b = 1
///
///     ∂C/∂wᵢ = ∂C/∂a · ∂a/∂z · ∂z/∂wᵢ = 2(a − y) · σ'(z) · xᵢ
///     ∂C/∂b  = ∂C/∂a · ∂a/∂z · ∂z/∂b  = 2(a − y) · σ'(z)
///
/// The product δ = ∂C/∂z = ∂C/∂a · ∂a/∂z is shared by every parameter: compute it once.
///
/// For a batch of m examples (`X` is m × n, one example per row, `y` has length m) the cost is
/// the mean C = (1/m) Σⱼ (aⱼ − yⱼ)², so its gradient is the mean of the m single gradients.
public final class ChainRule {

    private ChainRule() {}

    /// The gradient of C = (a − y)² for one example: `w` and `x` have length n ≥ 1, `b` and `y`
    /// are numbers. Returns ∂C/∂w (length n) and ∂C/∂b, with a = σ(w·x + b) and
    ///
    ///     ∂C/∂wᵢ = 2(a − y) · σ'(z) · xᵢ,    ∂C/∂b = 2(a − y) · σ'(z),    σ'(z) = σ(z)(1 − σ(z)).
    ///
    /// Neither `w` nor `x` is modified. Use [#sigmoid] for σ.
    public static Gradient neuron(double[] w, double b, double[] x, double y) {
        checkLengths(w, x);
        // BEGIN SOLUTION ch04-neuron-backward: z and a, then ∂C/∂w and ∂C/∂b by the chain rule (about 12 lines).
        // forward: z = w·x + b, a = σ(z)
        double z = b;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        double a = sigmoid(z);
        // backward: δ = ∂C/∂z = ∂C/∂a · ∂a/∂z = 2(a − y) · σ(z)(1 − σ(z))
        double delta = 2 * (a - y) * a * (1 - a);
        // dC/dw = dC/da · da/dz · dz/dw, with dz/dwᵢ = xᵢ
        double[] dw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            dw[i] = delta * x[i];
        }
        // dC/db = dC/da · da/dz · dz/db, with dz/db = 1
        return new Gradient(dw, delta);
        // END SOLUTION
    }

    /// The gradient of the mean cost C = (1/m) Σⱼ (aⱼ − yⱼ)² over a batch: `X` is m × n (one
    /// example per row, m ≥ 1), `y` has length m, `w` length n. Returns ∂C/∂w (length n) and ∂C/∂b,
    /// the mean over the rows j of the single-example gradients
    /// ([#neuron(double[], double, double[], double)]):
    ///
    ///     ∂C/∂wᵢ = (1/m) Σⱼ 2(aⱼ − yⱼ) · σ'(zⱼ) · Xⱼᵢ,    ∂C/∂b = (1/m) Σⱼ 2(aⱼ − yⱼ) · σ'(zⱼ).
    ///
    /// Neither `w`, `X` nor `y` is modified.
    public static Gradient neuron(double[] w, double b, double[][] X, double[] y) {
        checkBatch(w, X, y);
        // BEGIN SOLUTION ch04-batch-backward: the mean of the m rows' gradients (about 10 lines).
        int m = X.length;
        double[] dw = new double[w.length];
        double db = 0;
        for (int j = 0; j < m; j++) {
            Gradient g = neuron(w, b, X[j], y[j]);
            for (int i = 0; i < w.length; i++) {
                dw[i] += g.dw()[i] / m;
            }
            db += g.db() / m;
        }
        return new Gradient(dw, db);
        // END SOLUTION
    }

    /// The cost of one example: C = (a − y)² with a = σ(w·x + b); `w` and `x` have length n.
    public static double cost(double[] w, double b, double[] x, double y) {
        checkLengths(w, x);
        double z = b;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        double e = sigmoid(z) - y;
        return e * e;
    }

    /// The mean cost of a batch: C = (1/m) Σⱼ (aⱼ − yⱼ)² with aⱼ = σ(w·X[j] + b); `X` is m × n
    /// (m ≥ 1), `y` has length m, `w` length n.
    public static double cost(double[] w, double b, double[][] X, double[] y) {
        checkBatch(w, X, y);
        double sum = 0;
        for (int j = 0; j < X.length; j++) {
            sum += cost(w, b, X[j], y[j]);
        }
        return sum / X.length;
    }

    /// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)): chapter 1's `Activations.sigmoid`, under a
    /// short name so that the chain rule above reads like the math.
    public static double sigmoid(double z) {
        return ch01.Activations.sigmoid(z);
    }

    private static void checkLengths(double[] w, double[] x) {
        if (w.length == 0) {
            throw new IllegalArgumentException("a neuron needs at least one weight");
        }
        if (x.length != w.length) {
            throw new IllegalArgumentException("the input has " + x.length + " entries but the neuron has "
                    + w.length + " weights");
        }
    }

    private static void checkBatch(double[] w, double[][] X, double[] y) {
        if (X.length == 0) {
            throw new IllegalArgumentException("the batch X is empty: it needs at least one row");
        }
        if (y.length != X.length) {
            throw new IllegalArgumentException("the batch X has " + X.length + " rows but y has " + y.length
                    + " targets");
        }
        for (double[] row : X) {
            checkLengths(w, row);
        }
    }
}

package ch02;

/// The softmax turns K scores z = (z₁, …, z_K) (the "logits") into K probabilities:
///
///     p_k = e^(z_k) / Σ_j e^(z_j)          every p_k in (0, 1), Σ_k p_k = 1
///
/// A larger z_k gives a larger p_k, and only the differences between the scores matter:
/// adding the same c to every z_k multiplies the top and the bottom by e^c and changes nothing.
/// That is what makes it stable: with c = −max_j z_j the largest exponent is e^0 = 1, so nothing
/// overflows, and the sum is at least 1, so nothing divides by 0.
///
/// Shapes: z and p are vectors of length K ≥ 1 (one score and one probability per class); the
/// Jacobian is K × K.
public final class Softmax {

    private Softmax() {}

    /// The softmax p of the scores `z` (length K ≥ 1), computed stably:
    ///
    ///     m = max_j z_j,   p_k = e^(z_k − m) / Σ_j e^(z_j − m)
    ///
    /// Returns a new array of K probabilities that sum to 1 (up to round-off); `z` is not
    /// modified. It must work for large scores: softmax(1000, 1000) = (0.5, 0.5), and
    /// softmax(1000, 1001, 1002) = softmax(0, 1, 2), where [#naive] gives NaN.
    public static double[] of(double[] z) {
        checkNotEmpty(z);
        // BEGIN SOLUTION ch02-softmax: p_k = e^(z_k − m) / Σ_j e^(z_j − m) with m = max z (about 10 lines).
        double m = Double.NEGATIVE_INFINITY;
        for (double zk : z) {
            m = Math.max(m, zk);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - m);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
        // END SOLUTION
    }

    /// The softmax straight from the formula, p_k = e^(z_k) / Σ_j e^(z_j), without subtracting
    /// the maximum: for comparison only. e^x overflows to ∞ for x > 709.78, and ∞/∞ = NaN, so
    /// naive(1000, 1001, 1002) is (NaN, NaN, NaN); and e^x underflows to 0 for x < −745, so
    /// naive(−1000, −1000) is 0/0 = (NaN, NaN).
    public static double[] naive(double[] z) {
        checkNotEmpty(z);
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k]);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /// The Jacobian of the softmax at `z` (length K ≥ 1): the K × K array
    ///
    ///     J[i][j] = ∂p_i/∂z_j = p_i (δ_ij − p_j)      (δ_ij = 1 when i = j, else 0)
    ///
    /// with p = [#of](z): p_i(1 − p_i) on the diagonal, −p_i p_j off it. Row i is the gradient of
    /// p_i; every column sums to 0, because Σ_i p_i = 1 whatever z is.
    public static double[][] jacobian(double[] z) {
        checkNotEmpty(z);
        // BEGIN SOLUTION ch02-softmax-jacobian: p = of(z), then J[i][j] = p_i(δ_ij − p_j) (about 8 lines).
        double[] p = of(z);
        int K = p.length;
        double[][] J = new double[K][K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                J[i][j] = p[i] * ((i == j ? 1.0 : 0.0) - p[j]);
            }
        }
        return J;
        // END SOLUTION
    }

    private static void checkNotEmpty(double[] z) {
        if (z.length == 0) {
            throw new IllegalArgumentException("the softmax needs at least one score, got an empty array");
        }
    }
}

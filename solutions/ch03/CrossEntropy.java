package ch03;

import ch02.Softmax;

/// The multi-class cross-entropy on probabilities: each of N examples belongs to one of K
/// classes, the network predicts a probability for each class (a softmax's output), and the
/// cost is the mean of −ln(probability given to the right class):
///
///     C = −(1/N) Σ_n Σ_k y_nk ln p_nk          ∂C/∂p_nk = −y_nk / (p_nk N)
///
/// Shapes: `p` and `y` are N × K, rows = examples, columns = classes; the gradients are N × K too.
/// A row of `y` is one-hot: 1 in the column of the example's class, 0 elsewhere (Σ_k y_nk = 1).
/// Only the target class's p_nk enters the sum, so the gradient is 0 in every other column.
///
/// With p = softmax(z) for scores z (the *logits*), the gradient with respect to z collapses to
/// (p − y)/N ([#softmaxGradient]): the reason softmax and cross-entropy always come together.
///
/// Like [BinaryCrossEntropy], `value` and `gradient` clip p_nk to at least ε = [#EPSILON] = 1e-12
/// first, so that p_nk = 0 gives −ln ε ≈ 27.63 instead of ∞ and 0 · ln 0 never becomes NaN.
public final class CrossEntropy {

    /// The clipping bound ε: probabilities are clipped to at least ε before any log or division.
    public static final double EPSILON = 1e-12;

    private CrossEntropy() {}

    /// C = −(1/N) Σ_n Σ_k y_nk ln p_nk for probabilities `p` and one-hot targets `y` (both N × K),
    /// with each p_nk first clipped to at least ε: finite also when p_nk = 0. For one-hot rows this
    /// is the mean over the examples of −ln(p of the right class).
    public static double value(double[][] p, double[][] y) {
        int N = Batch.rows(p, y, "p");
        // BEGIN SOLUTION ch03-ce: −(1/N) Σ_n Σ_k y_nk ln(max(p_nk, EPSILON)) (about 7 lines).
        double sum = 0;
        for (int n = 0; n < N; n++) {
            for (int k = 0; k < p[n].length; k++) {
                sum += y[n][k] * Math.log(Math.max(p[n][k], EPSILON));
            }
        }
        return -sum / N;
        // END SOLUTION
    }

    /// ∂C/∂p: the N × K array −y_nk / (p_nk N), with p_nk first clipped to at least ε (finite
    /// for p_nk = 0), and exactly 0 where y_nk = 0. A new array; `p` and `y` are not modified.
    public static double[][] gradient(double[][] p, double[][] y) {
        int N = Batch.rows(p, y, "p");
        // BEGIN SOLUTION ch03-ce-gradient: −y_nk / (max(p_nk, EPSILON) N), 0 where y_nk = 0 (about 8 lines).
        double[][] dP = new double[N][];
        for (int n = 0; n < N; n++) {
            dP[n] = new double[p[n].length];
            for (int k = 0; k < p[n].length; k++) {
                dP[n][k] = y[n][k] == 0 ? 0 : -y[n][k] / (Math.max(p[n][k], EPSILON) * N);
            }
        }
        return dP;
        // END SOLUTION
    }

    /// ∂C/∂z for p = softmax(z) row by row and C = [#value](p, y): the N × K array
    ///
    ///     ∂C/∂z_nk = (p_nk − y_nk) / N
    ///
    /// Why (one row, the index n dropped): ∂C/∂p_i = −y_i / (N p_i) and ∂p_i/∂z_k = p_i (δ_ik − p_k)
    /// (the softmax Jacobian of chapter 2), so by the chain rule
    ///
    ///     ∂C/∂z_k = Σ_i −y_i / (N p_i) · p_i (δ_ik − p_k) = (−y_k + p_k Σ_i y_i) / N = (p_k − y_k) / N
    ///
    /// since Σ_i y_i = 1. The p_i cancel: no division, nothing to clip, every entry in [−1/N, 1/N].
    ///
    /// Inputs: z, the N × K scores (any finite numbers, also large ones like 1000: use the stable
    /// `ch02.Softmax.of` for each row); y, the N × K one-hot targets. Returns a new N × K array.
    public static double[][] softmaxGradient(double[][] z, double[][] y) {
        int N = Batch.rows(z, y, "z");
        // BEGIN SOLUTION ch03-softmax-ce-gradient: p = Softmax.of(z[n]), then (p − y) / N (about 8 lines).
        double[][] dZ = new double[N][];
        for (int n = 0; n < N; n++) {
            double[] p = Softmax.of(z[n]);
            dZ[n] = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                dZ[n][k] = (p[k] - y[n][k]) / N;
            }
        }
        return dZ;
        // END SOLUTION
    }
}

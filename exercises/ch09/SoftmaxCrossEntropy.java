package ch09;

import org.ejml.data.DMatrixRMaj;

/// Softmax followed by the cross-entropy cost, on a whole batch (chapters 2 and 3):
///
///     P_ik = e^(Z_ik) / Σ_j e^(Z_ij)                 (each row of P sums to 1)
///     C    = −(1/m) Σ_i log P_i,y_i                  (the mean over the batch)
///     ∂C/∂Z = (P − Y) / m                            (Y the one-hot labels)
///
/// Shapes: the logits Z and the probabilities P are m×K (m examples, one per row, K classes),
/// `labels` has length m. The softmax subtracts each row's largest logit first (which changes
/// nothing mathematically) so that no e^z overflows, and the cost uses log P_iy = Z_iy − max_i −
/// log Σ_j e^(Z_ij − max_i), so that it stays finite even when P_iy rounds to 0.
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /// Writes softmax(Z) row by row into `P` (m×K, may be `Z` itself): P_ik = e^(Z_ik − max_i) / Σ_j e^(Z_ij − max_i).
    public static void softmax(DMatrixRMaj Z, DMatrixRMaj P) {
        if (P.numRows != Z.numRows || P.numCols != Z.numCols) {
            throw new IllegalArgumentException("softmax needs P of the shape of Z: Z is " + Z.numRows + "×" + Z.numCols
                    + ", P is " + P.numRows + "×" + P.numCols);
        }
        int K = Z.numCols;
        for (int i = 0; i < Z.numRows; i++) {
            int row = i * K;
            double max = rowMax(Z, i);
            double total = 0;
            for (int k = 0; k < K; k++) {
                P.data[row + k] = Math.exp(Z.data[row + k] - max);
                total += P.data[row + k];
            }
            for (int k = 0; k < K; k++) {
                P.data[row + k] /= total;
            }
        }
    }

    /// Writes softmax(Z) into `P` (m×K, may be `Z` itself) and returns the mean cross-entropy
    /// C = −(1/m) Σ_i log P_i,y_i of the batch with these `labels` (length m).
    public static double forward(DMatrixRMaj Z, int[] labels, DMatrixRMaj P) {
        int m = Z.numRows, K = Z.numCols;
        if (labels.length != m) {
            throw new IllegalArgumentException("the cost needs one label per row of Z: Z is " + m + "×" + K + ", "
                    + labels.length + " labels");
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            // −log P_iy = log Σ_j e^(z_ij) − z_iy, with the row's max taken out so that no e^z overflows
            double max = rowMax(Z, i);
            double total = 0;
            for (int k = 0; k < K; k++) {
                total += Math.exp(Z.data[i * K + k] - max);
            }
            sum += max + Math.log(total) - Z.data[i * K + labels[i]];
        }
        softmax(Z, P);
        return sum / m;
    }

    private static double rowMax(DMatrixRMaj Z, int i) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < Z.numCols; k++) {
            max = Math.max(max, Z.data[i * Z.numCols + k]);
        }
        return max;
    }

    /// Writes ∂C/∂Z = (P − Y)/m into `delta` (m×K, may be `P` itself), for the probabilities `P`
    /// (m×K) of the batch and its `labels` (length m), Y being their one-hot encoding.
    public static void gradient(DMatrixRMaj P, int[] labels, DMatrixRMaj delta) {
        int m = P.numRows, K = P.numCols;
        if (labels.length != m || delta.numRows != m || delta.numCols != K) {
            throw new IllegalArgumentException("the gradient needs P and delta of the same shape and one label per row: P is "
                    + m + "×" + K + ", delta is " + delta.numRows + "×" + delta.numCols + ", " + labels.length + " labels");
        }
        // TODO(ch09-softmax-gradient): delta = (P − Y)/m, where Y is 1 at (i, labels[i]) and 0 elsewhere (about 6 lines; no need to build Y).
        throw new UnsupportedOperationException("TODO(ch09-softmax-gradient) in exercises/ch09/SoftmaxCrossEntropy.java");
    }
}

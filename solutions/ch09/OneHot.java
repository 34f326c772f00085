package ch09;

import org.ejml.data.DMatrixRMaj;

/// One-hot encoding: the digit y becomes the vector of K numbers that is 1 at position y and 0
/// elsewhere, the target distribution of the cross-entropy cost (chapter 3):
///
///     y = 3, K = 10   →   (0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
///
/// Shapes: `labels` has length m (one label per example); the result Y is m×K, row i the one-hot
/// vector of labels[i].
public final class OneHot {

    private OneHot() {}

    /// The m×K matrix with Y[i][labels[i]] = 1 and every other entry 0.
    ///
    /// Throws IllegalArgumentException, naming the position, when a label is outside 0 … K − 1.
    public static DMatrixRMaj encode(int[] labels, int K) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= K) {
                throw new IllegalArgumentException("label " + labels[i] + " at position " + i
                        + " is not a class: with K = " + K + " classes the labels are 0 to " + (K - 1));
            }
        }
        DMatrixRMaj Y = new DMatrixRMaj(labels.length, K);
        // BEGIN SOLUTION ch09-one-hot: put a 1 in row i, column labels[i], for every example i (about 3 lines).
        for (int i = 0; i < labels.length; i++) {
            Y.set(i, labels[i], 1.0);
        }
        return Y;
        // END SOLUTION
    }
}

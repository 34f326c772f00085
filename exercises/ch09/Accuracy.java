package ch09;

import org.ejml.data.DMatrixRMaj;

/// Accuracy: the fraction of examples whose predicted class is the true one. The prediction is
/// the class with the largest score (probability or logit: softmax keeps the order),
///
///     ŷ_i = argmax_k P_ik          accuracy = (1/m) Σ_i 1[ŷ_i = y_i]
///
/// Shapes: `P` is m×K (one example per row), `labels` has length m.
public final class Accuracy {

    private Accuracy() {}

    /// The predicted class of every row of `P` (m×K): the column of its largest entry, the first
    /// one on a tie. Returns an array of length m.
    public static int[] predictions(DMatrixRMaj P) {
        int[] predicted = new int[P.numRows];
        // TODO(ch09-argmax): for each row, the column index of its largest entry (the first on a tie) (about 10 lines).
        throw new UnsupportedOperationException("TODO(ch09-argmax) in exercises/ch09/Accuracy.java");
    }

    /// The fraction of rows of `P` (m×K) whose largest entry is at the column `labels[i]`: a number
    /// between 0 and 1.
    public static double of(DMatrixRMaj P, int[] labels) {
        return of(predictions(P), labels);
    }

    /// The fraction of `predicted` classes equal to the true `labels` (both of length m ≥ 1): a
    /// number between 0 and 1.
    public static double of(int[] predicted, int[] labels) {
        if (predicted.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("accuracy needs one prediction per label and at least one: got "
                    + predicted.length + " predictions and " + labels.length + " labels");
        }
        // TODO(ch09-accuracy): count the examples whose prediction equals the label and divide by m (about 6 lines).
        throw new UnsupportedOperationException("TODO(ch09-accuracy) in exercises/ch09/Accuracy.java");
    }
}

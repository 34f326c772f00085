package playground;

import ch02.Softmax;
import ch03.BinaryCrossEntropy;
import ch03.Cost;
import ch03.CrossEntropy;
import ch03.MeanAbsoluteError;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/// Chapter 3's costs on a whole batch of network outputs, so that chapter 6's backward pass can
/// start from their gradient. The arithmetic is chapter 3's own classes; this only hands them the
/// m×k entries of a matrix.
///
/// Shapes: the network's output `out` and the targets `Y` are m×k (m examples, one per row, k
/// outputs each); the gradient ∂C/∂out is m×k too. For the mean squared error, the mean absolute
/// error and the binary cross-entropy, `out` is the output layer's activation a and the cost is
/// the mean over all m·k entries (as `ch06.MeanSquaredError` does). For the cross-entropy, `out`
/// is the output layer's z (the logits, with no activation after them): the cost is chapter 3's
/// multi-class cross-entropy of p = softmax(z), and its gradient with respect to z is (p − y)/m
/// ([CrossEntropy#softmaxGradient]).
interface Loss {

    /// The cost C for the outputs `out` and the one-hot (or 0/1) targets `Y`, both m×k.
    double value(DMatrixRMaj out, DMatrixRMaj Y);

    /// ∂C/∂out (m×k), where backpropagation starts.
    DMatrixRMaj gradient(DMatrixRMaj out, DMatrixRMaj Y);

    /// What the network predicts from `out`: the probabilities (m×k) of the classes (a itself,
    /// or softmax(z) for the cross-entropy).
    default DMatrixRMaj probabilities(DMatrixRMaj out) {
        return out;
    }

    /// Whether the output layer has an activation (all costs but the cross-entropy, whose softmax
    /// is part of the cost).
    default boolean outputActivation() {
        return true;
    }

    /// The cost `name` ([Spec#COSTS]).
    static Loss of(String name) {
        return switch (name) {
            case "mse" -> new Entries(new ch03.MeanSquaredError());
            case "mae" -> new Entries(new MeanAbsoluteError());
            case "bce" -> new Entries(new BinaryCrossEntropy());
            case "cross-entropy" -> new SoftmaxCrossEntropy();
            default -> throw new IllegalArgumentException("no cost " + name);
        };
    }

    /// A chapter 3 cost applied to the m·k entries of the matrix as one list of predictions.
    record Entries(Cost cost) implements Loss {
        @Override
        public double value(DMatrixRMaj A, DMatrixRMaj Y) {
            return cost.value(entries(A), entries(Y));
        }

        @Override
        public DMatrixRMaj gradient(DMatrixRMaj A, DMatrixRMaj Y) {
            return DMatrixRMaj.wrap(A.numRows, A.numCols, cost.gradient(entries(A), entries(Y)));
        }
    }

    /// Softmax and the multi-class cross-entropy, chapter 3's [CrossEntropy], on the logits.
    record SoftmaxCrossEntropy() implements Loss {
        @Override
        public double value(DMatrixRMaj Z, DMatrixRMaj Y) {
            return CrossEntropy.value(rows(probabilities(Z)), rows(Y));
        }

        @Override
        public DMatrixRMaj gradient(DMatrixRMaj Z, DMatrixRMaj Y) {
            return matrix(CrossEntropy.softmaxGradient(rows(Z), rows(Y)));
        }

        @Override
        public DMatrixRMaj probabilities(DMatrixRMaj Z) {
            double[][] z = rows(Z);
            double[][] p = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                p[i] = Softmax.of(z[i]);
            }
            return matrix(p);
        }

        @Override
        public boolean outputActivation() {
            return false;
        }
    }

    /// The m·k entries of `M`, row after row (EJML's array may be longer than the matrix).
    private static double[] entries(DMatrixRMaj M) {
        return Arrays.copyOf(M.data, M.getNumElements());
    }

    /// `M` as m rows of k numbers.
    private static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][M.numCols];
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                rows[i][j] = M.get(i, j);
            }
        }
        return rows;
    }

    private static DMatrixRMaj matrix(double[][] rows) {
        return new DMatrixRMaj(rows);
    }
}

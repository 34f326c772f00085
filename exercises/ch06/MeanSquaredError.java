package ch06;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/// Chapter 3's mean squared error over a whole batch of outputs: the mean over all m·k entries,
///
///     C = (1/(m·k)) Σ_i Σ_j (a_ij − y_ij)²          ∂C/∂a_ij = 2 (a_ij − y_ij) / (m·k)
///
/// Shapes: the outputs A and the targets Y are m×k (m examples, one per row, k outputs each);
/// so is the gradient. This is PyTorch's `MSELoss()` (mean over every entry). The arithmetic is
/// chapter 3's `ch03.MeanSquaredError`, applied to the m·k entries as one list.
public final class MeanSquaredError {

    private static final ch03.MeanSquaredError MSE = new ch03.MeanSquaredError();

    private MeanSquaredError() {}

    /// C = (1/(m·k)) Σ (a_ij − y_ij)² for outputs `A` and targets `Y`, both m×k.
    public static double value(DMatrixRMaj A, DMatrixRMaj Y) {
        Shapes.requireSame(A, Y, "the outputs A and the targets Y");
        return MSE.value(entries(A), entries(Y));
    }

    /// ∂C/∂A = 2 (A − Y) / (m·k): a new m×k matrix.
    public static DMatrixRMaj gradient(DMatrixRMaj A, DMatrixRMaj Y) {
        Shapes.requireSame(A, Y, "the outputs A and the targets Y");
        return DMatrixRMaj.wrap(A.numRows, A.numCols, MSE.gradient(entries(A), entries(Y)));
    }

    /// The m·k entries of `M`, row after row (EJML's array may be longer than the matrix).
    private static double[] entries(DMatrixRMaj M) {
        return Arrays.copyOf(M.data, M.getNumElements());
    }
}

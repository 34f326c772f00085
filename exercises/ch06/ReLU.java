package ch06;

import org.ejml.data.DMatrixRMaj;

/// The ReLU activation as a layer, applied to every entry: A = max(0, Z).
///
/// Shapes: Z and A are m×n (m examples, one per row). Backward, by the chain rule on
/// a_ij = max(0, z_ij) with ReLU'(z) = 1 for z > 0 and 0 for z ≤ 0 (chapter 2's convention):
///
///     ∂C/∂z_ij = ∂C/∂a_ij · ReLU'(z_ij)        dZ = dA ⊙ 1[Z > 0]
///
/// (⊙ multiplies entry by entry.) A unit whose z is negative for every example passes no gradient
/// at all: its weights stop learning, a "dead" ReLU.
public final class ReLU implements Layer {

    /// The input Z of the last forward pass (m×n): the mask 1[Z > 0] of the backward pass.
    private DMatrixRMaj Z;

    /// A = max(0, Z), entry by entry: a new m×n matrix.
    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        this.Z = Z;
        DMatrixRMaj A = new DMatrixRMaj(Z.numRows, Z.numCols);
        for (int i = 0; i < Z.getNumElements(); i++) {
            A.data[i] = Math.max(0, Z.data[i]);
        }
        return A;
    }

    /// Given `dA` = ∂C/∂A (m×n), returns dZ = dA ⊙ 1[Z > 0], a new m×n matrix.
    @Override
    public DMatrixRMaj backward(DMatrixRMaj dA) {
        Shapes.requireForward(Z, "ReLU");
        Shapes.requireSame(dA, Z, "dA = ∂C/∂A must have the shape of the last forward pass's Z");
        DMatrixRMaj dZ = new DMatrixRMaj(Z.numRows, Z.numCols);
        // TODO(ch06-relu-backward): entry by entry, dZ is dA where Z > 0 and 0 elsewhere (about 4 lines).
        throw new UnsupportedOperationException("TODO(ch06-relu-backward) in exercises/ch06/ReLU.java");
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}

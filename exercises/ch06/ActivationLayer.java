package ch06;

import ch02.Activation;
import org.ejml.data.DMatrixRMaj;

/// Any activation of chapter 2 (sigmoid, tanh, leaky ReLU, ...) as a layer, applied to every
/// entry: A = f(Z).
///
/// Shapes: Z and A are m×n (m examples, one per row). Backward, by the chain rule on a_ij = f(z_ij):
///
///     ∂C/∂z_ij = ∂C/∂a_ij · f'(z_ij)        dZ = dA ⊙ f'(Z)
///
/// [ReLU] is the same thing for f = ReLU, written out because every hidden layer from here on uses it.
public final class ActivationLayer implements Layer {

    private final Activation f;

    /// The input Z of the last forward pass (m×n), where f' is evaluated in the backward pass.
    private DMatrixRMaj Z;

    /// A layer applying `f` (for example `new ch02.Sigmoid()`) to every entry.
    public ActivationLayer(Activation f) {
        this.f = f;
    }

    /// A = f(Z), entry by entry: a new m×n matrix.
    @Override
    public DMatrixRMaj forward(DMatrixRMaj Z) {
        this.Z = Z;
        DMatrixRMaj A = new DMatrixRMaj(Z.numRows, Z.numCols);
        for (int i = 0; i < Z.getNumElements(); i++) {
            A.data[i] = f.value(Z.data[i]);
        }
        return A;
    }

    /// Given `dA` = ∂C/∂A (m×n), returns dZ = dA ⊙ f'(Z), a new m×n matrix.
    @Override
    public DMatrixRMaj backward(DMatrixRMaj dA) {
        Shapes.requireForward(Z, f.name());
        Shapes.requireSame(dA, Z, "dA = ∂C/∂A must have the shape of the last forward pass's Z");
        DMatrixRMaj dZ = new DMatrixRMaj(Z.numRows, Z.numCols);
        for (int i = 0; i < Z.getNumElements(); i++) {
            dZ.data[i] = dA.data[i] * f.prime(Z.data[i]);
        }
        return dZ;
    }

    /// The activation f.
    public Activation activation() {
        return f;
    }

    @Override
    public String toString() {
        return f.name();
    }
}

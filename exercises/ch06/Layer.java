package ch06;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// A layer of a network: a function of its input with a forward and a backward pass.
///
/// Every matrix holds one example per row. With m examples in the batch:
///
///     forward:   X (m×nIn)   →  output (m×nOut)
///     backward:  ∂C/∂output (m×nOut)  →  ∂C/∂X (m×nIn)
///
/// The forward pass remembers what the backward pass needs (its input, or its weighted input Z),
/// so `backward` must follow a `forward` on the same batch. The backward pass applies the chain
/// rule: it receives how the cost C changes with the layer's output, stores how C changes with
/// the layer's own parameters (see [#parameters()]), and returns how C changes with the layer's
/// input, for the layer below.
public interface Layer {

    /// The layer's output for the batch `X` (m×nIn, one example per row): a new m×nOut matrix.
    /// `X` itself is kept (not copied) for the backward pass: do not change it before then.
    DMatrixRMaj forward(DMatrixRMaj X);

    /// Given `dOut` = ∂C/∂output (m×nOut) for the batch of the last `forward`, stores the
    /// gradients of the layer's parameters and returns ∂C/∂X (m×nIn), a new matrix.
    DMatrixRMaj backward(DMatrixRMaj dOut);

    /// The layer's parameters with their gradients (those of the last `backward`); none for a
    /// layer without parameters, such as an activation.
    default List<Parameter> parameters() {
        return List.of();
    }
}

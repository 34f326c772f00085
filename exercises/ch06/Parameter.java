package ch06;

import org.ejml.data.DMatrixRMaj;

/// One parameter matrix of a network together with the gradient of the cost with respect to it.
///
/// `value` and `gradient` have the same shape (for a [Dense] layer: W nOut×nIn with ∂C/∂W, or
/// b 1×nOut with ∂C/∂b). The layer that owns them fills `gradient` in its backward pass; an
/// optimizer reads it and changes `value` in place, for example gradient descent
///
///     value ← value − η · gradient
///
/// The record holds the layer's own matrices, not copies: changing `value` changes the layer.
public record Parameter(String name, DMatrixRMaj value, DMatrixRMaj gradient) {

    /// The same matrices under another name (a [Network] numbers its layers' W and b: W1, b1, W2, ...).
    public Parameter named(String newName) {
        return new Parameter(newName, value, gradient);
    }
}

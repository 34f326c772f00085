package ch06;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// A feed-forward network: layers applied one after the other, for example the XOR network
///
///     X ─ Dense(2→10) ─ ReLU ─ Dense(10→1) ─ A
///
/// Forward, each layer's output is the next one's input. Backward, the four equations of
/// backpropagation run from the cost down to the input: the gradient of the cost with respect to
/// the network's output, δ = ∂C/∂A, goes through the layers in reverse order, each turning the
/// gradient of its output into that of its input (and storing its parameters' gradients on the
/// way). Shapes: every matrix holds m examples, one per row.
public final class Network {

    private final List<Layer> layers;

    /// A network of `layers`, applied in the order given.
    public Network(Layer... layers) {
        this(List.of(layers));
    }

    /// A network of `layers`, applied in the order given.
    public Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    /// The output for the batch `X` (m×nIn): a new m×nOut matrix; every layer keeps what its
    /// backward pass needs.
    public DMatrixRMaj forward(DMatrixRMaj X) {
        DMatrixRMaj A = X;
        for (Layer layer : layers) {
            A = layer.forward(A);
        }
        return A;
    }

    /// Backpropagation: given `dA` = ∂C/∂A for the output of the last `forward` (m×nOut), passes
    /// the gradient through the layers from the last to the first, so that every layer stores its
    /// parameters' gradients, and returns ∂C/∂X (m×nIn).
    public DMatrixRMaj backward(DMatrixRMaj dA) {
        // TODO(ch06-network-backward): hand the gradient to the layers from the last to the first, each one's result going to the layer before it (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch06-network-backward) in exercises/ch06/Network.java");
    }

    /// One step of gradient descent on the batch (`X` m×nIn, targets `Y` m×nOut) with the mean
    /// squared error and learning rate `eta` = η:
    ///
    ///     A = forward(X);  C = MSE(A, Y);  backward(∂C/∂A);  θ ← θ − η ∂C/∂θ for every parameter θ
    ///
    /// Returns the cost C before the update.
    public double trainStep(DMatrixRMaj X, DMatrixRMaj Y, double eta) {
        // TODO(ch06-train-step): forward, the cost and its gradient (MeanSquaredError), backward, then θ ← θ − η ∂C/∂θ for every entry of every parameter; return the cost (about 10 lines).
        throw new UnsupportedOperationException("TODO(ch06-train-step) in exercises/ch06/Network.java");
    }

    /// Every parameter of every layer with its gradient, in order, numbered by layer:
    /// W1, b1 (the first layer with parameters), W2, b2, ...
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        int k = 0;
        for (Layer layer : layers) {
            List<Parameter> own = layer.parameters();
            if (!own.isEmpty()) {
                k++;
            }
            for (Parameter p : own) {
                all.add(p.named(p.name() + k));
            }
        }
        return all;
    }

    /// The layers, first to last.
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public String toString() {
        return layers.stream().map(Object::toString).reduce((x, y) -> x + " ─ " + y).orElse("");
    }
}

package ch10;

import ch02.Sigmoid;
import ch02.Tanh;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.Layer;
import ch06.Network;
import ch06.ReLU;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/// A chapter-6 network whose gradients come from automatic differentiation instead of the
/// hand-written backward passes: every step builds the graph of the cost from [Tensor]
/// operations and calls `backward()` on it, as PyTorch does.
///
///     Dense:       Z = X Wᵀ + 1 bᵀ      X.matmul(W.transpose()).addRow(b)
///     ReLU, σ, tanh:  A = f(Z)          Z.relu(), Z.sigmoid(), Z.tanh()
///     cost:        C = mean((A − Y)²)   E = A.sub(Y);  E.mul(E).mean()
///
/// It starts from the weights of a given [Network] (copied: the two train independently), so
/// that the same seed gives the same start and the two can be compared number for number.
/// Shapes: a batch X is m×nIn (one example per row), the targets Y m×nOut.
public final class AutogradNetwork {

    /// The parameters W1, b1, W2, b2, ... as leaves: Wˡ nOut×nIn, bˡ 1×nOut.
    private final List<Tensor> parameters = new ArrayList<>();

    /// One function per layer, from the tensor of its input to the tensor of its output.
    private final List<UnaryOperator<Tensor>> layers = new ArrayList<>();

    /// A network with the layers of `network` and a copy of its weights. Its layers must be
    /// `Dense`, `ReLU`, or an `ActivationLayer` of a `Sigmoid` or a `Tanh`.
    public AutogradNetwork(Network network) {
        for (Layer layer : network.layers()) {
            layers.add(switch (layer) {
                case Dense dense -> dense(dense);
                case ReLU _ -> Tensor::relu;
                case ActivationLayer f when f.activation() instanceof Sigmoid -> Tensor::sigmoid;
                case ActivationLayer f when f.activation() instanceof Tanh -> Tensor::tanh;
                default -> throw new IllegalArgumentException("AutogradNetwork knows Dense, ReLU, sigmoid and tanh "
                        + "layers, not " + layer);
            });
        }
    }

    /// Z = X Wᵀ + 1 bᵀ with leaves holding copies of the layer's W and b.
    private UnaryOperator<Tensor> dense(Dense dense) {
        Tensor W = new Tensor(dense.W().copy());
        Tensor b = new Tensor(dense.b().copy());
        parameters.add(W);
        parameters.add(b);
        return X -> X.matmul(W.transpose()).addRow(b);
    }

    /// The graph of the network's output for the batch `X` (m×nIn): an m×nOut tensor.
    public Tensor forward(DMatrixRMaj X) {
        Tensor A = new Tensor(X);
        for (UnaryOperator<Tensor> layer : layers) {
            A = layer.apply(A);
        }
        return A;
    }

    /// The graph of the mean squared error C = mean((A − Y)²) of the batch (`X` m×nIn, `Y`
    /// m×nOut): a 1×1 tensor, chapter 6's `MeanSquaredError.value`.
    public Tensor cost(DMatrixRMaj X, DMatrixRMaj Y) {
        Tensor E = forward(X).sub(new Tensor(Y));
        // E is used twice: its gradient is the sum of both shares, 2E · ∂C/∂(E⊙E)
        return E.mul(E).mean();
    }

    /// The gradients of the cost of the batch with respect to W1, b1, W2, b2, ... by
    /// `backward()`: after it, each parameter's `grad()` is ∂C/∂θ. Returns the cost.
    public double backward(DMatrixRMaj X, DMatrixRMaj Y) {
        Tensor C = cost(X, Y);
        C.backward();
        return C.data().get(0, 0);
    }

    /// One step of gradient descent, chapter 6's `Network.trainStep`: the cost and its gradients
    /// by `backward()`, then θ ← θ − η ∂C/∂θ for every parameter. Returns the cost before the step.
    public double trainStep(DMatrixRMaj X, DMatrixRMaj Y, double eta) {
        double C = backward(X, Y);
        for (Tensor p : parameters) {
            for (int i = 0; i < p.data().getNumElements(); i++) {
                // θ ← θ − η ∂C/∂θ
                p.data().data[i] -= eta * p.grad().data[i];
            }
        }
        return C;
    }

    /// The parameters W1, b1, W2, b2, ... as leaves, in the order of chapter 6's
    /// `Network.parameters()`; their `grad()` is that of the last backward pass.
    public List<Tensor> parameters() {
        return parameters;
    }
}

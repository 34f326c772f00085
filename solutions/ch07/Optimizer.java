package ch07;

import ch06.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// An optimizer: a rule that moves every parameter θ of a model a little, using its gradient
/// g = ∂C/∂θ, to make the cost C smaller. Plain gradient descent ([Sgd]) moves θ by −η g; the
/// others remember something of the past gradients:
///
/// | optimizer  | state per parameter        | update                                           |
/// |------------|----------------------------|--------------------------------------------------|
/// | [Sgd]      | none                       | θ ← θ − η g                                       |
/// | [Momentum] | velocity v                 | v ← μ v + g;  θ ← θ − η v                         |
/// | [Nesterov] | velocity v                 | v ← μ v + g;  θ ← θ − η (g + μ v)                 |
/// | [RMSProp]  | mean square s              | s ← ρ s + (1 − ρ) g²;  θ ← θ − η g / (√s + ε)     |
/// | [Adam]     | moments m, v; step count t | m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ);  θ ← θ − η m̂ / (√v̂ + ε) |
///
/// These are PyTorch's conventions (`torch.optim.SGD` with and without `nesterov`, `RMSprop`,
/// `Adam`): ε is added outside the square root, the velocity adds the gradient undamped.
///
/// Every operation is entry by entry (g² is the square of each entry). The state of a parameter
/// has the shape of the parameter, starts at zeros the first time [#step] sees it, and belongs to
/// that parameter alone: an optimizer keeps it in a map keyed by the identity of the parameter's
/// value matrix (the same `DMatrixRMaj` object is the same parameter, whatever its name, its
/// position in the list, or the [Parameter] record around it). Use one optimizer per model.
public interface Optimizer {

    /// Updates the value of every parameter in place from its gradient (the gradients of the last
    /// backward pass), keeping the optimizer's state for each one. `value` and `gradient` of a
    /// parameter must have the same shape; the gradients are not changed.
    void step(List<Parameter> parameters);

    /// A short name for tables and legends: "SGD", "momentum", "Nesterov", "RMSProp", "Adam".
    String name();

    /// The learning rate η.
    double eta();

    /// Sets the learning rate η > 0 for the next steps and keeps the state (velocities, moments,
    /// step counts): a schedule lowers η as training goes on, as chapter 9's trainer does.
    void eta(double eta);

    /// Throws unless the value and the gradient of `p` have the same shape.
    static void requireSameShape(Parameter p) {
        DMatrixRMaj value = p.value();
        DMatrixRMaj gradient = p.gradient();
        if (value.numRows != gradient.numRows || value.numCols != gradient.numCols) {
            throw new IllegalArgumentException("the parameter " + p.name() + " is " + value.numRows + "×"
                    + value.numCols + " but its gradient is " + gradient.numRows + "×" + gradient.numCols
                    + "; they must have the same shape");
        }
    }

    /// A matrix of zeros of the shape of `M`: the state of a parameter before its first step.
    static DMatrixRMaj zerosLike(DMatrixRMaj M) {
        return new DMatrixRMaj(M.numRows, M.numCols);
    }

    /// Throws unless `eta` = η is a positive, finite number.
    static void requireLearningRate(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, but was " + eta);
        }
    }

    /// Throws unless 0 ≤ `value` < 1 (a decay rate such as μ, ρ, β₁, β₂).
    static void requireDecay(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), but was " + value);
        }
    }
}

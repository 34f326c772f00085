package ch07;

import ch06.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/// Gradient descent with momentum (the "heavy ball"): each parameter has a velocity v that adds
/// up the gradients, the older ones weakened by μ per step, and θ moves along the velocity:
///
///     v ← μ v + g
///     θ ← θ − η v
///
/// In a long valley the gradients across it alternate in sign and cancel in v, while those along
/// it agree and add up: with a constant gradient g the velocity grows to g/(1 − μ), ten times g
/// for μ = 0.9. So momentum damps the zig-zag and speeds up the slow direction.
///
/// This is PyTorch's `torch.optim.SGD(momentum=μ)` (no dampening): v starts at zeros, so the
/// first step is the plain step θ − η g. (Another common form, v ← μ v − η g; θ ← θ + v, stores
/// −η times this v and gives the same θ for a constant η.) The velocity is kept per parameter,
/// keyed by the identity of its value matrix (see [Optimizer]).
public final class Momentum implements Optimizer {

    private double eta;
    private final double mu;

    /// The velocity of each parameter, keyed by its value matrix; zeros of its shape at first.
    private final Map<DMatrixRMaj, DMatrixRMaj> velocities = new IdentityHashMap<>();

    /// Momentum with learning rate `eta` = η > 0 and momentum `mu` = μ in [0, 1).
    public Momentum(double eta, double mu) {
        Optimizer.requireLearningRate(eta);
        Optimizer.requireDecay("the momentum μ", mu);
        this.eta = eta;
        this.mu = mu;
    }

    /// Momentum with learning rate `eta` and the usual μ = 0.9.
    public Momentum(double eta) {
        this(eta, 0.9);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Optimizer.requireSameShape(p);
            DMatrixRMaj v = velocities.computeIfAbsent(p.value(), Optimizer::zerosLike);
            update(p.value(), p.gradient(), v);
        }
    }

    /// One momentum step of one parameter, entry by entry:
    ///
    ///     v ← μ v + g
    ///     θ ← θ − η v          (with the new v)
    ///
    /// Inputs: `theta` = θ (any shape; changed in place), `g` = ∂C/∂θ (the same shape; not changed),
    /// `v` = the velocity of this parameter (the same shape; changed in place, kept for the next step).
    private void update(DMatrixRMaj theta, DMatrixRMaj g, DMatrixRMaj v) {
        // BEGIN SOLUTION ch07-momentum: for every entry i, v ← μ v + g, then θ ← θ − η v with the new v (about 5 lines).
        for (int i = 0; i < theta.getNumElements(); i++) {
            // the velocity: the gradients so far, each older one weakened by another factor μ
            v.data[i] = mu * v.data[i] + g.data[i];
            // θ ← θ − η v: downhill along the velocity
            theta.data[i] -= eta * v.data[i];
        }
        // END SOLUTION
    }

    @Override
    public String name() {
        return "momentum";
    }

    /// The learning rate η.
    @Override
    public double eta() {
        return eta;
    }

    /// Sets the learning rate η > 0 for the next steps, keeping the optimizer's state.
    @Override
    public void eta(double eta) {
        Optimizer.requireLearningRate(eta);
        this.eta = eta;
    }

    /// The momentum μ.
    public double mu() {
        return mu;
    }

    @Override
    public String toString() {
        return "Momentum(η = " + eta + ", μ = " + mu + ")";
    }
}

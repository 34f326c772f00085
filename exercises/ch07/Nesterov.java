package ch07;

import ch06.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/// Nesterov momentum: momentum that looks ahead. The classical form evaluates the gradient not at
/// θ but where the velocity is about to carry it, θ + μ v (with v ← μ v − η ∇C(θ + μ v); θ ← θ + v),
/// so that it brakes before it overshoots. An optimizer only gets the gradient at the current θ,
/// so PyTorch (`torch.optim.SGD(momentum=μ, nesterov=True)`) stores the look-ahead point itself
/// as θ, which turns the rule into
///
///     v ← μ v + g
///     θ ← θ − η (g + μ v)          (with the new v)
///
/// The step is the gradient now plus μ times the velocity, which already includes it: a step of
/// (1 + μ) η g at the start instead of η g. The velocity is kept per parameter, keyed by the
/// identity of its value matrix (see [Optimizer]).
public final class Nesterov implements Optimizer {

    private double eta;
    private final double mu;

    /// The velocity of each parameter, keyed by its value matrix; zeros of its shape at first.
    private final Map<DMatrixRMaj, DMatrixRMaj> velocities = new IdentityHashMap<>();

    /// Nesterov momentum with learning rate `eta` = η > 0 and momentum `mu` = μ in [0, 1).
    public Nesterov(double eta, double mu) {
        Optimizer.requireLearningRate(eta);
        Optimizer.requireDecay("the momentum μ", mu);
        this.eta = eta;
        this.mu = mu;
    }

    /// Nesterov momentum with learning rate `eta` and the usual μ = 0.9.
    public Nesterov(double eta) {
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

    /// One Nesterov step of one parameter, entry by entry:
    ///
    ///     v ← μ v + g
    ///     θ ← θ − η (g + μ v)          (with the new v)
    ///
    /// Inputs: `theta` = θ (any shape; changed in place), `g` = ∂C/∂θ (the same shape; not changed),
    /// `v` = the velocity of this parameter (the same shape; changed in place, kept for the next step).
    private void update(DMatrixRMaj theta, DMatrixRMaj g, DMatrixRMaj v) {
        // TODO(ch07-nesterov): for every entry i, v ← μ v + g, then θ ← θ − η (g + μ v) with the new v (about 5 lines).
        throw new UnsupportedOperationException("TODO(ch07-nesterov) in exercises/ch07/Nesterov.java");
    }

    @Override
    public String name() {
        return "Nesterov";
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
        return "Nesterov(η = " + eta + ", μ = " + mu + ")";
    }
}

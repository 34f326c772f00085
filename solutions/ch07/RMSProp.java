package ch07;

import ch06.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/// RMSProp: a learning rate of its own for every entry of every parameter. It keeps a running
/// mean s of the squared gradients, and divides each step by its square root, the root mean
/// square (RMS) of the recent gradients:
///
///     s ← ρ s + (1 − ρ) g²
///     θ ← θ − η g / (√s + ε)
///
/// An entry whose gradients are large takes smaller steps, one whose gradients are tiny takes
/// larger ones: every entry moves by about η per step, whatever the scale of its gradient. ε keeps
/// the division finite where s is 0; it is added **outside** the square root, as in PyTorch's
/// `torch.optim.RMSprop`. Keras's `keras.optimizers.RMSprop` adds it inside, η g / √(s + ε), with
/// ε = 1e-7 by default. For s well above ε the steps are practically the same; as s goes to 0,
/// Keras's divisor stays near √ε ≈ 3e-4, this one near ε itself.
///
/// The default decay ρ = 0.9 is Hinton's (who proposed RMSProp) and Keras's; PyTorch's is 0.99.
/// s starts at zeros, so the first step is η g / (√(1 − ρ) |g| + ε): about η/√0.1 ≈ 3.16 η for ρ = 0.9.
/// The mean square is kept per parameter, keyed by the identity of its value matrix (see [Optimizer]).
public final class RMSProp implements Optimizer {

    private double eta;
    private final double rho;
    private final double eps;

    /// The running mean of g² of each parameter, keyed by its value matrix; zeros at first.
    private final Map<DMatrixRMaj, DMatrixRMaj> meanSquares = new IdentityHashMap<>();

    /// RMSProp with learning rate `eta` = η > 0, decay `rho` = ρ in [0, 1) and `eps` = ε ≥ 0.
    public RMSProp(double eta, double rho, double eps) {
        Optimizer.requireLearningRate(eta);
        Optimizer.requireDecay("the decay ρ", rho);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("ε must be a number ≥ 0, but was " + eps);
        }
        this.eta = eta;
        this.rho = rho;
        this.eps = eps;
    }

    /// RMSProp with learning rate `eta` and the defaults ρ = 0.9, ε = 1e-8.
    public RMSProp(double eta) {
        this(eta, 0.9, 1e-8);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Optimizer.requireSameShape(p);
            DMatrixRMaj s = meanSquares.computeIfAbsent(p.value(), Optimizer::zerosLike);
            update(p.value(), p.gradient(), s);
        }
    }

    /// One RMSProp step of one parameter, entry by entry (g² is the square of the entry):
    ///
    ///     s ← ρ s + (1 − ρ) g²
    ///     θ ← θ − η g / (√s + ε)          (with the new s; ε outside the square root)
    ///
    /// Inputs: `theta` = θ (any shape; changed in place), `g` = ∂C/∂θ (the same shape; not changed),
    /// `s` = the mean square of this parameter (the same shape; changed in place, kept for the next step).
    private void update(DMatrixRMaj theta, DMatrixRMaj g, DMatrixRMaj s) {
        // BEGIN SOLUTION ch07-rmsprop: for every entry i, s ← ρ s + (1 − ρ) g², then θ ← θ − η g / (√s + ε) with the new s (about 5 lines).
        for (int i = 0; i < theta.getNumElements(); i++) {
            // the running mean of g²: recent squared gradients weigh most
            s.data[i] = rho * s.data[i] + (1 - rho) * g.data[i] * g.data[i];
            // divide by the root mean square: a step of about η, whatever the scale of g
            theta.data[i] -= eta * g.data[i] / (Math.sqrt(s.data[i]) + eps);
        }
        // END SOLUTION
    }

    @Override
    public String name() {
        return "RMSProp";
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

    @Override
    public String toString() {
        return "RMSProp(η = " + eta + ", ρ = " + rho + ", ε = " + eps + ")";
    }
}

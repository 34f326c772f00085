package ch07;

import ch06.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/// Adam (Kingma and Ba, "Adam: a method for stochastic optimization", 2015): momentum and RMSProp
/// together. It keeps a running mean m of the gradients (the first moment, like a velocity) and
/// a running mean v of their squares (the second moment, as in RMSProp), and counts the steps t:
///
///     t ← t + 1
///     m ← β₁ m + (1 − β₁) g
///     v ← β₂ v + (1 − β₂) g²
///     m̂ = m / (1 − β₁ᵗ)          v̂ = v / (1 − β₂ᵗ)
///     θ ← θ − η m̂ / (√v̂ + ε)
///
/// m and v start at zeros, so early on they are biased towards 0: after the first step
/// m = (1 − β₁) g, a tenth of g for β₁ = 0.9. Dividing by 1 − β₁ᵗ (which tends to 1 as t grows)
/// removes that bias: m̂ = g after the first step, v̂ = g², and the first step is η g/(|g| + ε),
/// about η in every entry. ε is added **outside** the square root, as in PyTorch's
/// `torch.optim.Adam`.
///
/// The defaults are the paper's: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. The moments and the
/// step count are kept per parameter, keyed by the identity of its value matrix (see
/// [Optimizer]): a parameter seen for the first time starts at t = 0.
public final class Adam implements Optimizer {

    private double eta;
    private final double beta1;
    private final double beta2;
    private final double eps;

    /// The state of one parameter: its moments m and v (the shape of the parameter, zeros at first)
    /// and the number of steps t it has taken (0 at first).
    private static final class Moments {
        final DMatrixRMaj m;
        final DMatrixRMaj v;
        int t;

        Moments(DMatrixRMaj theta) {
            m = Optimizer.zerosLike(theta);
            v = Optimizer.zerosLike(theta);
        }
    }

    /// The moments of each parameter, keyed by its value matrix.
    private final Map<DMatrixRMaj, Moments> moments = new IdentityHashMap<>();

    /// Adam with learning rate `eta` = η > 0, decays `beta1` = β₁ and `beta2` = β₂ in [0, 1) and
    /// `eps` = ε ≥ 0.
    public Adam(double eta, double beta1, double beta2, double eps) {
        Optimizer.requireLearningRate(eta);
        Optimizer.requireDecay("β₁", beta1);
        Optimizer.requireDecay("β₂", beta2);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("ε must be a number ≥ 0, but was " + eps);
        }
        this.eta = eta;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /// Adam with learning rate `eta` and the defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    public Adam(double eta) {
        this(eta, 0.9, 0.999, 1e-8);
    }

    /// Adam with the paper's defaults: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    public Adam() {
        this(1e-3);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Optimizer.requireSameShape(p);
            update(p.value(), p.gradient(), moments.computeIfAbsent(p.value(), Moments::new));
        }
    }

    /// One Adam step of one parameter. First count it, t ← t + 1 (so the first step has t = 1),
    /// then, entry by entry,
    ///
    ///     m ← β₁ m + (1 − β₁) g
    ///     v ← β₂ v + (1 − β₂) g²
    ///     m̂ = m / (1 − β₁ᵗ)          v̂ = v / (1 − β₂ᵗ)          (with the new t, m and v)
    ///     θ ← θ − η m̂ / (√v̂ + ε)      (ε outside the square root)
    ///
    /// Inputs: `theta` = θ (any shape; changed in place), `g` = ∂C/∂θ (the same shape; not changed),
    /// `state` = this parameter's m and v (the same shape) and t, all changed in place and kept.
    private void update(DMatrixRMaj theta, DMatrixRMaj g, Moments state) {
        // BEGIN SOLUTION ch07-adam: state.t ← state.t + 1; then for every entry i update state.m and state.v, correct their bias with 1 − β₁ᵗ and 1 − β₂ᵗ, and move θ (about 12 lines).
        state.t++;
        // 1 − βᵗ: the total weight the running means have given to gradients so far
        double correction1 = 1 - Math.pow(beta1, state.t);
        double correction2 = 1 - Math.pow(beta2, state.t);
        double[] m = state.m.data;
        double[] v = state.v.data;
        for (int i = 0; i < theta.getNumElements(); i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g.data[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g.data[i] * g.data[i];
            // the bias-corrected moments: means of the gradients and their squares, not shrunk towards 0
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            theta.data[i] -= eta * mHat / (Math.sqrt(vHat) + eps);
        }
        // END SOLUTION
    }

    @Override
    public String name() {
        return "Adam";
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
        return "Adam(η = " + eta + ", β₁ = " + beta1 + ", β₂ = " + beta2 + ", ε = " + eps + ")";
    }
}

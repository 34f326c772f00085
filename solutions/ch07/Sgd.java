package ch07;

import ch06.Parameter;
import java.util.List;

/// Plain (stochastic) gradient descent, chapter 5's rule for every parameter:
///
///     θ ← θ − η g          (g = ∂C/∂θ, entry by entry)
///
/// It keeps no state: each step uses the current gradient only. "Stochastic" when g comes from a
/// mini-batch, as in training a network. The worked example of the chapter, written out in full;
/// the other optimizers follow its shape.
public final class Sgd implements Optimizer {

    private double eta;

    /// SGD with learning rate `eta` = η > 0.
    public Sgd(double eta) {
        Optimizer.requireLearningRate(eta);
        this.eta = eta;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Optimizer.requireSameShape(p);
            double[] theta = p.value().data;
            double[] g = p.gradient().data;
            for (int i = 0; i < p.value().getNumElements(); i++) {
                // θ ← θ − η g: downhill, by η times the slope
                theta[i] -= eta * g[i];
            }
        }
    }

    @Override
    public String name() {
        return "SGD";
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
        return "SGD(η = " + eta + ")";
    }
}

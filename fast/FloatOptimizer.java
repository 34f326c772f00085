//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/// Chapter 7's SGD, momentum and Adam for [FloatMlp]: the same update rules and the same
/// conventions as `ch07.Sgd`, `ch07.Momentum` and `ch07.Adam` (PyTorch's), on float32 arrays,
/// a vector of numbers at a time, and on a range of each array so that threads can share the work:
///
///     SGD       θ ← θ − η g
///     momentum  v ← μ v + g;   θ ← θ − η v
///     Adam      t ← t + 1;   m ← β₁ m + (1 − β₁) g;   v ← β₂ v + (1 − β₂) g²
///               θ ← θ − η m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
///
/// The state (v, or m and v) of every parameter is allocated when the optimizer is made, one array
/// per parameter array, so that the update allocates nothing and threads only read the map.
/// Array lengths are multiples of the vector length ([FloatMlp] pads them).
public final class FloatOptimizer {

    private static final VectorSpecies<Float> S = MatMul.S;

    private final String name;
    private float eta;
    private final float mu = 0.9f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
    private final Map<float[], float[]> first = new IdentityHashMap<>(), second = new IdentityHashMap<>();
    private int t;

    /// The network whose parameters the state belongs to.
    private final FloatMlp net;

    /// "sgd", "momentum" (μ = 0.9) or "adam" (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with learning rate
    /// `eta`, for the parameters of `net`.
    public FloatOptimizer(String name, double eta, FloatMlp net) {
        if (!List.of("sgd", "momentum", "adam").contains(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; use sgd, momentum or adam");
        }
        this.name = name;
        this.eta = (float) eta;
        this.net = net;
        for (float[] theta : net.values()) {
            if (theta.length % S.length() != 0) {
                throw new IllegalArgumentException("a parameter of " + theta.length + " numbers is not padded to whole vectors");
            }
            if (!name.equals("sgd")) {
                first.put(theta, new float[theta.length]);
            }
            if (name.equals("adam")) {
                second.put(theta, new float[theta.length]);
            }
        }
    }

    /// The learning rate η.
    public double eta() {
        return eta;
    }

    /// Sets the learning rate η for the next steps (a schedule); the state is kept.
    public void eta(double eta) {
        this.eta = (float) eta;
    }

    /// Counts a step of `network`: Adam's t ← t + 1, once per step before the updates.
    void count(FloatMlp network) {
        if (network != net) {
            throw new IllegalArgumentException("this optimizer holds the state of another network; make one per network");
        }
        t++;
    }

    /// θ[from … to − 1] ← one update with the gradient g; from and to are multiples of the vector length.
    void update(float[] theta, float[] g, int from, int to) {
        switch (name) {
            case "sgd" -> sgd(theta, g, from, to);
            case "momentum" -> momentum(theta, g, first.get(theta), from, to);
            default -> adam(theta, g, first.get(theta), second.get(theta), from, to);
        }
    }

    private void sgd(float[] theta, float[] g, int from, int to) {
        for (int i = from; i < to; i += S.length()) {
            // θ ← θ − η g
            FloatVector.fromArray(S, g, i).fma(FloatVector.broadcast(S, -eta), FloatVector.fromArray(S, theta, i)).intoArray(theta, i);
        }
    }

    private void momentum(float[] theta, float[] g, float[] v, int from, int to) {
        for (int i = from; i < to; i += S.length()) {
            // v ← μ v + g
            FloatVector vi = FloatVector.fromArray(S, v, i).fma(FloatVector.broadcast(S, mu), FloatVector.fromArray(S, g, i));
            vi.intoArray(v, i);
            // θ ← θ − η v
            vi.fma(FloatVector.broadcast(S, -eta), FloatVector.fromArray(S, theta, i)).intoArray(theta, i);
        }
    }

    /// Adam as PyTorch computes it, with one division and one square root per number (they are
    /// the slow operations: with m̂ and v̂ divided out it took three divisions and ran 2 times slower):
    ///
    ///     θ ← θ − (η / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε)
    private void adam(float[] theta, float[] g, float[] m, float[] v, int from, int to) {
        float step = (float) (eta / (1 - Math.pow(beta1, t))), root = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        for (int i = from; i < to; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            // m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(1 - beta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(gi).mul(1 - beta2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            // θ ← θ − η m̂ / (√v̂ + ε)
            FloatVector denominator = vi.sqrt().mul(root).add(epsilon);
            FloatVector.fromArray(S, theta, i).sub(mi.mul(step).div(denominator)).intoArray(theta, i);
        }
    }

    /// "adam η=0.001".
    @Override
    public String toString() {
        return name + " η=" + eta;
    }
}

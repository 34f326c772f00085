package ch05;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/// Gradient descent: to make a cost C(x) smaller, take a small step against its gradient,
///
///     x ← x − η ∇C(x),
///
/// and repeat. The gradient ∇C(x) = (∂C/∂x₁, …, ∂C/∂xₙ) points where C grows fastest, so −∇C
/// points downhill; the learning rate η > 0 says how far to go. For a small enough η every step
/// lowers the cost (C(x − η∇C) ≈ C(x) − η‖∇C‖² by Taylor); for too large an η the steps
/// overshoot the valley and the cost can grow without bound.
///
/// Shapes: `x` is a vector of length n (the parameters: a point of the plane for n = 2, the
/// weights and bias θ = (w₁, …, wₙ, b) of a neuron in [MiniBatch]); the gradient has the same
/// length n, one entry per parameter.
public final class GradientDescent {

    private GradientDescent() {}

    /// One gradient-descent update: returns the new point x − η·∇C(x), a new array of length n.
    ///
    /// Inputs: `x`, the current point (length n); `gradient` = ∇C(x) (length n); `eta` = η > 0.
    /// Returns: x_new with x_new[i] = x[i] − η·gradient[i]. Neither `x` nor `gradient` is modified.
    public static double[] step(double[] x, double[] gradient, double eta) {
        if (x.length != gradient.length) {
            throw new IllegalArgumentException("the point has " + x.length + " entries but the gradient has "
                    + gradient.length + "; they must have the same length");
        }
        // BEGIN SOLUTION ch05-step: a new array with x[i] − η·gradient[i] in every entry (about 5 lines).
        double[] next = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // move against the slope: downhill, by η times the slope
            next[i] = x[i] - eta * gradient[i];
        }
        return next;
        // END SOLUTION
    }

    /// Gradient descent from `x0` with learning rate `eta` until a rule of `stopping` holds.
    ///
    /// Inputs: `cost` = C, a function of a point of length n; `gradient` = ∇C, returning a new array
    /// of length n; `x0`, the start (length n ≥ 1, not modified); `eta` = η > 0; `stopping`, the rules.
    /// Returns: the [Run]: the last point, the path x₀, x₁, …, the costs C(x₀), C(x₁), …, the number
    /// of updates, and why it stopped.
    ///
    /// The loop, with k the number of updates made so far (k = 0 at the start, x₀ and C(x₀) already
    /// recorded), checks in this order:
    ///
    ///     1. if k = maxIterations:                       stop, MAX_ITERATIONS
    ///     2. g = ∇C(x_k); if ‖g‖₂ < minGradientNorm:     stop, SMALL_GRADIENT   (x_k is kept, no update)
    ///     3. x_{k+1} = step(x_k, g, η);  k = k + 1;  record x_{k+1} and C(x_{k+1})
    ///     4. if C(x_{k+1}) is infinite or NaN:           stop, DIVERGED         (the point is recorded)
    ///     5. if 0 ≤ C(x_k) − C(x_{k+1}) < minImprovement: stop, SMALL_IMPROVEMENT
    ///     6. back to 1.
    ///
    /// ‖g‖₂ = √(g₁² + … + gₙ²) is the Euclidean norm. A step that raises the cost is not a small
    /// improvement (rule 5 needs the cost to have gone down, or stayed). `path` and `costs` always
    /// hold k + 1 entries, each path entry its own array.
    public static Run minimize(ToDoubleFunction<double[]> cost, Function<double[], double[]> gradient,
            double[] x0, double eta, Stopping stopping) {
        if (x0.length == 0) {
            throw new IllegalArgumentException("the start x0 is empty: it needs at least one coordinate");
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, but was "
                    + eta);
        }
        if (!Double.isFinite(cost.applyAsDouble(x0.clone()))) {
            throw new IllegalArgumentException("the cost at the start x0 is " + cost.applyAsDouble(x0.clone())
                    + "; start where it is finite");
        }
        // BEGIN SOLUTION ch05-loop: record x₀ and C(x₀), then loop through the rules 1 to 5 above, recording each new point and cost (about 25 lines).
        double[] x = x0.clone();
        List<double[]> path = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        path.add(x);
        costs.add(cost.applyAsDouble(x));
        int k = 0;
        while (true) {
            if (k == stopping.maxIterations()) {
                return new Run(x, path, costs, k, Stopping.Reason.MAX_ITERATIONS);
            }
            double[] g = gradient.apply(x);
            // ‖g‖₂ = √(Σ gᵢ²): how steep the cost is at x
            double squares = 0;
            for (double gi : g) {
                squares += gi * gi;
            }
            if (Math.sqrt(squares) < stopping.minGradientNorm()) {
                return new Run(x, path, costs, k, Stopping.Reason.SMALL_GRADIENT);
            }
            x = step(x, g, eta);
            k++;
            double before = costs.getLast();
            double after = cost.applyAsDouble(x);
            path.add(x);
            costs.add(after);
            if (!Double.isFinite(after)) {
                return new Run(x, path, costs, k, Stopping.Reason.DIVERGED);
            }
            // a rise in cost (before − after < 0) is not an improvement, small or otherwise
            double improvement = before - after;
            if (improvement >= 0 && improvement < stopping.minImprovement()) {
                return new Run(x, path, costs, k, Stopping.Reason.SMALL_IMPROVEMENT);
            }
        }
        // END SOLUTION
    }
}

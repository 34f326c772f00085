package ch05;

import java.util.List;

/// What one run of gradient descent did.
///
/// The iterates are x₀ (the start), x₁ = x₀ − η∇C(x₀), x₂, …, x_k with k = `iterations`:
///
/// - `x`: the last iterate x_k (length n, the same as x₀);
/// - `path`: every iterate x₀, x₁, …, x_k, in order: `iterations + 1` arrays of length n, each its
///   own copy (x₀ included, also when no update was made);
/// - `costs`: C(x₀), C(x₁), …, C(x_k): `iterations + 1` numbers, `costs.get(i)` = C(`path.get(i)`)
///   (the last one is infinite or NaN when the run diverged);
/// - `iterations`: the number k of updates made;
/// - `stoppedBecause`: which rule ended the run.
///
/// @param x              the last iterate x_k, length n
/// @param path           x₀, …, x_k: iterations + 1 arrays of length n
/// @param costs          C(x₀), …, C(x_k): iterations + 1 numbers
/// @param iterations     the number of updates k
/// @param stoppedBecause why the run stopped
public record Run(double[] x, List<double[]> path, List<Double> costs, int iterations,
        Stopping.Reason stoppedBecause) {

    /// The cost at the last iterate, C(x_k).
    public double cost() {
        return costs.getLast();
    }
}

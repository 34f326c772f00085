package ch05;

import ch04.ChainRule;
import ch04.Gradient;
import java.util.Arrays;
import java.util.Random;

/// Training the single sigmoid neuron of chapter 4 by gradient descent, on all the data at once
/// or on small batches of it.
///
/// The neuron's parameters are packed into one vector θ = (w₁, …, wₙ, b) of length n + 1, so that
/// [GradientDescent] can move them like any point. The data are `X`, m × n (one example per
/// row), and the targets `y`, length m. The cost is the mean squared error of chapter 4,
///
///     C(θ) = (1/m) Σⱼ (aⱼ − yⱼ)²,   aⱼ = σ(w·X[j] + b),
///
/// and its gradient ∇C(θ) = (∂C/∂w₁, …, ∂C/∂wₙ, ∂C/∂b) comes from `ch04.ChainRule`.
///
/// One *epoch* is one pass over the data. Full-batch descent makes one update per epoch with the
/// gradient of all m examples; mini-batch descent shuffles the examples and makes one update per
/// batch of B of them (m/B updates, each with a cheaper, noisier gradient); stochastic descent
/// is the case B = 1.
public final class MiniBatch {

    private MiniBatch() {}

    /// A batch of examples: `X` is B × n (one example per row), `y` has length B.
    public record Batch(double[][] X, double[] y) {}

    /// The mean cost C(θ) of the examples X (m × n, m ≥ 1) with targets y (length m); θ has
    /// length n + 1: the weights, then the bias.
    public static double cost(double[] theta, double[][] X, double[] y) {
        return ChainRule.cost(weights(theta), bias(theta), X, y);
    }

    /// The gradient ∇C(θ) of [#cost] (length n + 1: ∂C/∂w₁, …, ∂C/∂wₙ, then ∂C/∂b), the mean
    /// over the m rows of X, by the chain rule of chapter 4.
    public static double[] gradient(double[] theta, double[][] X, double[] y) {
        Gradient g = ChainRule.neuron(weights(theta), bias(theta), X, y);
        double[] packed = Arrays.copyOf(g.dw(), g.dw().length + 1);
        packed[packed.length - 1] = g.db();
        return packed;
    }

    /// A random order of the m examples: a permutation of 0, 1, …, m − 1, shuffled by
    /// Fisher–Yates with `random` (the same seed gives the same order).
    public static int[] shuffle(int m, Random random) {
        int[] order = new int[m];
        for (int j = 0; j < m; j++) {
            order[j] = j;
        }
        for (int j = m - 1; j > 0; j--) {
            int other = random.nextInt(j + 1);
            int swap = order[j];
            order[j] = order[other];
            order[other] = swap;
        }
        return order;
    }

    /// The examples `rows` of X and their targets: a batch of `rows.length` examples.
    ///
    /// @param X    the data, m × n
    /// @param y    the targets, length m
    /// @param rows the indices of the examples, in order
    /// @return the batch: its rows (rows.length × n, sharing the row arrays of X) and targets
    public static Batch batch(double[][] X, double[] y, int[] rows) {
        double[][] Xb = new double[rows.length][];
        double[] yb = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            Xb[j] = X[rows[j]];
            yb[j] = y[rows[j]];
        }
        return new Batch(Xb, yb);
    }

    /// One epoch of mini-batch gradient descent: returns θ after one update per batch.
    ///
    /// Inputs: `theta` = θ (length n + 1, not modified); `X`, m × n; `y`, length m; `order`, the
    /// order in which to visit the examples (a permutation of 0 … m − 1, from [#shuffle]);
    /// `batchSize` = B ≥ 1; `eta` = η > 0.
    /// Returns: the new θ (length n + 1) after ⌈m/B⌉ updates. The batches are consecutive pieces
    /// of `order`: order[0 … B−1], order[B … 2B−1], …; the last one holds what is left, so it may
    /// be smaller than B (it is never dropped). Each update is θ ← θ − η ∇C_batch(θ) with the mean
    /// gradient of that batch alone ([#gradient] of [#batch]), evaluated at the θ the previous
    /// update produced. B ≥ m gives one full-batch update, B = 1 stochastic gradient descent.
    public static double[] epoch(double[] theta, double[][] X, double[] y, int[] order, int batchSize,
            double eta) {
        if (order.length != X.length || y.length != X.length) {
            throw new IllegalArgumentException("X has " + X.length + " rows, y " + y.length
                    + " targets and order " + order.length + " entries; all three must be m");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, but was " + batchSize);
        }
        // BEGIN SOLUTION ch05-epoch: one GradientDescent.step per batch of B consecutive entries of order, the last batch maybe shorter (about 8 lines).
        double[] next = theta.clone();
        for (int start = 0; start < order.length; start += batchSize) {
            // the examples order[start], …, order[end − 1]: B of them, or fewer at the end
            int end = Math.min(start + batchSize, order.length);
            Batch batch = batch(X, y, Arrays.copyOfRange(order, start, end));
            next = GradientDescent.step(next, gradient(next, batch.X(), batch.y()), eta);
        }
        return next;
        // END SOLUTION
    }

    /// The weights w = (θ₁, …, θₙ), a copy.
    public static double[] weights(double[] theta) {
        return Arrays.copyOf(theta, theta.length - 1);
    }

    /// The bias b = θₙ₊₁, the last entry.
    public static double bias(double[] theta) {
        return theta[theta.length - 1];
    }
}

package ch09;

import ch07.Adam;
import ch07.Momentum;
import ch07.Optimizer;
import ch07.Sgd;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/// Mini-batch training of an [Mlp]: the loop of chapter 5 with the gradient of chapter 6 and an
/// optimizer of chapter 7.
///
/// One epoch shuffles the m training examples, cuts them into batches of B (the last one smaller
/// when B does not divide m) and makes one [#step] per batch:
///
///     C = loss(X_batch, y_batch);   backward();   θ ← optimizer(θ, ∂C/∂θ)   for every W and b
///
/// Shapes: `images` is m×n₀ (one example per row, as `bp.Mnist.Examples.images()`), `labels` has
/// length m; a batch X is B×n₀. The batch matrix is allocated once per epoch and refilled.
public final class Trainer {

    /// The learning rate of each optimizer unless told otherwise: those of the reference benchmark
    /// in tools/bench/protocol.py (SGD 0.1, momentum 0.05, Adam 0.001).
    public static final Map<String, Double> DEFAULT_ETA = Map.of("sgd", 0.1, "momentum", 0.05, "adam", 1e-3);

    private Trainer() {}

    /// A fresh optimizer of chapter 7 by its name, with learning rate `eta`: "sgd", "momentum"
    /// (μ = 0.9) or "adam" (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
    public static Optimizer optimizer(String name, double eta) {
        return switch (name) {
            case "sgd" -> new Sgd(eta);
            case "momentum" -> new Momentum(eta, 0.9);
            case "adam" -> new Adam(eta, 0.9, 0.999, 1e-8);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; use sgd, momentum or adam");
        };
    }

    /// Thrown when the cost of a batch is not a finite number: training cannot recover from it.
    public static final class Diverged extends RuntimeException {
        /// The epoch (from 1) and the batch within it (from 1) whose cost was not finite, and that cost.
        public final int epoch, batch;
        public final double loss;

        public Diverged(int epoch, int batch, double loss) {
            super("the loss became " + loss + " in epoch " + epoch + ", batch " + batch);
            this.epoch = epoch;
            this.batch = batch;
            this.loss = loss;
        }
    }

    /// Called after every batch with the number of examples done so far in the epoch, their total
    /// and the batch's cost: for a progress bar and the per-batch cost curve.
    @FunctionalInterface
    public interface Progress {
        void batch(int done, int total, double loss);
    }

    /// One training step on the batch `X` (B×n₀) with its `labels` (length B): the forward pass
    /// and cost, the backward pass, and one update of every parameter by `optimizer`.
    /// Returns the cost of the batch before the update.
    public static double step(Mlp net, DMatrixRMaj X, int[] labels, Optimizer optimizer) {
        // TODO(ch09-step): the cost of the batch (net.loss), the gradients (net.backward), one optimizer step on net.parameters(); return the cost (about 4 lines).
        throw new UnsupportedOperationException("TODO(ch09-step) in exercises/ch09/Trainer.java");
    }

    /// One epoch over `images` (m×n₀) and `labels` (length m) in batches of `batchSize`, in an
    /// order shuffled by `order` (a permutation of 0 … m − 1, shuffled again here in place with
    /// `random`). `epoch` (from 1) only names the epoch in a [Diverged] error. Returns the
    /// mean cost of the epoch's batches, weighted by their sizes.
    public static double epoch(Mlp net, double[][] images, int[] labels, int batchSize, Optimizer optimizer,
            Shuffle order, int epoch, Progress progress) {
        int m = labels.length;
        int n0 = images[0].length;
        order.shuffle();
        DMatrixRMaj X = new DMatrixRMaj(batchSize, n0);
        int[] y = new int[batchSize];
        double sum = 0;
        int batch = 0;
        for (int start = 0; start < m; start += batchSize) {
            int B = Math.min(batchSize, m - start);
            X.reshape(B, n0);
            if (B != y.length) {
                // the last batch, smaller when B does not divide m
                y = new int[B];
            }
            for (int i = 0; i < B; i++) {
                int example = order.at(start + i);
                System.arraycopy(images[example], 0, X.data, i * n0, n0);
                y[i] = labels[example];
            }
            batch++;
            double C = step(net, X, y, optimizer);
            if (!Double.isFinite(C)) {
                throw new Diverged(epoch, batch, C);
            }
            sum += C * B;
            progress.batch(start + B, m, C);
        }
        return sum / m;
    }

    /// The predicted class of every row of `images` (m×n₀), computed in batches of 1000.
    public static int[] predict(Mlp net, double[][] images) {
        int m = images.length, n0 = images[0].length, chunk = 1000;
        int[] predicted = new int[m];
        DMatrixRMaj X = new DMatrixRMaj(Math.min(chunk, m), n0);
        for (int start = 0; start < m; start += chunk) {
            int B = Math.min(chunk, m - start);
            X.reshape(B, n0);
            for (int i = 0; i < B; i++) {
                System.arraycopy(images[start + i], 0, X.data, i * n0, n0);
            }
            int[] part = Accuracy.predictions(net.probabilities(X));
            System.arraycopy(part, 0, predicted, start, B);
        }
        return predicted;
    }
}

//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import ch09.Shuffle;
import ch09.Trainer;

/// `ch09.Trainer`'s mini-batch loop for a [FloatMlp]: the same shuffling, the same batches and
/// the same step (cost, backward, update; the last two in one phase, [FloatMlp#backwardAndStep]),
/// on float32 images. No buffer is allocated per batch.
public final class FloatTrainer {

    private FloatTrainer() {}

    /// The images as float32 rows (m×n₀): the trainer's input, converted once.
    public static float[][] floats(double[][] images) {
        float[][] rows = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            rows[i] = new float[images[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (float) images[i][j];
            }
        }
        return rows;
    }

    /// One epoch over `images` (m×n₀) and `labels` (length m) in batches of `batchSize`, in the order
    /// of `order` shuffled again here, as `ch09.Trainer.epoch`. Returns the mean cost of the epoch.
    /// Throws `ch09.Trainer.Diverged` when a batch's cost is not finite.
    public static double epoch(FloatMlp net, float[][] images, int[] labels, int batchSize, FloatOptimizer optimizer,
            Shuffle order, int epoch, Trainer.Progress progress) {
        int m = labels.length;
        order.shuffle();
        float[][] X = new float[batchSize][];
        int[] y = new int[batchSize];
        double sum = 0;
        int batch = 0;
        for (int start = 0; start < m; start += batchSize) {
            int B = Math.min(batchSize, m - start);
            double C = step(net, images, labels, order, start, B, X, y, optimizer);
            batch++;
            if (!Double.isFinite(C)) {
                throw new Trainer.Diverged(epoch, batch, C);
            }
            sum += C * B;
            progress.batch(start + B, m, C);
        }
        return sum / m;
    }

    /// One training step on the B examples from position `start` of `order` (gathered into X and y):
    /// returns their cost before the step. A method of its own so that the JIT compiles it once,
    /// while the epoch's loop above, compiled during its first run and dropped when it ends (its
    /// exit was never seen), stays small and quick to compile again.
    private static double step(FloatMlp net, float[][] images, int[] labels, Shuffle order, int start, int B,
            float[][] X, int[] y, FloatOptimizer optimizer) {
        for (int i = 0; i < B; i++) {
            int example = order.at(start + i);
            X[i] = images[example];
            y[i] = labels[example];
        }
        double C = net.loss(X, B, y);
        if (Double.isFinite(C)) {
            net.backwardAndStep(optimizer);
        }
        return C;
    }

    /// The predicted class of every row of `images` (m×n₀), computed in batches of 1000.
    public static int[] predict(FloatMlp net, float[][] images) {
        int m = images.length, chunk = 1000;
        int[] predicted = new int[m], part = new int[chunk];
        float[][] X = new float[chunk][];
        for (int start = 0; start < m; start += chunk) {
            int B = Math.min(chunk, m - start);
            System.arraycopy(images, start, X, 0, B);
            net.predict(X, B, part);
            System.arraycopy(part, 0, predicted, start, B);
        }
        return predicted;
    }
}

package fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.GradCheck;
import ch07.Optimizer;
import ch09.Accuracy;
import ch09.Mlp;
import ch09.Trainer;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The float32 network computes what chapter 9's float64 `Mlp` computes: the same cost, the same
/// gradients (checked numerically too), the same updates, the same predictions, on layer sizes
/// and batch sizes that fill no tile, on one thread and on two.
@DisplayName("FloatMlp")
class FloatMlpTest {

    /// Layer sizes that fill no tile (7 inputs, 13 and 17 hidden, 3 or 10 classes), both sides of a
    /// tile's width, and MNIST's input.
    static final int[][] NETWORKS = {{7, 13, 3}, {20, 33, 17, 10}, {129, 63, 10}, {65, 127, 1}, {784, 16, 10}};

    @Test
    @DisplayName("cost, ∂C/∂W and ∂C/∂b equal chapter 9's float64 network to float precision (batches of 1, 7, 32 and 64)")
    void gradientsEqualMlp() {
        for (int[] sizes : NETWORKS) {
            for (int m : new int[] {1, 7, 32, 64}) {
                for (int threads : new int[] {1, 2}) {
                    // fixed seeds: a pre-activation within float round-off of 0 would take ReLU's
                    // other side in float32 than in float64 (seed 125 once put z = 1.3e-8 there)
                    Random random = new Random(1000 + m + 31L * sizes.length);
                    Mlp reference = new Mlp(sizes, random);
                    double[][] X = inputs(m, sizes[0], random);
                    int[] y = labels(m, sizes[sizes.length - 1], random);
                    double expected = reference.loss(matrix(X), y);
                    reference.backward();
                    FloatMlp net = new FloatMlp(reference, threads);
                    double cost = net.loss(FloatTrainer.floats(X), m, y);
                    net.backward();
                    String where = Mlp.name(sizes) + ", m=" + m + ", " + threads + " threads";
                    assertEquals(expected, cost, 1e-5 * (1 + expected), "cost, " + where);
                    for (int l = 1; l < sizes.length; l++) {
                        assertClose(reference.parameters().get(2 * (l - 1)).gradient(), net.dW(l), "dW" + l + ", " + where);
                        assertClose(reference.parameters().get(2 * (l - 1) + 1).gradient(), net.db(l), "db" + l + ", " + where);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("the gradients pass a numerical gradient check in float32 (step 1e-2, relative error below 1e-2)")
    void gradientCheck() {
        int[] sizes = {6, 9, 4};
        Random random = new Random(5);
        Mlp start = new Mlp(sizes, random);
        float[][] X = FloatTrainer.floats(inputs(5, sizes[0], random));
        int[] y = labels(5, sizes[2], random);
        FloatMlp net = new FloatMlp(start, 1);
        net.loss(X, 5, y);
        net.backward();
        for (int l = 1; l < sizes.length; l++) {
            int layer = l;
            DMatrixRMaj W = start.W(l);
            double[] numeric = GradCheck.numericGradient(w -> {
                System.arraycopy(w, 0, W.data, 0, w.length);
                return new FloatMlp(start, 1).loss(X, 5, y);
            }, W.data.clone(), 1e-2);
            GradCheck.Report report = GradCheck.compare("dW" + layer, net.dW(layer).data, numeric);
            assertTrue(report.passes(1e-2), report.toString());
        }
    }

    @Test
    @DisplayName("one and two threads give bit-for-bit the same gradients")
    void threadsAgree() {
        int[] sizes = {784, 128, 10};
        Random random = new Random(6);
        Mlp start = new Mlp(sizes, random);
        float[][] X = FloatTrainer.floats(inputs(64, 784, random));
        int[] y = labels(64, 10, random);
        FloatMlp one = new FloatMlp(start, 1), two = new FloatMlp(start, 2);
        one.loss(X, 64, y);
        one.backward();
        two.loss(X, 64, y);
        two.backward();
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(one.dW(l).data, two.dW(l).data, "dW" + l);
            assertArrayEquals(one.db(l).data, two.db(l).data, "db" + l);
        }
    }

    @Test
    @DisplayName("1, 2 and 3 threads, and a team that changes its number of threads step by step, train the same cost and weights, bit for bit")
    void trainingAgreesOnAnyThreads() {
        int[] sizes = {784, 128, 10};
        Random random = new Random(12);
        Mlp start = new Mlp(sizes, random);
        // 61 examples: the last block of rows is short, and the batch is not a whole tile
        float[][] X = FloatTrainer.floats(inputs(61, 784, random));
        int[] y = labels(61, 10, random);
        int[][] schedules = {{1}, {2}, {3}, {2, 1, 1, 2, 3, 1}};
        double[][] costs = new double[schedules.length][6];
        FloatMlp[] nets = new FloatMlp[schedules.length];
        for (int s = 0; s < schedules.length; s++) {
            int[] schedule = schedules[s];
            nets[s] = new FloatMlp(start, Arrays.stream(schedule).max().orElseThrow());
            FloatOptimizer adam = new FloatOptimizer("adam", 1e-3, nets[s]);
            for (int step = 0; step < 6; step++) {
                nets[s].fixThreads(schedule[step % schedule.length]);
                costs[s][step] = nets[s].loss(X, 61, y);
                nets[s].backwardAndStep(adam);
            }
        }
        for (int s = 1; s < schedules.length; s++) {
            String how = "threads " + Arrays.toString(schedules[s]) + " against 1";
            assertArrayEquals(costs[0], costs[s], "costs, " + how);
            for (int l = 1; l <= 2; l++) {
                assertArrayEquals(nets[0].W(l).data, nets[s].W(l).data, "W" + l + ", " + how);
                assertArrayEquals(nets[0].b(l).data, nets[s].b(l).data, "b" + l + ", " + how);
            }
        }
    }

    @Test
    @DisplayName("SGD, momentum and Adam steps equal chapter 7's optimizers over three steps")
    void stepsEqualChapter7() {
        int[] sizes = {20, 33, 10};
        for (String name : new String[] {"sgd", "momentum", "adam"}) {
            Random random = new Random(7);
            Mlp reference = new Mlp(sizes, random);
            double[][] X = inputs(16, sizes[0], random);
            int[] y = labels(16, sizes[2], random);
            FloatMlp net = new FloatMlp(reference, 2);
            double eta = Trainer.DEFAULT_ETA.get(name);
            Optimizer optimizer = Trainer.optimizer(name, eta);
            FloatOptimizer fast = new FloatOptimizer(name, eta, net);
            for (int step = 0; step < 3; step++) {
                Trainer.step(reference, matrix(X), y, optimizer);
                net.loss(FloatTrainer.floats(X), 16, y);
                net.backward();
                net.step(fast);
            }
            for (int l = 1; l < sizes.length; l++) {
                assertClose(reference.W(l), net.W(l), name + ": W" + l + " after 3 steps");
                assertClose(reference.b(l), net.b(l), name + ": b" + l + " after 3 steps");
            }
        }
    }

    @Test
    @DisplayName("backwardAndStep gives bit for bit the weights of backward then step (Adam, 1 and 2 threads)")
    void fusedStepEqualsTwoPhases() {
        int[] sizes = {784, 128, 10};
        Random random = new Random(11);
        Mlp start = new Mlp(sizes, random);
        float[][] X = FloatTrainer.floats(inputs(64, 784, random));
        int[] y = labels(64, 10, random);
        for (int threads : new int[] {1, 2}) {
            FloatMlp twoPhases = new FloatMlp(start, threads), fused = new FloatMlp(start, threads);
            FloatOptimizer a = new FloatOptimizer("adam", 1e-3, twoPhases), b = new FloatOptimizer("adam", 1e-3, fused);
            for (int step = 0; step < 3; step++) {
                twoPhases.loss(X, 64, y);
                twoPhases.backward();
                twoPhases.step(a);
                fused.loss(X, 64, y);
                fused.backwardAndStep(b);
            }
            for (int l = 1; l <= 2; l++) {
                assertArrayEquals(twoPhases.W(l).data, fused.W(l).data, "W" + l + ", " + threads + " threads");
                assertArrayEquals(twoPhases.b(l).data, fused.b(l).data, "b" + l + ", " + threads + " threads");
            }
        }
    }

    @Test
    @DisplayName("predictions equal the float64 network's, and toMlp gives back the weights")
    void predictions() {
        int[] sizes = {20, 33, 10};
        Random random = new Random(8);
        Mlp reference = new Mlp(sizes, random);
        double[][] X = inputs(1500, sizes[0], random);
        FloatMlp net = new FloatMlp(reference, 2);
        int[] fast = FloatTrainer.predict(net, FloatTrainer.floats(X));
        int[] expected = Trainer.predict(reference, X);
        assertTrue(Accuracy.of(fast, expected) > 0.99, "the float32 predictions agree with float64 on "
                + Accuracy.of(fast, expected) * 100 + "% of the examples");
        Mlp back = net.toMlp();
        assertClose(reference.W(1), back.W(1), "W1 through toMlp");
    }

    @Test
    @DisplayName("a batch whose examples have the wrong length is refused with the lengths in the message")
    void wrongWidth() {
        FloatMlp net = new FloatMlp(new Mlp(new int[] {5, 4, 3}, new Random(9)), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> net.loss(new float[][] {new float[6]}, 1, new int[] {0}));
        assertTrue(e.getMessage().contains("6") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    @DisplayName("an optimizer made for one network is refused by another (its state would not fit)")
    void optimizerBelongsToItsNetwork() {
        Mlp start = new Mlp(new int[] {5, 4, 3}, new Random(10));
        FloatMlp one = new FloatMlp(start, 1), other = new FloatMlp(start, 1);
        FloatOptimizer adam = new FloatOptimizer("adam", 1e-3, one);
        other.loss(new float[][] {new float[5]}, 1, new int[] {0});
        other.backward();
        var e = assertThrows(IllegalArgumentException.class, () -> other.step(adam));
        assertTrue(e.getMessage().contains("another network"), e.getMessage());
    }

    /// Equal to float precision, relative to the matrix's largest entry (a wrong gradient is off by
    /// far more than 1e-4 of it).
    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertEquals(expected.numRows, actual.numRows, what + ": rows");
        assertEquals(expected.numCols, actual.numCols, what + ": columns");
        double scale = 0;
        for (double e : expected.data) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-4 * scale + 1e-7, what + ", entry " + i);
        }
    }

    static double[][] inputs(int m, int n, Random random) {
        double[][] X = new double[m][n];
        for (double[] row : X) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble();
            }
        }
        return X;
    }

    static int[] labels(int m, int classes, Random random) {
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = random.nextInt(classes);
        }
        return y;
    }

    static DMatrixRMaj matrix(double[][] X) {
        return new DMatrixRMaj(X);
    }
}

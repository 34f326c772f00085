//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import fast.MatMul.Out;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// How fast the cores can multiply-add, and how close [MatMul] comes: the measurements behind
/// `./jbang bench --kernel`.
///
/// **The peak** is measured, not looked up: a loop of fused multiply-adds on 12 independent vector
/// registers (enough to hide the 4-5 cycles each one takes before its result can be used), with
/// no memory access at all. Nothing the kernel does can beat it. Each FMA on a vector of L floats
/// counts as 2·L floating-point operations.
///
/// **The kernel** is timed on the products of one training step, each operand the size it has
/// there, the rows of the result split among the threads (the trainer splits some products by
/// columns instead; the rates are alike). A product counts 2·m·k·n operations.
///
/// With t threads, each one runs its share over and over for a second (after half a second of
/// warm-up), all at the same time, and the rates of the threads add up. Each rate is the best of
/// the thread's runs (the machine's speed when nothing interrupts it) or their median. The
/// threads do not wait for each other between runs: what waiting costs shows in the trainer's
/// own times (`./jbang bench --float`), not here.
public final class Throughput {

    private static final VectorSpecies<Float> S = MatMul.S;

    /// The best and the median rate of a measurement, in GFLOP/s.
    public record Rate(double best, double median) {}

    private Throughput() {}

    /// The peak float32 FMA rate of `threads` threads together.
    public static Rate peak(int threads) {
        int steps = 20_000;
        float[] sink = new float[threads];
        // 12 registers × L lanes × 2 operations per step
        return measure(threads, 12.0 * S.length() * 2 * steps, t -> () -> sink[t] += fmaLoop(steps));
    }

    /// C (m×n) = A (m×k) B (k×n) + bias, then ReLU, on `threads` threads.
    public static Rate mult(int m, int k, int n, int threads) {
        Random random = new Random(1);
        float[] a = gaussian(m * k, random), b = gaussian(k * n, random), bias = gaussian(n, random), c = new float[m * n];
        return measure(threads, 2.0 * m * k * n / threads, t -> () -> MatMul.mult(a, k, k, b, n, c, Out.BIAS_RELU, bias,
                Team.split(m, MatMul.ROWS, t, threads), Team.split(m, MatMul.ROWS, t + 1, threads)));
    }

    /// C (M×n) = Aᵀ B with A k×M and B k×n, on `threads` threads.
    public static Rate multTransA(int M, int k, int n, int threads) {
        Random random = new Random(2);
        float[] a = gaussian(k * M, random), b = gaussian(k * n, random), c = new float[M * n];
        return measure(threads, 2.0 * M * k * n / threads, t -> () -> MatMul.multTransA(a, M, k, b, n, c,
                Team.split(M, MatMul.ROWS, t, threads), Team.split(M, MatMul.ROWS, t + 1, threads)));
    }

    /// 12 independent chains of `steps` fused multiply-adds c ← x·y + c, in registers.
    private static float fmaLoop(int steps) {
        FloatVector x = FloatVector.broadcast(S, 1.0001f), y = FloatVector.broadcast(S, 0.9999f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0,
                c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < steps; i++) {
            c0 = x.fma(y, c0);
            c1 = x.fma(y, c1);
            c2 = x.fma(y, c2);
            c3 = x.fma(y, c3);
            c4 = x.fma(y, c4);
            c5 = x.fma(y, c5);
            c6 = x.fma(y, c6);
            c7 = x.fma(y, c7);
            c8 = x.fma(y, c8);
            c9 = x.fma(y, c9);
            c10 = x.fma(y, c10);
            c11 = x.fma(y, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /// Runs part t of the work (`operations` each run) on thread t of `threads`, all at once,
    /// and adds up their rates.
    private static Rate measure(int threads, double operations, IntFunction<Runnable> part) {
        double[][] seconds = new double[threads][];
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> team = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            team.add(Thread.ofPlatform().start(() -> seconds[id] = times(part.apply(id), start)));
        }
        double best = 0, median = 0;
        for (int t = 0; t < threads; t++) {
            try {
                team.get(t).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring", e);
            }
            best += operations / seconds[t][0] / 1e9;
            median += operations / seconds[t][seconds[t].length / 2] / 1e9;
        }
        return new Rate(best, median);
    }

    /// The sorted times of `work` run over and over for a second, after half a second of warm-up
    /// that ends when every thread of `start` has warmed up.
    private static double[] times(Runnable work, CyclicBarrier start) {
        long warmUntil = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmUntil) {
            work.run();
        }
        try {
            start.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException("a measuring thread was interrupted", e);
        }
        double[] seconds = new double[100_000];
        int runs = 0;
        long end = System.nanoTime() + 1_000_000_000L;
        while (runs < seconds.length && System.nanoTime() < end) {
            long begin = System.nanoTime();
            work.run();
            seconds[runs++] = (System.nanoTime() - begin) / 1e9;
        }
        double[] sorted = Arrays.copyOf(seconds, runs);
        Arrays.sort(sorted);
        return sorted;
    }

    private static float[] gaussian(int size, Random random) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}

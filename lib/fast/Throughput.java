//COMPILE_OPTIONS --add-modules=jdk.incubator.vector
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import fast.MatMul.Out;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// How fast the cores can multiply-add, and how close [MatMul] comes: the measurements behind
/// `./jbang bench --kernel`.
///
/// **The peak** is measured, not looked up: a loop of fused multiply-adds on 12 independent vector
/// registers (enough to hide the 4-5 cycles each one takes before its result can be used), with
/// no memory access at all, on every thread of a [Team]. Nothing the kernel does can beat it.
/// Each FMA on a vector of L floats counts as 2·L floating-point operations.
///
/// **The kernel** is timed on the products of one training step, each operand the size it has
/// there, its rows split among the threads as [FloatMlp] splits them. A product counts 2·m·k·n
/// operations. Both report the best of many runs (the machine's speed when nothing interrupts)
/// and the median.
public final class Throughput {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /// The best and the median rate of a measurement, in GFLOP/s.
    public record Rate(double best, double median) {}

    private Throughput() {}

    /// The peak float32 FMA rate of `threads` threads together.
    public static Rate peak(int threads) {
        Team team = new Team(threads);
        int steps = 20_000;
        float[] sink = new float[threads];
        // 12 registers × L lanes × 2 operations per step, per thread
        double operations = 12.0 * S.length() * 2 * steps * threads;
        return measure(operations, () -> team.run(t -> sink[t] += fmaLoop(steps)));
    }

    /// C (m×n) = A (m×k) B (k×n) + bias, then ReLU, on `threads` threads.
    public static Rate mult(int m, int k, int n, int threads) {
        Random random = new Random(1);
        float[] a = gaussian(m * k, random), b = gaussian(k * n, random), bias = gaussian(n, random), c = new float[m * n];
        Team team = new Team(threads);
        return measure(2.0 * m * k * n, () -> team.run(t -> MatMul.mult(a, k, k, b, n, c, Out.BIAS_RELU, bias,
                Team.split(m, MatMul.ROWS, t, threads), Team.split(m, MatMul.ROWS, t + 1, threads))));
    }

    /// C (M×n) = Aᵀ B with A k×M and B k×n, on `threads` threads.
    public static Rate multTransA(int M, int k, int n, int threads) {
        Random random = new Random(2);
        float[] a = gaussian(k * M, random), b = gaussian(k * n, random), c = new float[M * n];
        Team team = new Team(threads);
        return measure(2.0 * M * k * n, () -> team.run(t -> MatMul.multTransA(a, M, k, b, n, c,
                Team.split(M, MatMul.ROWS, t, threads), Team.split(M, MatMul.ROWS, t + 1, threads))));
    }

    /// 12 independent chains of `steps` fused multiply-adds, in registers.
    private static float fmaLoop(int steps) {
        FloatVector x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 1e-3f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0,
                c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < steps; i++) {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /// Runs `work` for about half a second to warm up, then times it for about a second.
    private static Rate measure(double operations, Runnable work) {
        long warmUntil = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmUntil) {
            work.run();
        }
        double[] seconds = new double[100_000];
        int runs = 0;
        long end = System.nanoTime() + 1_000_000_000L;
        while (runs < seconds.length && System.nanoTime() < end) {
            long start = System.nanoTime();
            work.run();
            seconds[runs++] = (System.nanoTime() - start) / 1e9;
        }
        double[] sorted = Arrays.copyOf(seconds, runs);
        Arrays.sort(sorted);
        return new Rate(operations / sorted[0] / 1e9, operations / sorted[runs / 2] / 1e9);
    }

    private static float[] gaussian(int size, Random random) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}

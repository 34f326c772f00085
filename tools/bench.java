///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
// The JIT compiles hot code after a tenth of its usual counts: the kernel's vector code is slow
// until C2 compiles it, and with the usual counts a late recompilation slowed epoch 4 or so.
//JAVA_OPTIONS -Xmx3g -XX:CompileThresholdScaling=0.1
//SOURCES ../lib/bp/*.java
//SOURCES ../fast/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch06/*.java
//SOURCES ../solutions/ch07/*.java
//SOURCES ../solutions/ch09/*.java
//SOURCES bench/*.java

import bp.Mnist;
import benchkit.Busy;
import benchkit.Reference;
import bp.Products;
import bp.Repo;
import bp.Tool;
import bp.UserError;
import fast.FloatMlp;
import fast.FloatOptimizer;
import fast.FloatTrainer;
import fast.MatMul;
import fast.Throughput;
import fast.VectorProducts;
import ch07.Optimizer;
import ch09.Accuracy;
import ch09.Mlp;
import ch09.Shuffle;
import ch09.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `./jbang bench`: chapter 9's trainer on the benchmark protocol of tools/bench/protocol.py, so
/// that its speed and accuracy compare with the NumPy and PyTorch trainers there, in one run:
///
///     784-128-10, ReLU, softmax + cross-entropy averaged over the batch, mini-batches of 64
///     (937 of 64 and one of 32 per epoch), He-normal init N(0, 2/fan-in) with zero biases,
///     one seeded shuffle per epoch, 5 epochs; SGD η = 0.1, momentum 0.9 with η = 0.05
///     (v ← μv + g, θ ← θ − ηv), Adam η = 1e-3 (β 0.9, 0.999, ε 1e-8, bias-corrected).
///     Timed: the training pass of each epoch alone (no loading, no evaluation).
///
/// Each epoch prints one line; each run ends with the reference trainers' summary line:
///
///     SUMMARY java-vector float32 adam arch=784,128,10  median 0.234 s/epoch (min 0.2 max 1.4)  final test acc 0.9752
///
/// By default chapter 9's `Mlp` trains in float64 with its products on the vectorised kernel of
/// `fast/` ("java-vector"), or on EJML's when the vector module is missing ("java-ejml").
/// `--float` trains `fast.FloatMlp`, the same network in float32 on the kernel of `fast.MatMul`
/// with the bias and activation fused into the products, shared among `--threads` threads.
///
/// `--against numpy,torch` runs tools/bench/numpy_mlp.py (and torch_mlp.py) after each of the
/// trainer's runs, with the same settings, and ends with a table of the medians. `--busy N` keeps
/// N other processes busy (benchkit.Busy) for the whole run, so that a shared machine's load can be
/// reproduced: every trainer of the run is measured under the same load.
void main(String[] args) {
    System.exit(Tool.run(new Bench(), args));
}

@Command(name = "./jbang bench", sortOptions = false,
        description = "Time chapter 9's MNIST trainer on the protocol of tools/bench/protocol.py, beside NumPy and PyTorch if asked.")
static final class Bench implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
    @Option(names = "--opt", paramLabel = "NAME", split = ",", description = "sgd, momentum or adam, or several: sgd,momentum,adam (default: sgd).")
    List<String> opts = List.of("sgd");
    @Option(names = "--lr", paramLabel = "η", description = "Learning rate (default: sgd 0.1, momentum 0.05, adam 0.001).")
    Double lr;
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 5).")
    int epochs = 5;
    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: 64).")
    int batch = 64;
    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", description = "Layer sizes (default: 784,128,10).")
    int[] layers = {784, 128, 10};
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights and the shuffling (default: 42).")
    long seed = 42;
    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: every core, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--fixed-threads", description = "With --float: always use all --threads, never fewer when waiting costs more.")
    boolean fixedThreads;
    @Option(names = "--ejml", description = "With float64: EJML's products instead of the vector kernel (the starting point).")
    boolean ejml;
    @Option(names = "--against", paramLabel = "NAME", split = ",", description = "Also run tools/bench/NAME_mlp.py, numpy and/or torch, after each run, and compare.")
    List<String> against = List.of();
    @Option(names = "--busy", paramLabel = "N", description = "Keep N processes busy with plain arithmetic during the whole run (default: 0).")
    int busy;
    @Option(names = "--python", paramLabel = "PATH", description = "The Python of --against (default: ${DEFAULT-VALUE}).")
    String python = Reference.defaultPython();
    @Option(names = "--vector-bits", paramLabel = "N", description = "With --float or --kernel: 256- or 512-bit vectors instead of the CPU's widest.")
    Integer vectorBits;
    @Option(names = "--kernel", description = "Measure the FMA peak and the float32 kernel's GFLOP/s on the training step's products instead.")
    boolean kernel;
    @ArgGroup(exclusive = true)
    DType dtype;

    /// The float64 products: "java-vector", or "java-ejml" when they fell back to EJML.
    private String system = "java-vector";

    static final class DType {
        @Option(names = "--float", description = "Matrix products in float32 (weights, gradients and updates stay float64).")
        boolean single;
        @Option(names = "--double", description = "Compute in float64 (the default).")
        boolean dual;
    }

    @Override
    public Integer call() {
        if (vectorBits != null) {
            int widest = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
            if ((vectorBits != 256 && vectorBits != 512) || vectorBits > widest) {
                throw new UserError("--vector-bits takes 256" + (widest >= 512 ? " or 512" : "") + " on this CPU, whose vectors have "
                        + widest + " bits, but was " + vectorBits);
            }
            // before the kernel's class is loaded: it reads the width once
            System.setProperty("fast.vectorBits", vectorBits.toString());
        }
        if (busy < 0 || busy > 64) {
            throw new UserError("--busy takes a number of processes from 0 to 64, but was " + busy);
        }
        for (String name : against) {
            if (!name.equals("numpy") && !name.equals("torch")) {
                throw new UserError("unknown reference trainer '" + name + "'; use numpy, torch or numpy,torch");
            }
            Reference.check(python, name);
        }
        if (!kernel) {
            for (String opt : opts) {
                if (!Trainer.DEFAULT_ETA.containsKey(opt)) {
                    throw new UserError("unknown optimizer '" + opt + "'; use sgd, momentum or adam");
                }
            }
            if (epochs < 1 || batch < 1 || threads < 1 || (lr != null && !(lr > 0))) {
                throw new UserError("--epochs, --batch and --threads must be positive and --lr a positive number");
            }
        }
        List<Process> load = Busy.start(busy);
        try {
            IO.println("machine: %s, %d cores, %d-bit vectors (%d floats), %s".formatted(cpu(), Runtime.getRuntime().availableProcessors(),
                    MatMul.L * 32, MatMul.L, busy == 0 ? "no load added" : busy + " busy process" + (busy == 1 ? "" : "es") + " (--busy " + busy
                    + ", pid " + String.join(" ", load.stream().map(p -> "" + p.pid()).toList()) + ")"));
            return kernel ? kernel() : trainAll();
        } finally {
            Busy.stop(load);
        }
    }

    /// Every optimizer of --opt: the trainer, then each reference of --against; then the table.
    private int trainAll() {
        long loadStart = System.nanoTime();
        Mnist data = Mnist.load();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        boolean single = dtype != null && dtype.single;
        if (single && !FloatMlp.available()) {
            System.err.println("note: the vector module jdk.incubator.vector is missing, so the benchmark runs in float64 on EJML");
            single = false;
        }
        List<Reference.Summary> results = new ArrayList<>();
        for (String opt : opts) {
            results.add(train(data, opt, single, loadSeconds));
            for (String name : against) {
                IO.println("%s_mlp.py --opt %s, same protocol, same load:".formatted(name, opt));
                results.add(Reference.run(Repo.root(), python, name, reference(opt, single, name)));
            }
        }
        if (!against.isEmpty() || opts.size() > 1) {
            table(results);
        }
        return 0;
    }

    /// The trainer on one optimizer; prints its epochs and its SUMMARY line and returns them.
    private Reference.Summary train(Mnist data, String opt, boolean single, double loadSeconds) {
        double eta = lr != null ? lr : Trainer.DEFAULT_ETA.get(opt);
        String arch = arch();
        Mlp net = new Mlp(layers, new Random(seed));
        Shuffle order = new Shuffle(data.train().size(), new Random(seed + 1));
        double[] seconds = new double[epochs];
        double accuracy = single ? float32(net, data, opt, eta, order, seconds, loadSeconds, arch)
                : float64(net, data, opt, eta, order, seconds, loadSeconds, arch);
        String precision = single ? "float32" : "float64";
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        String line = "SUMMARY %s %s %s arch=%s  median %.3f s/epoch (min %.3f max %.3f)  final test acc %.4f".formatted(
                single ? "java-vector" : system, precision, opt, arch, median, sorted[0], sorted[n - 1], accuracy);
        IO.println(line);
        return Reference.Summary.parse(line);
    }

    /// The reference trainer's arguments: the same settings as the Java run's.
    private List<String> reference(String opt, boolean single, String name) {
        List<String> arguments = new ArrayList<>(List.of("--opt", opt, "--epochs", "" + epochs, "--batch", "" + batch,
                "--arch", arch(), "--seed", "" + seed, "--dtype", single ? "float32" : "float64"));
        if (lr != null) {
            arguments.addAll(List.of("--lr", "" + lr));
        }
        if (name.equals("torch")) {
            // PyTorch's OpenMP threads fight OpenBLAS's own on a small machine: one is its best
            arguments.addAll(List.of("--threads", "1"));
        }
        return arguments;
    }

    /// The medians as a Markdown table: a row per trainer, a column per optimizer, and the Java
    /// trainer's time over each reference's (below 1: faster).
    private void table(List<Reference.Summary> results) {
        List<String> systems = results.stream().map(r -> r.system() + " " + r.dtype()).distinct().toList();
        IO.println("");
        IO.println("Median training seconds per epoch (%s, batch %d, %d epochs; %s):".formatted(arch(), batch, epochs,
                busy == 0 ? "idle" : "--busy " + busy));
        IO.println("| trainer | " + String.join(" | ", opts) + " |");
        IO.println("|---|" + "---|".repeat(opts.size()));
        for (String system : systems) {
            StringBuilder row = new StringBuilder("| " + system + " |");
            for (String opt : opts) {
                row.append(results.stream().filter(r -> (r.system() + " " + r.dtype()).equals(system) && r.opt().equals(opt))
                        .findFirst().map(r -> " %.3f |".formatted(r.median())).orElse(" |"));
            }
            IO.println(row.toString());
        }
        String java = systems.getFirst();
        for (String system : systems.subList(1, systems.size())) {
            StringBuilder row = new StringBuilder("| java / " + system.split("-")[0] + " |");
            for (String opt : opts) {
                double mine = median(results, java, opt), theirs = median(results, system, opt);
                row.append(" %.2f |".formatted(mine / theirs));
            }
            IO.println(row.toString());
        }
    }

    private static double median(List<Reference.Summary> results, String system, String opt) {
        return results.stream().filter(r -> (r.system() + " " + r.dtype()).equals(system) && r.opt().equals(opt))
                .mapToDouble(Reference.Summary::median).findFirst().orElse(Double.NaN);
    }

    private String arch() {
        return Arrays.stream(layers).mapToObj(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }

    /// The CPU's model name from /proc/cpuinfo, or "an unknown CPU".
    private static String cpu() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse("an unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "an unknown CPU";
        }
    }

    /// Trains chapter 9's `Mlp` (float64, products by the vector kernel) and returns the test accuracy.
    private double float64(Mlp net, Mnist data, String opt, double eta, Shuffle order, double[] seconds, double loadSeconds,
            String arch) {
        Products products = ejml ? Products.ejml(threads) : VectorProducts.best(threads);
        header(products.name(), "float64", opt, eta, arch, loadSeconds);
        net.products(products);
        system = products instanceof VectorProducts ? "java-vector" : "java-ejml";
        Optimizer optimizer = Trainer.optimizer(opt, eta);
        double accuracy = 0;
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            double loss = Trainer.epoch(net, data.train().images(), data.train().labels(), batch, optimizer, order, e + 1,
                    (done, total, batchLoss) -> {});
            seconds[e] = (System.nanoTime() - start) / 1e9;
            long evalStart = System.nanoTime();
            accuracy = Accuracy.of(Trainer.predict(net, data.test().images()), data.test().labels());
            report(e, seconds[e], loss, accuracy, evalStart);
        }
        return accuracy;
    }

    /// Trains the float32 `fast.FloatMlp` made from `net` and returns the test accuracy; after each
    /// epoch, how the threads did ([FloatMlp#threadReport]).
    private double float32(Mlp start, Mnist data, String opt, double eta, Shuffle order, double[] seconds, double loadSeconds,
            String arch) {
        FloatMlp net = new FloatMlp(start, threads);
        if (fixedThreads) {
            net.fixThreads(threads);
        }
        header(net.describe(), "float32", opt, eta, arch, loadSeconds);
        FloatOptimizer optimizer = new FloatOptimizer(opt, eta, net);
        float[][] train = FloatTrainer.floats(data.train().images()), test = FloatTrainer.floats(data.test().images());
        double accuracy = 0;
        for (int e = 0; e < epochs; e++) {
            long begin = System.nanoTime();
            double loss = FloatTrainer.epoch(net, train, data.train().labels(), batch, optimizer, order, e + 1,
                    (done, total, batchLoss) -> {});
            seconds[e] = (System.nanoTime() - begin) / 1e9;
            long evalStart = System.nanoTime();
            accuracy = Accuracy.of(FloatTrainer.predict(net, test), data.test().labels());
            report(e, seconds[e], loss, accuracy, evalStart);
        }
        if (threads > 1) {
            IO.println("  threads: " + net.threadReport());
        }
        return accuracy;
    }

    /// `--kernel`: the peak FMA rate of 1 and of `threads` threads, then the kernel on each product
    /// of a 784-128-10 training step with batch 64, as a percentage of the peak of the threads used.
    /// The peak is measured before and after the products and the better one kept: this machine
    /// shares its host, and once both threads' peak came out at half its usual value.
    private int kernel() {
        if (!FloatMlp.available()) {
            throw new UserError("the kernel needs the vector module jdk.incubator.vector, which this JVM lacks");
        }
        int[] teams = threads == 1 ? new int[] {1} : new int[] {1, threads};
        // the 10 classes padded to whole panels: 16 columns with 8-float vectors, 32 with 16-float ones
        int K = MatMul.padded(10);
        String[] names = {"Z1 = X W1ᵀ + b1, ReLU   64×784 · 784×128", "dW1ᵀ = Xᵀ δ1           784×64 · 64×128",
                "Z2 = A1 W2ᵀ + b2        64×128 · 128×" + K, "δ1 = δ2 W2 (as A B)     64×" + K + " · " + K + "×128",
                "dW2ᵀ = A1ᵀ δ2          128×64 · 64×" + K};
        double[] stepFlops = {2.0 * 64 * 784 * 128, 2.0 * 784 * 64 * 128, 2.0 * 64 * 128 * K, 2.0 * 64 * K * 128, 2.0 * 128 * 64 * K};
        Throughput.Rate[] before = peaks(teams);
        Throughput.Rate[][] rates = new Throughput.Rate[names.length][teams.length];
        for (int s = 0; s < names.length; s++) {
            for (int i = 0; i < teams.length; i++) {
                int t = teams[i];
                rates[s][i] = switch (s) {
                    case 0 -> Throughput.mult(64, 784, 128, t);
                    case 1 -> Throughput.multTransA(784, 64, 128, t);
                    case 2 -> Throughput.mult(64, 128, K, t);
                    case 3 -> Throughput.mult(64, K, 128, t);
                    default -> Throughput.multTransA(128, 64, K, t);
                };
            }
        }
        Throughput.Rate[] after = peaks(teams);
        IO.println("Peak float32 FMA rate, measured (12 independent vector FMA chains, registers only) before and after the products, GFLOP/s:");
        double[] peak = new double[teams.length];
        for (int i = 0; i < teams.length; i++) {
            peak[i] = Math.max(before[i].best(), after[i].best());
            IO.println("  %d thread%s: best %.1f (before: best %.1f, median %.1f; after: best %.1f, median %.1f)".formatted(teams[i],
                    teams[i] == 1 ? " " : "s", peak[i], before[i].best(), before[i].median(), after[i].best(), after[i].median()));
        }
        IO.println("The kernel on the products of one training step (784-128-10, batch 64), GFLOP/s (best, median) and the best as % of the peak:");
        double flops = 0, seconds = 0;
        for (int s = 0; s < names.length; s++) {
            StringBuilder line = new StringBuilder("  " + names[s]);
            for (int i = 0; i < teams.length; i++) {
                Throughput.Rate rate = rates[s][i];
                line.append("   %d thr: %6.1f %6.1f  %3.0f%%".formatted(teams[i], rate.best(), rate.median(), 100 * rate.best() / peak[i]));
            }
            IO.println(line.toString());
            flops += stepFlops[s];
            seconds += stepFlops[s] / (rates[s][teams.length - 1].best() * 1e9);
        }
        double overall = flops / seconds / 1e9;
        IO.println("SUMMARY kernel float32 %d thread%s  %.1f GFLOP/s over a step's products (best runs)  %.0f%% of the measured peak %.1f"
                .formatted(teams[teams.length - 1], teams[teams.length - 1] == 1 ? "" : "s", overall,
                        100 * overall / peak[peak.length - 1], peak[peak.length - 1]));
        return 0;
    }

    /// The peak FMA rate of each team size.
    private static Throughput.Rate[] peaks(int[] teams) {
        Throughput.Rate[] rates = new Throughput.Rate[teams.length];
        for (int i = 0; i < teams.length; i++) {
            rates[i] = Throughput.peak(teams[i]);
        }
        return rates;
    }

    private void header(String products, String precision, String opt, double eta, String arch, double loadSeconds) {
        IO.println("java %s, products: %s, dtype=%s, opt=%s lr=%s, arch=%s, load %.2fs".formatted(
                Runtime.version(), products, precision, opt, eta, arch, loadSeconds));
    }

    private static void report(int e, double seconds, double loss, double accuracy, long evalStart) {
        IO.println("epoch %d  train %.3f s  loss %.4f  test acc %.4f  (eval %.3f s)".formatted(e + 1, seconds, loss,
                accuracy, (System.nanoTime() - evalStart) / 1e9));
    }
}

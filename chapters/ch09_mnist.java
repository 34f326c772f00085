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

import bp.*;
import fast.FloatMlp;
import fast.FloatOptimizer;
import fast.FloatTrainer;
import fast.VectorProducts;
import ch07.Optimizer;
import ch09.Accuracy;
import ch09.DigitImage;
import ch09.Mlp;
import ch09.ModelFile;
import ch09.Shuffle;
import ch09.Trainer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// # Chapter 9: a complete MLP trainer on the MNIST handwritten digits
///
/// Everything so far, put together to read handwritten digits. An image of 28×28 grey pixels is a
/// vector x of n₀ = 784 numbers in [0, 1]; its digit y is one of K = 10 classes. The network of
/// chapter 6, sized for it (784-128-10 by default), turns a batch X (m×784, one image per row)
/// into class probabilities:
///
///     Z¹ = X W¹ᵀ + 1 b¹ᵀ,  A¹ = ReLU(Z¹)          (m×128)
///     Z² = A¹ W²ᵀ + 1 b²ᵀ,  P = softmax(Z²)        (m×10, each row sums to 1)
///
/// The cost is chapter 3's cross-entropy, C = −(1/m) Σ_i log P_i,y_i, whose gradient with respect
/// to Z² is the famous δ² = (P − Y)/m (Y one-hot). Backpropagation (chapter 6) gives
/// ∂C/∂W² = δ²ᵀ A¹, ∂C/∂b² = 1ᵀ δ², δ¹ = (δ² W²) ⊙ 1[Z¹ > 0], ∂C/∂W¹ = δ¹ᵀ X, ∂C/∂b¹ = 1ᵀ δ¹, and
/// an optimizer of chapter 7 updates the weights after every mini-batch of 64 images (chapter 5):
/// Adam in the lesson; `mnist train` uses momentum and lowers η by a factor after every epoch, which
/// settles into a slightly better minimum. The weights start He-normal, N(0, 2/fan-in) (chapter 8).
///
/// `./jbang ch09` is the lesson. The same chapter is a tool (`./jbang mnist ...`, the same script):
///
///     ./jbang mnist train [--layers 784,256,128,10] [--opt sgd|momentum|adam] [--lr η] [--decay F]
///                         [--epochs N] [--batch B] [--seed N] [--threads N] [--double] [--save FILE] [--quick]
///     ./jbang mnist eval --model FILE
///     ./jbang mnist predict --model FILE IMAGE.png ...
///     ./jbang mnist samples [--count N] [--out DIR]     (test digits written out as PNG)
///
/// The lesson computes with `ch09.Mlp`, `ch09.Trainer` and friends: the reference solutions by
/// default, your own code from `exercises/ch09/` with `--mine`. `mnist train` trains the same
/// network in float32 with `fast.FloatMlp` (fast/: the same equations on a register-blocked
/// vector kernel, with the bias and the ReLU fused into the products, on every core), about four
/// times faster; `--double` trains `ch09.Mlp` itself.
void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-")) {
        System.exit(Tool.run(new MnistTool(), args));
    }
    Chapter.run(args, TITLE, commands(), this::lesson);
}

/// The end of the lesson's usage (`./jbang ch09 --help` and `./jbang mnist --help` run the same
/// script): the commands of the tool, each with its one-line description.
static String commands() {
    CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumnWidths(
            CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF), 25, 54);
    new CommandLine(new MnistTool()).getSubcommands().forEach((name, command) ->
            table.addRowValues("  ./jbang mnist " + name, command.getCommandSpec().usageMessage().description()[0]));
    return "Without a command this is the lesson; with one, the same script is a tool:\n" + table
            + "./jbang mnist COMMAND --help gives the options of each command.";
}

static final String TITLE = "Chapter 9: a complete MLP trainer on the MNIST handwritten digits.";

/// The lesson: load the digits, check the gradient, train, look at what the network learned,
/// save it and read a few digits back from PNG files. `--quick` trains one epoch on a subset.
void lesson(Options options) {
    Mnist data = step1_data(options);
    step2_network(options, data);
    Settings settings = Settings.lesson(options);
    TrainingRun run = step3_train(options, data, settings);
    step4_plots(options, data, run);
    step5_saveAndPredict(options, data, run.net());
    whatsNext();
}

/// The settings of one training run (the `train` command's options).
///
/// @param layers  n₀ … n_L
/// @param batch   the mini-batch size B
/// @param opt     "sgd", "momentum" or "adam"
/// @param eta     the learning rate η
/// @param epochs  passes over the training data
/// @param decay   η is multiplied by it after every epoch (1: a constant η)
/// @param seed    seeds the initial weights and the shuffling
/// @param threads threads for the matrix products (the vectorised kernel of fast/)
/// @param float32 train `fast.FloatMlp` (float32, fast) instead of `ch09.Mlp` (float64, the chapter's code)
record Settings(int[] layers, int batch, String opt, double eta, int epochs, double decay, long seed, int threads,
        boolean float32) {

    /// The lesson's run: 784-128-10, Adam, 5 epochs (1 with --quick), on chapter 9's own `Mlp`.
    static Settings lesson(Options options) {
        return new Settings(new int[] {784, 128, 10}, 64, "adam", 1e-3, options.quick() ? 1 : 5, 1, options.seed(), 1,
                false);
    }

    /// The optimizer, fresh (its state empty).
    Optimizer optimizer() {
        return Trainer.optimizer(opt, eta);
    }

    String describe() {
        return "%s, %s η = %s%s, batch %d, %d epoch%s, seed %d, %s on %d thread%s".formatted(Mlp.name(layers), opt, eta,
                decay == 1 ? "" : " × " + decay + " per epoch", batch, epochs, epochs == 1 ? "" : "s", seed,
                float32 ? "float32" : "float64", threads, threads == 1 ? "" : "s");
    }
}

/// What a training run leaves behind for the plots.
///
/// @param net         the trained network
/// @param batchLosses the cost of every batch, in order
/// @param epochLosses the mean cost of each epoch
/// @param trainAcc    the accuracy on the training set after each epoch
/// @param testAcc     the accuracy on the test set after each epoch
/// @param predicted   the predicted class of every test image after the last epoch
/// @param seconds     the training time of each epoch (the training pass alone)
record TrainingRun(Mlp net, double[] batchLosses, double[] epochLosses, double[] trainAcc, double[] testAcc,
        int[] predicted, double[] seconds) {}

/// 1. The data: 60,000 training and 10,000 test images with their labels; `--quick` keeps the
/// first 3,000 and 1,000.
Mnist step1_data(Options options) {
    Print.heading("1. The MNIST digits");
    Mnist data = loadData(options.quick());
    Mnist.Examples train = data.train();
    IO.println("   %d training and %d test images of %d×%d pixels in [0, 1]%s.".formatted(train.size(),
            data.test().size(), train.rows(), train.cols(), options.quick() ? " (--quick: a subset)" : ""));
    int[] counts = new int[Mnist.CLASSES];
    for (int y : train.labels()) {
        counts[y]++;
    }
    IO.println("   training images per digit: " + Arrays.toString(counts));
    double[][] first = Arrays.copyOf(train.images(), 40);
    String[] captions = new String[first.length];
    for (int i = 0; i < first.length; i++) {
        captions[i] = "y = " + train.labels()[i];
    }
    Pictures.save(Pictures.grid("The first 40 training digits and their labels", first, Mnist.ROWS, captions, 10, 3,
            Pictures.Palette.INK), options, "digits");
    return data;
}

/// 2. The network and its gradient: the cost at the start is about ln 10 (P is nearly uniform),
/// and the backward pass agrees with a numerical gradient on a small network.
void step2_network(Options options, Mnist data) {
    Print.heading("2. The network 784-128-10 and a check of its gradient");
    Random random = new Random(options.seed());
    Mlp net = new Mlp(new int[] {784, 128, 10}, random);
    IO.println("   %s: %d weights and biases; W¹ is 128×784, b¹ 1×128, W² 10×128, b² 1×10."
            .formatted(net, net.parameterCount()));
    int m = 64;
    DMatrixRMaj X0 = new DMatrixRMaj(m, Mnist.PIXELS);
    for (int i = 0; i < m; i++) {
        System.arraycopy(data.train().images()[i], 0, X0.data, i * Mnist.PIXELS, Mnist.PIXELS);
    }
    double C0 = net.loss(X0, Arrays.copyOf(data.train().labels(), m));
    IO.println("   Untrained, every class is about equally likely (P ≈ 1/10), so C ≈ −ln(1/10) = ln 10:");
    Print.row("C of 64 images, untrained", C0);
    Print.row("ln 10", Math.log(10));
    Mlp small = new Mlp(new int[] {6, 5, 4}, new Random(options.seed()));
    DMatrixRMaj X = new DMatrixRMaj(8, 6);
    for (int i = 0; i < X.getNumElements(); i++) {
        X.data[i] = random.nextGaussian();
    }
    int[] y = {0, 1, 2, 3, 3, 2, 1, 0};
    IO.println("   On a small 6-5-4 network and a batch of 8, the backward pass against centred differences:");
    small.loss(X, y);
    small.backward();
    for (ch06.Parameter p : small.parameters()) {
        double[] analytic = Arrays.copyOf(p.gradient().data, p.gradient().getNumElements());
        double[] original = Arrays.copyOf(p.value().data, p.value().getNumElements());
        double[] numeric = GradCheck.numericGradient(values -> {
            System.arraycopy(values, 0, p.value().data, 0, values.length);
            return small.loss(X, y);
        }, original.clone());
        // put the original values back before checking the next parameter
        System.arraycopy(original, 0, p.value().data, 0, original.length);
        double error = GradCheck.maxRelError(analytic, numeric);
        IO.println("   %-3s %-5s max relative error %.1e %s".formatted(p.name(), p.value().numRows + "×" + p.value().numCols,
                error, error < 1e-6 ? "✓" : "✗"));
    }
}

/// 3. Training: per epoch a progress bar (on a terminal), then the cost, the accuracies and the time.
TrainingRun step3_train(Options options, Mnist data, Settings settings) {
    Print.heading("3. Training: " + settings.describe());
    return train(data, settings);
}

/// 4. What the network learned: the cost and accuracy curves, the confusion matrix, the digits it
/// gets wrong and the first layer's weights.
void step4_plots(Options options, Mnist data, TrainingRun run) {
    Print.heading("4. What the network learned");
    plotsOf(options, data, run);
}

/// 5. Save the network, read it back, and classify test digits written out as PNG files, the way
/// `./jbang mnist predict` reads a digit you drew.
void step5_saveAndPredict(Options options, Mnist data, Mlp net) {
    Print.heading("5. Saving the model and reading digits from PNG files");
    Path model = options.out().resolve("model.bpm");
    ModelFile.save(net, model);
    Mlp loaded = ModelFile.load(model);
    IO.println("   saved and read back: " + Repo.display(model) + " (" + loaded + ")");
    List<Path> pngs = writeSamples(data.test(), 3, options.out().resolve("samples"));
    for (Path png : pngs) {
        predict(loaded, png);
    }
}

void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch09/: OneHot.encode, Accuracy, the softmax
                  cross-entropy gradient, Mlp.backward and Trainer.step.
               2. Grade them:                          ./jbang grade ch09
               3. Run this chapter on your own code:   ./jbang ch09 --mine
               4. Train for real and keep the model:   ./jbang mnist train --save out/mnist.bpm
                  (10 epochs of momentum with η lowered by ×0.85 per epoch: about 98% on the test set)
                  then draw a digit in any paint program, save it as PNG and ask:
                                                       ./jbang mnist predict --model out/mnist.bpm digit.png
               5. Measure the speed against NumPy:     ./jbang bench --float --opt adam --against numpy""".indent(3));
}

// ---- training ----

/// MNIST from data/mnist; with `quick` its first 3,000 training and 1,000 test images.
static Mnist loadData(boolean quick) {
    Mnist data = Mnist.load();
    return quick ? data.first(3000, 1000) : data;
}

/// Trains a new network with `settings` on `data`, printing one line per epoch.
static TrainingRun train(Mnist data, Settings settings) {
    Mnist.Examples train = data.train(), test = data.test();
    if (settings.layers()[0] != Mnist.PIXELS || settings.layers()[settings.layers().length - 1] != Mnist.CLASSES) {
        throw new UserError("the layers must start with 784 (the pixels) and end with 10 (the digits), but were "
                + Mlp.name(settings.layers()));
    }
    Mlp net = new Mlp(settings.layers(), new Random(settings.seed()));
    Shuffle order = new Shuffle(train.size(), new Random(settings.seed() + 1));
    Learner learner = settings.float32() && FloatMlp.available() ? new Float32(data, settings, net, order)
            : new Float64(data, settings, net, order);
    List<Double> batchLosses = new ArrayList<>();
    int E = settings.epochs();
    double[] epochLosses = new double[E], trainAcc = new double[E], testAcc = new double[E], seconds = new double[E];
    int[] predicted = null;
    IO.println("   %5s   %10s   %9s   %9s   %8s".formatted("epoch", "train cost", "train acc", "test acc", "time"));
    for (int e = 0; e < E; e++) {
        ProgressBar bar = new ProgressBar("   epoch %d/%d".formatted(e + 1, E));
        long start = System.nanoTime();
        try {
            epochLosses[e] = learner.epoch(e + 1, (done, total, loss) -> {
                batchLosses.add(loss);
                bar.update(done, total, loss);
            });
        } catch (Trainer.Diverged d) {
            bar.done();
            // the default trains this network; below it, a tenth of η is the next thing to try
            double usual = Trainer.DEFAULT_ETA.get(settings.opt());
            String advice = settings.eta() > usual
                    ? "try %s's default, --lr %s (or leave out --lr)".formatted(settings.opt(), usual)
                    : "try a lower one, for example --lr " + settings.eta() / 10;
            throw new UserError(d.getMessage() + ": the learning rate η = " + settings.eta()
                    + " is too large for this network; " + advice);
        }
        seconds[e] = (System.nanoTime() - start) / 1e9;
        bar.done();
        // the schedule: a smaller step for the next epoch, to settle into the minimum
        learner.decay(settings.decay());
        trainAcc[e] = Accuracy.of(learner.predict(false), train.labels());
        predicted = learner.predict(true);
        testAcc[e] = Accuracy.of(predicted, test.labels());
        IO.println("   %5d   %10.4f   %8.2f%%   %8.2f%%   %6.2f s".formatted(e + 1, epochLosses[e], 100 * trainAcc[e],
                100 * testAcc[e], seconds[e]));
    }
    double[] losses = batchLosses.stream().mapToDouble(Double::doubleValue).toArray();
    return new TrainingRun(learner.mlp(), losses, epochLosses, trainAcc, testAcc, predicted, seconds);
}

/// The network being trained, in either precision: the loop in [#train] is the same for both.
interface Learner {
    /// One epoch (from 1) over the training set; returns its mean cost.
    double epoch(int epoch, Trainer.Progress progress);

    /// η ← η · factor, for the next epochs.
    void decay(double factor);

    /// The predicted class of every test image (`test`) or training image.
    int[] predict(boolean test);

    /// The network as chapter 9's `Mlp`, to plot, save and evaluate.
    Mlp mlp();
}

/// Chapter 9's `Mlp` in float64 (your code with --mine), its products on the vector kernel.
record Float64(Mnist data, Settings settings, Mlp net, Shuffle order, Optimizer optimizer) implements Learner {
    Float64(Mnist data, Settings settings, Mlp net, Shuffle order) {
        this(data, settings, net, order, settings.optimizer());
        net.products(VectorProducts.best(settings.threads()));
    }

    public double epoch(int epoch, Trainer.Progress progress) {
        return Trainer.epoch(net, data.train().images(), data.train().labels(), settings.batch(), optimizer, order, epoch,
                progress);
    }

    public void decay(double factor) {
        optimizer.eta(optimizer.eta() * factor);
    }

    public int[] predict(boolean test) {
        return Trainer.predict(net, (test ? data.test() : data.train()).images());
    }

    public Mlp mlp() {
        return net;
    }
}

/// The same network in float32 on the fast kernel of fast/ (`fast.FloatMlp`), started from the
/// same weights and shuffled the same way; the images converted to float once.
record Float32(Mnist data, Settings settings, FloatMlp net, Shuffle order, FloatOptimizer optimizer, float[][] train,
        float[][] test) implements Learner {
    Float32(Mnist data, Settings settings, Mlp start, Shuffle order) {
        this(data, settings, new FloatMlp(start, settings.threads()), order);
    }

    private Float32(Mnist data, Settings settings, FloatMlp net, Shuffle order) {
        this(data, settings, net, order, new FloatOptimizer(settings.opt(), settings.eta(), net),
                FloatTrainer.floats(data.train().images()), FloatTrainer.floats(data.test().images()));
    }

    public double epoch(int epoch, Trainer.Progress progress) {
        return FloatTrainer.epoch(net, train, data.train().labels(), settings.batch(), optimizer, order, epoch, progress);
    }

    public void decay(double factor) {
        optimizer.eta(optimizer.eta() * factor);
    }

    public int[] predict(boolean test) {
        return FloatTrainer.predict(net, test ? this.test : train);
    }

    public Mlp mlp() {
        return net.toMlp();
    }
}

// ---- plots ----

/// The cost of every batch (light), its moving average over 50 batches, and the mean cost of each epoch.
static void plotCost(Options options, TrainingRun run) {
    double[] losses = run.batchLosses();
    int perEpoch = losses.length / run.epochLosses().length;
    XYChart chart = Plots.lines("Training cost: per batch, smoothed, and per epoch", "batch", "cross-entropy cost C");
    chart.getStyler().setYAxisMin(0.0).setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] batches = Plots.range(1, losses.length, losses.length);
    XYSeries raw = Plots.line(chart, "per batch", batches, losses);
    raw.setLineColor(new Color(170, 200, 230));
    raw.setLineWidth(1f);
    Plots.line(chart, "moving average of 50 batches", batches, movingAverage(losses, 50)).setLineColor(new Color(0, 114, 178));
    double[] ends = new double[run.epochLosses().length];
    for (int e = 0; e < ends.length; e++) {
        ends[e] = (e + 1) * perEpoch;
    }
    XYSeries epochs = Plots.line(chart, "mean of each epoch (at its end)", ends, run.epochLosses());
    epochs.setLineColor(new Color(213, 94, 0));
    epochs.setMarker(SeriesMarkers.CIRCLE);
    epochs.setMarkerColor(new Color(213, 94, 0));
    Plots.save(chart, options, "cost");
}

/// Train and test accuracy after each epoch.
static void plotAccuracy(Options options, TrainingRun run) {
    int E = run.testAcc().length;
    XYChart chart = Plots.lines("Accuracy after each epoch", "epoch", "accuracy (%)");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setXAxisDecimalPattern("0");
    double[] epochs = new double[E];
    Arrays.setAll(epochs, e -> e + 1);
    XYSeries train = Plots.line(chart, "training set", epochs, percent(run.trainAcc()));
    train.setMarker(SeriesMarkers.CIRCLE);
    train.setLineColor(new Color(0, 114, 178));
    train.setMarkerColor(new Color(0, 114, 178));
    XYSeries test = Plots.line(chart, "test set (never trained on)", epochs, percent(run.testAcc()));
    test.setMarker(SeriesMarkers.DIAMOND);
    test.setLineColor(new Color(213, 94, 0));
    test.setMarkerColor(new Color(213, 94, 0));
    Plots.save(chart, options, "accuracy");
}

/// counts[t][p]: how many test images of digit t were predicted as p.
static int[][] confusion(int[] labels, int[] predicted) {
    int[][] counts = new int[Mnist.CLASSES][Mnist.CLASSES];
    for (int i = 0; i < labels.length; i++) {
        counts[labels[i]][predicted[i]]++;
    }
    return counts;
}

/// The five most frequent confusions, with a word on the classic ones.
static void printConfusions(int[][] counts) {
    List<int[]> mistakes = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
        for (int p = 0; p < counts.length; p++) {
            if (t != p && counts[t][p] > 0) {
                mistakes.add(new int[] {counts[t][p], t, p});
            }
        }
    }
    mistakes.sort((a, b) -> b[0] - a[0]);
    IO.println("   The most frequent mistakes on the test set (true → predicted: count):");
    for (int[] m : mistakes.subList(0, Math.min(5, mistakes.size()))) {
        IO.println("     %d → %d: %d".formatted(m[1], m[2], m[0]));
    }
    IO.println("""
               Pairs like 4/9, 3/5, 7/9 and 2/7 lead the list in most runs: a 4 with a closed top is a 9,
               a 3 with a straight left stroke is nearly a 5. The network sees pixels, not strokes, and
               such digits overlap pixel by pixel; a convolutional network (shapes, not pixels) halves it.""".indent(3));
}

/// A grid of the first 40 misclassified test digits, captioned true → predicted.
static void saveMistakes(Options options, Mnist.Examples test, int[] predicted) {
    List<double[]> images = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < predicted.length && images.size() < 40; i++) {
        if (predicted[i] != test.labels()[i]) {
            images.add(test.images()[i]);
            captions.add(test.labels()[i] + " → " + predicted[i]);
        }
    }
    if (images.isEmpty()) {
        IO.println("   (no test digit was misclassified: nothing to draw)");
        return;
    }
    Pictures.save(Pictures.grid("Misclassified test digits: true → predicted", images.toArray(double[][]::new),
            Mnist.ROWS, captions.toArray(String[]::new), 10, 3, Pictures.Palette.INK), options, "misclassified");
}

/// The weights of the first 64 hidden units, each row of W¹ drawn as a 28×28 image: red where a
/// bright pixel raises the unit's z, blue where it lowers it.
static void saveWeights(Options options, Mlp net) {
    DMatrixRMaj W1 = net.W(1);
    int units = Math.min(64, W1.numRows);
    double[][] rows = new double[units][];
    for (int j = 0; j < units; j++) {
        rows[j] = Arrays.copyOfRange(W1.data, j * W1.numCols, (j + 1) * W1.numCols);
    }
    Pictures.save(Pictures.grid("First-layer weights of %d hidden units (red +, blue −)".formatted(units), rows,
            Mnist.ROWS, null, 8, 3, Pictures.Palette.DIVERGING), options, "first-layer-weights");
}

static double[] movingAverage(double[] values, int window) {
    double[] average = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
        sum += values[i] - (i >= window ? values[i - window] : 0);
        average[i] = sum / Math.min(i + 1, window);
    }
    return average;
}

static double[] percent(double[] fractions) {
    return Arrays.stream(fractions).map(f -> 100 * f).toArray();
}

// ---- digits as PNG files ----

/// Writes the first `count` test digits to `dir` as PNG files named `test-00000-digit-7.png`
/// (white ink on black, 28×28, as in MNIST) and returns their paths.
static List<Path> writeSamples(Mnist.Examples test, int count, Path dir) {
    List<Path> files = new ArrayList<>();
    try {
        Files.createDirectories(dir);
        for (int i = 0; i < Math.min(count, test.size()); i++) {
            BufferedImage image = new BufferedImage(Mnist.COLS, Mnist.ROWS, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < Mnist.PIXELS; p++) {
                int level = (int) Math.round(255 * test.images()[i][p]);
                image.getRaster().setSample(p % Mnist.COLS, p / Mnist.COLS, 0, level);
            }
            Path file = dir.resolve("test-%05d-digit-%d.png".formatted(i, test.labels()[i]));
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
    } catch (IOException e) {
        throw new UserError("could not write the sample images to " + dir + ": " + e.getMessage(), e);
    }
    return files;
}

/// Reads the digit in `png`, prints the ten probabilities and the answer; returns the answer.
static int predict(Mlp net, Path png) {
    double[] pixels = DigitImage.read(png);
    DMatrixRMaj P = net.probabilities(DMatrixRMaj.wrap(1, pixels.length, pixels));
    int best = Accuracy.predictions(P)[0];
    StringBuilder line = new StringBuilder();
    for (int k = 0; k < P.numCols; k++) {
        line.append("  %d: %5.1f%%".formatted(k, 100 * P.get(0, k)));
    }
    IO.println("   %s → %d (%.1f%% sure)".formatted(Repo.display(png), best, 100 * P.get(0, best)));
    IO.println("    " + line);
    return best;
}

// ---- the tool: ./jbang mnist train | eval | predict | samples ----

@Command(name = "./jbang mnist", sortOptions = false,
        description = "Train, evaluate and use an MLP on the MNIST digits (run without a command for the lesson).",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SamplesCommand.class})
static final class MnistTool implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        IO.println("Give a command: train, eval, predict or samples (./jbang mnist --help), or run ./jbang ch09 for the lesson.");
        return 2;
    }
}

@Command(name = "train", sortOptions = false,
        description = "Train a network on the MNIST training set and report its accuracy on the test set.")
static final class TrainCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", description = "Layer sizes, from 784 to 10 (default: 784,128,10).")
    int[] layers = {784, 128, 10};
    @Option(names = "--opt", paramLabel = "NAME", description = "sgd, momentum or adam (default: momentum).")
    String opt = "momentum";
    @Option(names = "--lr", paramLabel = "η", description = "Learning rate (default: sgd 0.1, momentum 0.05, adam 0.001).")
    Double lr;
    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 10).")
    int epochs = 10;
    @Option(names = "--decay", paramLabel = "F", description = "Multiply η by F after every epoch (default: 0.85; 1 keeps η constant).")
    double decay = 0.85;
    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: 64).")
    int batch = 64;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and the shuffling (default: 42).")
    long seed = Options.DEFAULT_SEED;
    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: every core, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--double", description = "Train chapter 9's Mlp in float64 (default: the same network in float32 on lib/fast's kernel, about 4× faster).")
    boolean float64;
    @Option(names = "--save", paramLabel = "FILE", description = "Write the trained model to FILE (atomically).")
    Path save;
    @Option(names = "--quick", description = "A 3,000-image subset and one epoch, for a fast try.")
    boolean quick;
    @Option(names = "--out", paramLabel = "DIR", description = "Write the plots to DIR (default: out/ch09/ under the repository).")
    Path out;
    @Option(names = "--no-show", description = "Never open a window, even when a display is present.")
    boolean noShow;

    @Override
    public Integer call() {
        if (!Trainer.DEFAULT_ETA.containsKey(opt)) {
            throw new UserError("unknown optimizer '" + opt + "'; use sgd, momentum or adam");
        }
        double eta = lr != null ? lr : Trainer.DEFAULT_ETA.get(opt);
        if (!(eta > 0) || Double.isInfinite(eta) || epochs < 1 || batch < 1 || threads < 1 || !(decay > 0 && decay <= 1)) {
            throw new UserError("--lr must be a positive number, --decay a number in (0, 1], and --epochs, --batch and"
                    + " --threads positive integers");
        }
        Options options = toolOptions(quick, out, noShow, seed);
        Settings settings = new Settings(layers, batch, opt, eta, quick ? 1 : epochs, decay, seed, threads, !float64);
        IO.println("Training " + settings.describe() + (quick ? " (--quick: a subset, one epoch)" : ""));
        Mnist data = loadData(quick);
        TrainingRun run = train(data, settings);
        double total = Arrays.stream(run.seconds()).sum();
        IO.println("   final test accuracy %.2f%% after %d epoch%s, %.1f s of training".formatted(
                100 * run.testAcc()[run.testAcc().length - 1], settings.epochs(), settings.epochs() == 1 ? "" : "s", total));
        plotsOf(options, data, run);
        if (save != null) {
            ModelFile.save(run.net(), save);
            IO.println("   model saved to " + save + "; try: ./jbang mnist eval --model " + save);
        }
        Plots.showAll(options);
        return 0;
    }
}

@Command(name = "eval", sortOptions = false,
        description = "Evaluate a saved model on the MNIST test set.")
static final class EvalCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model written by train --save.")
    Path model;

    @Override
    public Integer call() {
        Mlp net = ModelFile.load(model);
        requireMnistShape(net, model);
        Mnist.Examples test = Mnist.load().test();
        int[] predicted = Trainer.predict(net, test.images());
        int[][] counts = confusion(test.labels(), predicted);
        IO.println("%s (%s): test accuracy %.2f%% on %d images".formatted(model, net,
                100 * Accuracy.of(predicted, test.labels()), test.size()));
        for (int k = 0; k < Mnist.CLASSES; k++) {
            int total = Arrays.stream(counts[k]).sum();
            IO.println("   digit %d: %5.2f%% of %d".formatted(k, 100.0 * counts[k][k] / total, total));
        }
        printConfusions(counts);
        return 0;
    }
}

@Command(name = "predict", sortOptions = false,
        description = "Classify digits drawn in image files (any size, colour or grey, light or dark background).")
static final class PredictCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model written by train --save.")
    Path model;
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "PNG, JPEG, GIF or BMP files, one digit each.")
    List<Path> images;

    @Override
    public Integer call() {
        Mlp net = ModelFile.load(model);
        requireMnistShape(net, model);
        for (Path image : images) {
            predict(net, image);
        }
        return 0;
    }
}

@Command(name = "samples", sortOptions = false,
        description = "Write test digits as PNG files (to try predict on, or to look at).")
static final class SamplesCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
    @Option(names = "--count", paramLabel = "N", description = "How many, from the first test image on (default: 10).")
    int count = 10;
    @Option(names = "--out", paramLabel = "DIR", description = "The folder (default: out/ch09/samples under the repository).")
    Path out;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new UserError("--count must be at least 1");
        }
        Path dir = out != null ? out : Repo.root().resolve("out/ch09/samples");
        for (Path file : writeSamples(Mnist.load().test(), count, dir)) {
            IO.println("  " + Repo.display(file));
        }
        return 0;
    }
}

/// The plots of step 4 (also the `train` command's).
static void plotsOf(Options options, Mnist data, TrainingRun run) {
    plotCost(options, run);
    plotAccuracy(options, run);
    int[][] counts = confusion(data.test().labels(), run.predicted());
    printConfusions(counts);
    Pictures.save(Pictures.confusion("Confusion matrix on the test set: rows the true digit, columns the prediction",
            counts), options, "confusion-matrix");
    saveMistakes(options, data.test(), run.predicted());
    saveWeights(options, run.net());
}

/// The shared options of a tool command, as a chapter would have them.
static Options toolOptions(boolean quick, Path out, boolean noShow, long seed) {
    Path dir = out != null ? out.toAbsolutePath().normalize() : Repo.root().resolve("out/ch09");
    return new Options("ch09", quick, dir, noShow, seed, false, Map.of(), "en");
}

/// Refuses a model that does not read 784 pixels into 10 classes.
static void requireMnistShape(Mlp net, Path model) {
    int[] sizes = net.sizes();
    if (sizes[0] != Mnist.PIXELS || sizes[sizes.length - 1] != Mnist.CLASSES) {
        throw new UserError(model + " holds a " + net + " network, not one for MNIST (784 inputs, 10 classes)");
    }
}

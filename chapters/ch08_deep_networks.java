///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch04/*.java
//SOURCES ../solutions/ch05/*.java
//SOURCES ../solutions/ch06/*.java
//SOURCES ../solutions/ch08/*.java

import bp.*;
import ch02.Activation;
import ch02.Sigmoid;
import ch02.Tanh;
import ch05.GradientDescent;
import ch05.MiniBatch;
import ch05.Run;
import ch05.Stopping;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.Layer;
import ch06.MeanSquaredError;
import ch06.Network;
import ch08.BatchNorm;
import ch08.Init;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 8: deep networks
///
/// Backpropagation multiplies. Going down one dense layer with activation f, the gradient of
/// the cost with respect to the layer's input is
///
///     ∂C/∂A_{l−1} = (∂C/∂A_l ⊙ f'(Z_l)) W_l          (A_l = f(Z_l), Z_l = A_{l−1} W_lᵀ + 1 b_lᵀ)
///
/// so after L layers the gradient that reaches the first layer has been multiplied by L factors
/// f'(Z) and L weight matrices. If each step shrinks it (σ' ≤ 1/4 for the sigmoid, small
/// weights), the first layers get almost no gradient and stop learning: **vanishing gradients**.
/// If each step grows it (large weights), the gradient blows up: **exploding gradients**.
///
/// Two cures make deep networks trainable:
///
/// - **Initialisation.** A unit's z = Σ_k w_k x_k over nIn inputs has Var(z) = nIn·Var(w)·E[x²],
///   so the weights should have Var(w) ≈ 1/nIn for the signal to keep its size: Xavier
///   Var(w) = 2/(nIn + nOut) for tanh, He Var(w) = 2/nIn for ReLU (which zeroes half its inputs).
/// - **Batch normalisation.** Normalise every feature over the batch to mean 0 and variance 1,
///   x̂ = (x − μ)/√(σ² + ε), then scale and shift, y = γ x̂ + β, with γ and β learned. Its
///   backward pass has to go through μ and σ² too, since they depend on every example:
///
///     ∂C/∂x_i = (γ/√(σ² + ε)) · (g_i − mean(g) − x̂_i · mean(g ⊙ x̂)),   g = ∂C/∂y
///
/// Even when the gradients flow, the cost surface of a network is not a bowl: gradient descent
/// slows to a crawl near **saddle points** (where ∇C = 0 but C goes down in some direction), and
/// may settle in a **local minimum** that is not the best.
///
/// The lesson computes with `ch08.Init` and `ch08.BatchNorm`: the reference solutions by default,
/// your own code from `exercises/ch08/` with `--mine`. The layers and networks are chapter 6's.
void main(String[] args) {
    Chapter.run(args, "Chapter 8: deep networks: vanishing gradients, initialisation, batch normalisation.",
            this::lesson);
}

/// The lesson, one step after the other; every step saves its plots in `out/ch08/` (or
/// `--out DIR`). `--quick` uses narrower networks and shorter training.
void lesson(Options options) {
    step1_gradientsPerLayer(options);
    step2_activationsPerLayer(options);
    step3_batchNormForward();
    step4_batchNormGradientCheck(options);
    step5_trainingWithBatchNorm(options);
    step6_saddlePoint(options);
    step7_localMinima(options);
    step8_stuckXor(options);
    whatsNext();
}

// Colour-blind-safe colours (Okabe–Ito): blue, bluish green, orange, vermillion, reddish purple, sky blue.
static final Color[] COLORS = {
    new Color(0, 114, 178), new Color(0, 158, 115), new Color(230, 159, 0), new Color(213, 94, 0),
    new Color(204, 121, 167), new Color(86, 180, 233)};

/// The number of dense layers of the deep networks of steps 1 and 2.
static final int DEPTH = 10;

/// A way to start a deep network: its name, its activation and how it draws W for nIn → nOut.
record Recipe(String name, Activation f, WeightDrawer draw) {}

/// Draws a weight matrix W (nOut×nIn), the orientation of `ch06.Dense`.
interface WeightDrawer {
    DMatrixRMaj draw(int nIn, int nOut, Random random);
}

/// ReLU as a chapter-2 style activation, so that every recipe can use `ch06.ActivationLayer`.
static final Activation RELU = new ch02.ReLU();

/// 1. A 10-layer network on a batch of random inputs: ‖∂C/∂W_l‖ for every layer l, with sigmoid
/// units (PyTorch's default init, and Xavier), ReLU units with He init, and tanh units with
/// weights that are too large.
void step1_gradientsPerLayer(Options options) {
    Print.heading("1. Vanishing and exploding gradients: ‖∂C/∂W_l‖ layer by layer, 10 dense layers of width 32");
    int width = 32;
    int m = 64;
    int draws = options.quick() ? 5 : 20;
    Random random = options.random();
    DMatrixRMaj X = gaussian(m, width, random);
    DMatrixRMaj Y = gaussian(m, 1, random);
    List<Recipe> recipes = List.of(
            new Recipe("sigmoid, PyTorch default U(±1/√nIn)", new Sigmoid(),
                    (nIn, nOut, r) -> new Dense(nIn, nOut, r).W()),
            new Recipe("sigmoid, Xavier", new Sigmoid(), Init::xavier),
            new Recipe("ReLU, He", RELU, Init::he),
            new Recipe("tanh, N(0, 1): too large", new Tanh(), (nIn, nOut, r) -> Init.normal(nIn, nOut, 1, r)));
    IO.println("   input X: %d×%d from N(0, 1); targets y from N(0, 1); cost C = MSE of the 1 output".formatted(m, width));
    IO.println("   network: 9 × (dense 32→32, activation), then dense 32→1; biases 0; ‖·‖ = Frobenius norm");
    IO.println("   each norm is the mean over %d networks drawn with different seeds".formatted(draws));
    List<double[]> norms = new ArrayList<>();
    for (Recipe recipe : recipes) {
        Random weights = new Random(options.seed() + 1);
        double[] mean = new double[DEPTH];
        for (int d = 0; d < draws; d++) {
            Network network = deepNetwork(recipe, width, 1, weights);
            DMatrixRMaj A = network.forward(X);
            network.backward(MeanSquaredError.gradient(A, Y));
            double[] n = weightGradientNorms(network);
            for (int l = 0; l < DEPTH; l++) {
                mean[l] += n[l] / draws;
            }
        }
        norms.add(mean);
    }
    printNormTable(recipes, norms);
    IO.println("""
               Read the columns from layer 10 (next to the cost) up to layer 1 (next to the input):
               - sigmoid: every layer down multiplies the gradient by σ'(z) ≤ 1/4 and by W; with the
                 default init the first layer's gradient is %.0e times the last one's: it cannot learn.
                 Xavier weights are larger and help, but σ' ≤ 1/4 still wins.
               - ReLU with He init: ReLU' is 1 where the unit is active and the 2/nIn makes up for the
                 half that is not: the gradient keeps its size, and the norms of all ten layers stay
                 within a factor %.0f of each other (against %.0e for the sigmoid).
               - tanh with N(0, 1) weights (variance 32 times Xavier's): most units saturate, but the
                 few that do not pass the gradient on multiplied by large weights: it grows towards the
                 input, %.0f times from layer 10 to layer 1: exploding."""
            .formatted(norms.get(0)[0] / norms.get(0)[DEPTH - 1], spread(norms.get(2)), spread(norms.get(0)),
                    norms.get(3)[0] / norms.get(3)[DEPTH - 1])
            .indent(3).stripTrailing());
    XYChart chart = Plots.lines("Gradient norm per layer of a 10-layer network (before training)",
            "layer l (1 = next to the input, 10 = the output layer)", "‖∂C/∂W_l‖ (log scale)");
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setMarkerSize(8);
    double[] layers = Plots.range(1, DEPTH, DEPTH);
    for (int r = 0; r < recipes.size(); r++) {
        XYSeries series = Plots.line(chart, recipes.get(r).name(), layers, norms.get(r));
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(COLORS[r]);
        series.setMarkerColor(COLORS[r]);
    }
    Plots.save(chart, options, "gradient-norms");
}

/// max/min of the values.
double spread(double[] values) {
    return Arrays.stream(values).max().orElseThrow() / Arrays.stream(values).min().orElseThrow();
}

/// A network of DEPTH dense layers: DEPTH − 1 times (dense width→width with the recipe's
/// weights and zero biases, then the recipe's activation), then a dense layer width→nOut.
Network deepNetwork(Recipe recipe, int width, int nOut, Random random) {
    List<Layer> layers = new ArrayList<>();
    for (int l = 1; l < DEPTH; l++) {
        layers.add(new Dense(recipe.draw().draw(width, width, random), new DMatrixRMaj(1, width)));
        layers.add(new ActivationLayer(recipe.f()));
    }
    layers.add(new Dense(recipe.draw().draw(width, nOut, random), new DMatrixRMaj(1, nOut)));
    return new Network(layers);
}

/// ‖∂C/∂W_l‖ (Frobenius) of every dense layer of `network`, first to last, after a backward pass.
double[] weightGradientNorms(Network network) {
    return network.layers().stream().filter(layer -> layer instanceof Dense)
            .mapToDouble(layer -> NormOps_DDRM.normF(((Dense) layer).dW())).toArray();
}

/// The table of step 1: one row per layer from the output down, one column per recipe.
void printNormTable(List<Recipe> recipes, List<double[]> norms) {
    StringBuilder header = new StringBuilder("   %5s".formatted("layer"));
    for (Recipe recipe : recipes) {
        header.append("   %16s".formatted(shortName(recipe)));
    }
    IO.println(header);
    for (int l = DEPTH - 1; l >= 0; l--) {
        StringBuilder row = new StringBuilder("   %5d".formatted(l + 1));
        for (double[] n : norms) {
            row.append("   %16.3e".formatted(n[l]));
        }
        IO.println(row);
    }
}

/// 2. The activations of every layer of a deep tanh network for four initialisations (too small,
/// Xavier, He, too large), as histograms; and their standard deviations, with ReLU for contrast.
void step2_activationsPerLayer(Options options) {
    Print.heading("2. Activations layer by layer for four initialisations (tanh, 10 layers)");
    int width = options.quick() ? 100 : 256;
    int m = options.quick() ? 100 : 500;
    Random random = options.random();
    DMatrixRMaj X = gaussian(m, width, random);
    List<Recipe> recipes = List.of(
            new Recipe("tanh, N(0, 0.01²): too small", new Tanh(), (nIn, nOut, r) -> Init.normal(nIn, nOut, 0.01, r)),
            new Recipe("tanh, Xavier", new Tanh(), Init::xavier),
            new Recipe("tanh, He", new Tanh(), Init::he),
            new Recipe("tanh, N(0, 1): too large", new Tanh(), (nIn, nOut, r) -> Init.normal(nIn, nOut, 1, r)),
            new Recipe("ReLU, Xavier", RELU, Init::xavier),
            new Recipe("ReLU, He", RELU, Init::he));
    IO.println("   input X: %d examples × %d features from N(0, 1); every layer dense %d→%d (biases 0), then f"
            .formatted(m, width, width, width));
    IO.println("   mean / standard deviation of the activations A_l = f(Z_l) of each layer:");
    String[] files = {"activations-too-small", "activations-xavier", "activations-he", "activations-too-large"};
    List<double[]> stds = new ArrayList<>();
    List<double[]> means = new ArrayList<>();
    List<List<double[]>> histograms = new ArrayList<>();
    for (int r = 0; r < recipes.size(); r++) {
        List<double[]> activations = activationsPerLayer(recipes.get(r), X, new Random(options.seed() + 2));
        means.add(activations.stream().mapToDouble(a -> mean(a)).toArray());
        stds.add(activations.stream().mapToDouble(a -> Math.sqrt(variance(a))).toArray());
        if (r < files.length) {
            histograms.add(activations);
        }
    }
    printActivationTable(recipes, means, stds);
    IO.println("""
               - too small: each layer multiplies the spread by about 0.01·√%d ≈ %.2f; by layer 10 every
                 activation is 0, and so is every gradient ∂C/∂W = δᵀA: nothing learns.
               - too large: z has a spread of about √%d ≈ %.0f, so tanh sits at ±1 (saturated), where
                 tanh' ≈ 0: the histograms pile up at the two ends.
               - Xavier keeps tanh's activations spread out, slowly narrowing; He is made for ReLU and
                 is a bit large for tanh (more mass near ±1).
               - ReLU: Xavier halves E[a²] at every layer (ReLU drops half); He's 2/nIn keeps it level."""
            .formatted(width, 0.01 * Math.sqrt(width), width, Math.sqrt(width)).indent(3).stripTrailing());
    for (int r = 0; r < files.length; r++) {
        plotHistograms(options, recipes.get(r).name(), histograms.get(r), files[r]);
    }
    plotSpread(options, recipes, stds);
}

/// "tanh, N(0, 1)" for "tanh, N(0, 1): too large": the name without its comment, for table headers.
String shortName(Recipe recipe) {
    return recipe.name().split(":")[0].replace("PyTorch default U(±1/√nIn)", "default");
}

/// The activations f(Z_l) of the DEPTH layers of the recipe's network on `X`, each as one array.
List<double[]> activationsPerLayer(Recipe recipe, DMatrixRMaj X, Random random) {
    List<double[]> activations = new ArrayList<>();
    DMatrixRMaj A = X;
    for (int l = 0; l < DEPTH; l++) {
        Dense dense = new Dense(recipe.draw().draw(A.numCols, A.numCols, random), new DMatrixRMaj(1, A.numCols));
        A = new ActivationLayer(recipe.f()).forward(dense.forward(A));
        activations.add(Arrays.copyOf(A.data, A.getNumElements()));
    }
    return activations;
}

void printActivationTable(List<Recipe> recipes, List<double[]> means, List<double[]> stds) {
    StringBuilder header = new StringBuilder("   %5s".formatted("layer"));
    for (Recipe recipe : recipes) {
        header.append("  %17s".formatted(shortName(recipe)));
    }
    IO.println(header);
    for (int l = 0; l < DEPTH; l++) {
        StringBuilder row = new StringBuilder("   %5d".formatted(l + 1));
        for (int r = 0; r < recipes.size(); r++) {
            row.append("  %17s".formatted(number(means.get(r)[l]) + " / " + number(stds.get(r)[l])));
        }
        IO.println(row);
    }
}

/// The lines of the five layers' histograms. Deep layers often have the same histogram (every
/// layer saturated, or every activation in the bin around 0), so each line is narrower than the
/// ones drawn before it or dashed: where two coincide, both show.
static final BasicStroke[] HISTOGRAM_LINES = {Plots.stroke(5f), Plots.stroke(3.5f), Plots.stroke(2.5f, 9f, 5f),
    Plots.stroke(2f, 2f, 3f), Plots.stroke(1.5f, 6f, 4f)};

/// The histograms of one network's activations for the layers 1, 2, 4, 7 and 10, as lines
/// (the fraction of activations in each of 40 bins over [−1, 1]).
void plotHistograms(Options options, String name, List<double[]> activations, String file) {
    XYChart chart = Plots.lines("Activations per layer, " + name,
            "activation a = tanh(z)", "fraction of activations per bin (bin width 0.05)");
    chart.getStyler().setXAxisMin(-1.0).setXAxisMax(1.0).setYAxisDecimalPattern("0.00")
            .setLegendPosition(Styler.LegendPosition.OutsideE);
    int bins = 40;
    double[] centres = new double[bins];
    for (int b = 0; b < bins; b++) {
        centres[b] = -1 + (b + 0.5) * 2.0 / bins;
    }
    int[] shown = {1, 2, 4, 7, 10};
    for (int s = 0; s < shown.length; s++) {
        double[] a = activations.get(shown[s] - 1);
        XYSeries series = Plots.line(chart, "layer %d (std %s)".formatted(shown[s], number(Math.sqrt(variance(a)))),
                centres, histogram(a, -1, 1, bins));
        series.setLineColor(COLORS[s]).setLineWidth(HISTOGRAM_LINES[s].getLineWidth()).setLineStyle(HISTOGRAM_LINES[s]);
    }
    Plots.save(chart, options, file);
}

/// The fraction of `values` in each of `bins` equal bins over [from, to] (values outside are
/// counted in the first or the last bin).
double[] histogram(double[] values, double from, double to, int bins) {
    double[] fractions = new double[bins];
    for (double v : values) {
        int b = (int) Math.floor((v - from) / (to - from) * bins);
        fractions[Math.clamp(b, 0, bins - 1)] += 1.0 / values.length;
    }
    return fractions;
}

/// The plot of step 2's spreads: the standard deviation of the activations against the layer.
void plotSpread(Options options, List<Recipe> recipes, List<double[]> stds) {
    XYChart chart = Plots.lines("Spread of the activations layer by layer, for six initialisations",
            "layer l", "standard deviation of A_l (log scale)");
    chart.getStyler().setYAxisLogarithmic(true).setYAxisMax(3.0).setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(7);
    double[] layers = Plots.range(1, DEPTH, DEPTH);
    for (int r = 0; r < recipes.size(); r++) {
        XYSeries series = Plots.line(chart, recipes.get(r).name(), layers, stds.get(r));
        series.setLineColor(COLORS[r]);
        series.setMarkerColor(COLORS[r]);
        series.setMarker(r < 4 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        series.setLineStyle(r < 4 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    }
    Plots.save(chart, options, "activation-spread");
}

/// 3. The forward pass of batch norm on a batch of three examples with two features, by hand and
/// with `BatchNorm.forward`.
void step3_batchNormForward() {
    Print.heading("3. Batch normalisation, forward: each feature (column) over the batch (rows)");
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 4}, {2, 4}, {3, 10}});
    BatchNorm layer = new BatchNorm(2);
    DMatrixRMaj Y = layer.forward(X);
    IO.println("   X = [[1, 4], [2, 4], [3, 10]]: 3 examples (rows) of 2 features (columns); γ = 1, β = 0");
    Print.row("μ₁ = (1 + 2 + 3)/3", layer.mean().get(0, 0), 2);
    Print.row("σ²₁ = (1 + 0 + 1)/3", layer.variance().get(0, 0), 2.0 / 3);
    Print.row("μ₂ = (4 + 4 + 10)/3", layer.mean().get(0, 1), 6);
    Print.row("σ²₂ = (4 + 4 + 16)/3", layer.variance().get(0, 1), 8);
    // x̂ = (x − μ)/√(σ² + ε) for the first example of each column
    Print.row("y₁₁ = (1 − 2)/√(2/3 + ε)", Y.get(0, 0), (1 - 2) / Math.sqrt(2.0 / 3 + BatchNorm.EPSILON));
    Print.row("y₃₂ = (10 − 6)/√(8 + ε)", Y.get(2, 1), (10 - 6) / Math.sqrt(8 + BatchNorm.EPSILON));
    IO.println("   Y = %s".formatted(matrix(Y)));
    for (int j = 0; j < 2; j++) {
        double[] column = column(Y, j);
        IO.println("   column %d of Y: mean %s, variance %.6f (= σ²/(σ² + ε), just under 1)"
                .formatted(j + 1, number(mean(column)), variance(column)));
    }
    IO.println("""
               Every feature now has mean 0 and variance 1 whatever its scale in X: the layer after
               it sees inputs of a fixed size, however the layers before it change during training.
               γ and β (learned) can undo the normalisation if the network needs another scale.""".indent(3)
            .stripTrailing());
}

/// 4. The backward pass of batch norm against centred differences, on a seeded random batch;
/// and the common wrong answer dX = dY·γ/√(σ² + ε) against the same check.
void step4_batchNormGradientCheck(Options options) {
    Print.heading("4. Batch normalisation, backward: the gradient check");
    Random random = options.random();
    int m = 8;
    int n = 3;
    DMatrixRMaj X = gaussian(m, n, random);
    DMatrixRMaj dY = gaussian(m, n, random);
    BatchNorm layer = new BatchNorm(n);
    BatchNorm probe = new BatchNorm(n);
    for (int j = 0; j < n; j++) {
        double gamma = 0.5 + random.nextDouble();
        double beta = random.nextGaussian();
        layer.gamma().set(0, j, gamma);
        probe.gamma().set(0, j, gamma);
        layer.beta().set(0, j, beta);
        probe.beta().set(0, j, beta);
    }
    layer.forward(X);
    DMatrixRMaj dX = layer.backward(dY);
    double[] upstream = Arrays.copyOf(dY.data, m * n);
    // numeric gradients of C = Σ Y ⊙ dY, probing X, γ and β of a second layer
    double[] numericDX = GradCheck.numericGradientArray(
            x -> Arrays.copyOf(probe.forward(DMatrixRMaj.wrap(m, n, x)).data, m * n), X.data.clone(), upstream);
    ToDoubleFunction<double[]> cost = unused -> dot(probe.forward(X), upstream);
    double[] numericDGamma = GradCheck.numericGradient(cost, probe.gamma().data);
    double[] numericDBeta = GradCheck.numericGradient(cost, probe.beta().data);
    IO.println("   X and dY = ∂C/∂Y: %d×%d from N(0, 1); γ from U(0.5, 1.5), β from N(0, 1)".formatted(m, n));
    IO.println("   " + GradCheck.compare("dX", Arrays.copyOf(dX.data, m * n), numericDX));
    IO.println("   " + GradCheck.compare("dγ", Arrays.copyOf(layer.dGamma().data, n), numericDGamma));
    IO.println("   " + GradCheck.compare("dβ", Arrays.copyOf(layer.dBeta().data, n), numericDBeta));
    double[] direct = new double[m * n];
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            // the path through x̂ alone: ∂y/∂x as if μ and σ² were constants
            direct[i * n + j] = dY.get(i, j) * layer.gamma().get(0, j)
                    / Math.sqrt(layer.variance().get(0, j) + BatchNorm.EPSILON);
        }
    }
    IO.println("   " + GradCheck.compare("dY·γ/√(σ²+ε) (wrong)", direct, numericDX));
    IO.println("""
               The three analytic gradients agree with the centred differences to about 1e-9 or better.
               The tempting dX = dY·γ/√(σ² + ε) treats μ and σ² as constants; but moving one x_i moves
               the mean and the variance of its whole column, and so every y of that column. The check
               shows a relative error of order 1: the gradient is wrong, not just a little off.""".indent(3)
            .stripTrailing());
}

/// 5. A deep sigmoid network on two rings, with and without batch norm after every dense layer:
/// same initial weights, same η, same mini-batches; the cost on all the data after each epoch.
void step5_trainingWithBatchNorm(Options options) {
    Print.heading("5. Training a deep sigmoid network with and without batch normalisation");
    int m = 400;
    DMatrixRMaj[] data = rings(m, options.random());
    DMatrixRMaj X = data[0];
    DMatrixRMaj Y = data[1];
    int epochs = options.quick() ? 30 : 150;
    int batchSize = 32;
    double eta = 0.2;
    int hidden = 6;
    int width = 16;
    IO.println("   data: %d points on two noisy rings (radius 0.5: class 1, radius 1: class 0), targets 0/1".formatted(m));
    IO.println("   network: %d × (dense %d, [batch norm], sigmoid), dense 1, sigmoid; PyTorch's default init"
            .formatted(hidden, width));
    IO.println("   training: MSE, η = %.1f, %d epochs of mini-batches of %d (the same for both)".formatted(eta, epochs,
            batchSize));
    List<BatchNorm> norms = new ArrayList<>();
    Network plain = ringNetwork(hidden, width, new Random(options.seed() + 3), null);
    Network normalised = ringNetwork(hidden, width, new Random(options.seed() + 3), norms);
    double[] plainCosts = new double[epochs + 1];
    double[] normCosts = new double[epochs + 1];
    // the cost on all m points; batch norm in training mode normalises with the statistics of all of them
    plainCosts[0] = MeanSquaredError.value(plain.forward(X), Y);
    normCosts[0] = MeanSquaredError.value(normalised.forward(X), Y);
    Random order = new Random(options.seed() + 4);
    for (int e = 1; e <= epochs; e++) {
        int[] permutation = MiniBatch.shuffle(m, order);
        for (int start = 0; start < m; start += batchSize) {
            int[] rows = Arrays.copyOfRange(permutation, start, Math.min(m, start + batchSize));
            DMatrixRMaj Xb = rows(X, rows);
            DMatrixRMaj Yb = rows(Y, rows);
            plain.trainStep(Xb, Yb, eta);
            normalised.trainStep(Xb, Yb, eta);
        }
        plainCosts[e] = MeanSquaredError.value(plain.forward(X), Y);
        normCosts[e] = MeanSquaredError.value(normalised.forward(X), Y);
    }
    IO.println("   %-22s   %9s   %9s   %9s   %9s".formatted("", "epoch 0", "epoch " + epochs / 4,
            "epoch " + epochs, "accuracy"));
    printTraining("without batch norm", plainCosts, accuracy(plain.forward(X), Y));
    printTraining("with batch norm", normCosts, accuracy(normalised.forward(X), Y));
    IO.println("""
               Without batch norm the sigmoid layers pass on a gradient shrunk at every layer (step 1):
               the first layers hardly move and the cost stays at that of answering 1/2 everywhere, 0.25.
               With batch norm every layer's z has mean 0 and variance 1 over the batch, where σ' is
               largest, and the same η trains all the layers. Its curve is noisy: every mini-batch is
               normalised with its own μ and σ², so each update sees a slightly different network.""".indent(3).stripTrailing());
    inference(normalised, norms, X, Y);
    XYChart chart = Plots.lines("A deep sigmoid network on two rings: cost with and without batch norm",
            "epoch", "cost C (MSE on all %d points)".formatted(m));
    chart.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("0.00").setLegendPosition(Styler.LegendPosition.OutsideS)
            .setLegendLayout(Styler.LegendLayout.Horizontal);
    double[] x = Plots.range(0, epochs, epochs + 1);
    Plots.line(chart, "without batch norm", x, plainCosts).setLineColor(COLORS[3]);
    Plots.line(chart, "with batch norm after every dense layer", x, normCosts).setLineColor(COLORS[0]);
    Plots.save(chart, options, "batch-norm-training");
}

void printTraining(String name, double[] costs, double accuracy) {
    int epochs = costs.length - 1;
    IO.println("   %-22s   %9.4f   %9.4f   %9.4f   %8.1f%%".formatted(name, costs[0], costs[epochs / 4], costs[epochs],
            100 * accuracy));
}

/// The trained batch-norm network in inference mode: with the running averages as training left
/// them, then after refreshing them with passes over all the data.
void inference(Network network, List<BatchNorm> norms, DMatrixRMaj X, DMatrixRMaj Y) {
    norms.forEach(BatchNorm::eval);
    double lagging = MeanSquaredError.value(network.forward(X), Y);
    norms.forEach(BatchNorm::train);
    for (int pass = 0; pass < 50; pass++) {
        // each training-mode pass moves the running averages 10 % of the way to the statistics of all the data
        network.forward(X);
    }
    norms.forEach(BatchNorm::eval);
    double refreshed = MeanSquaredError.value(network.forward(X), Y);
    IO.println("""
               In inference mode (eval()) batch norm uses its running averages of μ and σ², so that an
               example's output does not depend on the rest of its batch. Right after training they lag
               behind the last updates of the weights: the cost is %.4f there. After 50 passes over all
               the data in training mode (no updates) they match the data again: %.4f."""
            .formatted(lagging, refreshed).indent(3).stripTrailing());
}

/// `hidden` × (dense `width`, batch norm when `norms` is not null, sigmoid), then dense 1 and a
/// sigmoid, for inputs of 2 features; PyTorch's default init from `random`. The batch-norm layers
/// are added to `norms`.
Network ringNetwork(int hidden, int width, Random random, List<BatchNorm> norms) {
    List<Layer> layers = new ArrayList<>();
    int nIn = 2;
    for (int l = 0; l < hidden; l++) {
        layers.add(new Dense(nIn, width, random));
        if (norms != null) {
            BatchNorm norm = new BatchNorm(width);
            norms.add(norm);
            layers.add(norm);
        }
        layers.add(new ActivationLayer(new Sigmoid()));
        nIn = width;
    }
    layers.add(new Dense(nIn, 1, random));
    layers.add(new ActivationLayer(new Sigmoid()));
    return new Network(layers);
}

/// Two noisy rings: m points, half at radius 0.5 (target 1), half at radius 1 (target 0), with
/// radial noise N(0, 0.1²). Returns {X (m×2), Y (m×1)}.
DMatrixRMaj[] rings(int m, Random random) {
    DMatrixRMaj X = new DMatrixRMaj(m, 2);
    DMatrixRMaj Y = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m; i++) {
        boolean inner = i % 2 == 0;
        double radius = (inner ? 0.5 : 1.0) + 0.1 * random.nextGaussian();
        double angle = 2 * Math.PI * random.nextDouble();
        X.set(i, 0, radius * Math.cos(angle));
        X.set(i, 1, radius * Math.sin(angle));
        Y.set(i, 0, inner ? 1 : 0);
    }
    return new DMatrixRMaj[] {X, Y};
}

/// The saddle of steps 6: f(x, y) = x²/2 + y⁴/4 − y²/2, with ∇f = (x, y³ − y). At (0, 0) the
/// gradient is 0; f curves up along x and down along y: a saddle. The minima are at (0, ±1), f = −1/4.
static final ToDoubleFunction<double[]> SADDLE = p -> p[0] * p[0] / 2 + Math.pow(p[1], 4) / 4 - p[1] * p[1] / 2;
static final Function<double[], double[]> SADDLE_GRADIENT = p -> new double[] {p[0], p[1] * p[1] * p[1] - p[1]};

/// 6. Gradient descent near a saddle point: from (1, y₀) with tiny y₀ the path runs into the
/// saddle, crawls there, and leaves it the later the smaller y₀.
void step6_saddlePoint(Options options) {
    Print.heading("6. A saddle point: f(x, y) = x²/2 + y⁴/4 − y²/2, gradient descent from (1, y₀)");
    double eta = 0.1;
    int iterations = 300;
    double[] starts = {1e-2, 1e-5, 1e-10, 0};
    IO.println("   ∇f = (x, y³ − y) is 0 at the saddle (0, 0) and at the minima (0, ±1), where f = −1/4");
    IO.println("   η = %.1f, %d updates: near the saddle y grows by a factor 1 + η per update".formatted(eta, iterations));
    IO.println("   %10s   %28s   %22s   %s".formatted("y₀", "updates until f < −0.24", "smallest ‖∇f‖ on the way", "end"));
    XYChart norms = Plots.lines("Near a saddle the gradient almost vanishes, then recovers",
            "iteration k", "‖∇f(x_k, y_k)‖ (log scale, cut at 1e-7)");
    norms.getStyler().setYAxisLogarithmic(true).setYAxisMin(1e-7).setYAxisMax(2.0)
            .setLegendPosition(Styler.LegendPosition.InsideNE);
    XYChart costs = Plots.lines("Near a saddle the cost sits on a plateau at f = 0",
            "iteration k", "f(x_k, y_k) (the minima have f = −0.25)");
    costs.getStyler().setYAxisMin(-0.3).setYAxisMax(0.55).setLegendPosition(Styler.LegendPosition.InsideNE);
    for (int s = 0; s < starts.length; s++) {
        Run run = GradientDescent.minimize(SADDLE, SADDLE_GRADIENT, new double[] {1, starts[s]}, eta,
                Stopping.after(iterations));
        double[] gradientNorms = run.path().stream()
                .mapToDouble(p -> Math.max(1e-16, norm(SADDLE_GRADIENT.apply(p)))).toArray();
        int arrival = firstBelow(run.costs(), -0.24);
        // the smallest gradient on the way to the minimum: at the saddle
        double smallest = Arrays.stream(gradientNorms, 0, arrival < 0 ? gradientNorms.length : arrival).min().orElseThrow();
        IO.println("   %10s   %28s   %22.2e   (%.3f, %.3f)".formatted(starts[s] == 0 ? "0" : "%.0e".formatted(starts[s]),
                arrival < 0 ? "never (stuck at the saddle)" : String.valueOf(arrival), smallest, run.x()[0], run.x()[1]));
        String name = "y₀ = " + (starts[s] == 0 ? "0 exactly" : "%.0e".formatted(starts[s]));
        double[] k = Plots.range(0, run.iterations(), run.iterations() + 1);
        Plots.line(norms, name, k, gradientNorms).setLineColor(COLORS[s]);
        Plots.line(costs, name, k, run.costs().stream().mapToDouble(Double::doubleValue).toArray())
                .setLineColor(COLORS[s]);
    }
    IO.println("""
               The x coordinate shrinks by 1 − η per update and brings the path to the saddle; there
               ∇f ≈ 0, so the updates are tiny and the cost sits at 0 for a long time, although f
               goes down to −1/4 along y. The escape comes from the tiny y₀, growing by 1 + η per
               update: each factor 1000 closer to the saddle costs about ln(1000)/ln(1.1) ≈ 72 more
               updates. From y₀ = 0 exactly gradient descent never leaves. A small gradient means a
               flat spot, not necessarily a minimum: in high dimensions, saddles are far more common
               than bad local minima, and such plateaus are what slow training down.""".indent(3).stripTrailing());
    Plots.save(norms, options, "saddle-gradient-norm");
    Plots.save(costs, options, "saddle-cost");
}

/// The double well of step 7: f(x) = x⁴ − 3x² + x, with f'(x) = 4x³ − 6x + 1: a global minimum
/// near x = −1.30, a local one near x = 1.13, and a local maximum near x = 0.17 between them.
static final ToDoubleFunction<double[]> WELL = p -> Math.pow(p[0], 4) - 3 * p[0] * p[0] + p[0];
static final Function<double[], double[]> WELL_GRADIENT = p -> new double[] {4 * Math.pow(p[0], 3) - 6 * p[0] + 1};

/// 7. Local minima: gradient descent on a tilted double well from several starts ends in the
/// minimum on its side of the hump.
void step7_localMinima(Options options) {
    Print.heading("7. Local minima: f(x) = x⁴ − 3x² + x from several starts");
    double eta = 0.02;
    double[] starts = {-2, -1, -0.5, 0, 0.15, 0.2, 0.5, 1.5, 2};
    IO.println("   f' = 4x³ − 6x + 1 = 0 at x ≈ −1.30 (global minimum), 0.17 (a hump), 1.13 (local minimum)");
    IO.println("   %7s   %9s   %9s   %s".formatted("x₀", "x at end", "f at end", "which minimum"));
    XYChart chart = Plots.lines("Gradient descent on f(x) = x⁴ − 3x² + x: the start decides the minimum",
            "x", "f(x)");
    chart.getStyler().setYAxisMin(-4.0).setYAxisMax(6.0).setLegendPosition(Styler.LegendPosition.InsideN);
    chart.getStyler().setMarkerSize(7);
    double[] grid = Plots.range(-2.2, 2.2, 221);
    XYSeries curve = Plots.line(chart, "f(x)", grid, Arrays.stream(grid).map(x -> WELL.applyAsDouble(new double[] {x}))
            .toArray());
    curve.setLineColor(Color.GRAY);
    List<double[]> toGlobal = new ArrayList<>();
    List<double[]> toLocal = new ArrayList<>();
    for (double x0 : starts) {
        Run run = GradientDescent.minimize(WELL, WELL_GRADIENT, new double[] {x0}, eta, new Stopping(2000, 1e-8, 0));
        boolean global = run.x()[0] < 0;
        IO.println("   %7.2f   %9.4f   %9.4f   %s".formatted(x0, run.x()[0], run.cost(),
                global ? "global" : "local (worse)"));
        for (double[] p : run.path().subList(0, Math.min(run.path().size(), 25))) {
            (global ? toGlobal : toLocal).add(new double[] {p[0], WELL.applyAsDouble(p)});
        }
    }
    XYSeries global = Plots.points(chart, "paths that end in the global minimum", coordinate(toGlobal, 0),
            coordinate(toGlobal, 1));
    global.setMarkerColor(COLORS[0]);
    XYSeries local = Plots.points(chart, "paths that end in the local minimum", coordinate(toLocal, 0),
            coordinate(toLocal, 1));
    local.setMarkerColor(COLORS[3]);
    local.setMarker(SeriesMarkers.DIAMOND);
    IO.println("""
               Every start right of the hump at x ≈ 0.17 rolls into the local minimum, f ≈ −1.07,
               and stays: there the gradient is 0 and every small step goes uphill. The global minimum,
               f ≈ −3.51, is only reached from the left. (The markers show the first 25 updates of each run.)"""
            .indent(3).stripTrailing());
    Plots.save(chart, options, "local-minima");
}

/// 8. The same on a network: a 2-2-1 sigmoid network on XOR from many seeds; some runs get
/// stuck where the gradient is tiny but the cost is far from 0 (chapter 6 met such seeds).
void step8_stuckXor(Options options) {
    Print.heading("8. Stuck runs on a real network: 2-2-1 sigmoid networks on XOR from many seeds");
    DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}});
    int seeds = options.quick() ? 8 : 30;
    int steps = options.quick() ? 2000 : 6000;
    double eta = 2.0;
    IO.println("   dense 2→2, sigmoid, dense 2→1, sigmoid; MSE; η = %.0f; %d full-batch steps; seeds %d to %d"
            .formatted(eta, steps, options.seed(), options.seed() + seeds - 1));
    IO.println("   %6s   %10s   %12s   %s".formatted("seed", "final C", "‖∇C‖", "verdict"));
    List<double[]> solvedCurves = new ArrayList<>();
    List<double[]> stuckCurves = new ArrayList<>();
    int stuck = 0;
    for (int s = 0; s < seeds; s++) {
        Random random = new Random(options.seed() + s);
        Network network = new Network(new Dense(2, 2, random), new ActivationLayer(new Sigmoid()),
                new Dense(2, 1, random), new ActivationLayer(new Sigmoid()));
        double[] costs = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            costs[k] = network.trainStep(X, Y, eta);
        }
        costs[steps] = MeanSquaredError.value(network.forward(X), Y);
        network.backward(MeanSquaredError.gradient(network.forward(X), Y));
        double gradientNorm = Math.sqrt(network.parameters().stream()
                .mapToDouble(p -> Math.pow(NormOps_DDRM.normF(p.gradient()), 2)).sum());
        boolean solved = costs[steps] < 0.01;
        stuck += solved ? 0 : 1;
        (solved ? solvedCurves : stuckCurves).add(costs);
        IO.println("   %6d   %10.4f   %12.2e   %s".formatted(options.seed() + s, costs[steps], gradientNorm,
                solved ? "solved" : "stuck"));
    }
    IO.println("""
               %d of %d seeds are stuck: their gradient is small, the cost is not 0. Even the runs that
               succeed first sit on a plateau near C = 0.25 for hundreds of steps (see the plot). A
               2-2-1 network has just enough units for XOR; a bad start sends both hidden units towards
               the same job and gradient descent settles in a local minimum or on a long plateau.
               Wider networks (chapter 6 used 10 hidden units), a different start (a good
               initialisation), or methods that keep some speed through flat parts (momentum,
               chapter 7) get stuck far less."""
            .formatted(stuck, seeds).indent(3).stripTrailing());
    XYChart chart = Plots.lines("XOR with a 2-2-1 sigmoid network: cost against step for %d seeds".formatted(seeds),
            "gradient-descent step", "cost C (MSE on the 4 examples, log scale)");
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideSW);
    plotRuns(chart, "solved (C < 0.01)", solvedCurves, COLORS[0]);
    plotRuns(chart, "stuck", stuckCurves, COLORS[3]);
    Plots.save(chart, options, "xor-seeds");
}

/// Adds every cost curve of `runs` to the chart in one colour, with one legend entry.
void plotRuns(XYChart chart, String name, List<double[]> runs, Color color) {
    for (int r = 0; r < runs.size(); r++) {
        double[] costs = runs.get(r);
        // every 10th step is plenty for a curve of thousands of steps
        int points = costs.length / 10 + 1;
        double[] k = new double[points];
        double[] c = new double[points];
        for (int i = 0; i < points; i++) {
            k[i] = Math.min(10 * i, costs.length - 1);
            c[i] = costs[(int) k[i]];
        }
        XYSeries series = Plots.line(chart, r == 0 ? name : name + " " + r, k, c);
        series.setLineColor(color);
        series.setLineWidth(1.5f);
        series.setShowInLegend(r == 0);
    }
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch08/: Init.xavier and Init.he, then
                  BatchNorm's forward pass and its backward pass.
               2. Grade them:                          ./jbang grade ch08
               3. Run this chapter on your own code:   ./jbang ch08 --mine
               Then chapter 9 (./jbang ch09): a multilayer perceptron with He initialisation reads
               the handwritten digits of MNIST.""".indent(3));
}

// ---- small helpers ----

/// An m×n matrix of draws from N(0, 1).
DMatrixRMaj gaussian(int m, int n, Random random) {
    DMatrixRMaj M = new DMatrixRMaj(m, n);
    for (int i = 0; i < M.getNumElements(); i++) {
        M.data[i] = random.nextGaussian();
    }
    return M;
}

/// The rows `rows` of `M`, in that order, as a new matrix.
DMatrixRMaj rows(DMatrixRMaj M, int[] rows) {
    DMatrixRMaj R = new DMatrixRMaj(rows.length, M.numCols);
    for (int i = 0; i < rows.length; i++) {
        CommonOps_DDRM.extract(M, rows[i], rows[i] + 1, 0, M.numCols, R, i, 0);
    }
    return R;
}

/// The fraction of outputs A (m×1) on the right side of 1/2 for the 0/1 targets Y.
double accuracy(DMatrixRMaj A, DMatrixRMaj Y) {
    int right = 0;
    for (int i = 0; i < A.numRows; i++) {
        right += (A.get(i, 0) >= 0.5 ? 1 : 0) == Y.get(i, 0) ? 1 : 0;
    }
    return (double) right / A.numRows;
}

/// The index of the first value below `threshold`, or −1.
int firstBelow(List<Double> values, double threshold) {
    for (int i = 0; i < values.size(); i++) {
        if (values.get(i) < threshold) {
            return i;
        }
    }
    return -1;
}

double[] column(DMatrixRMaj M, int j) {
    double[] c = new double[M.numRows];
    for (int i = 0; i < M.numRows; i++) {
        c[i] = M.get(i, j);
    }
    return c;
}

/// Coordinate `i` of every point.
double[] coordinate(List<double[]> points, int i) {
    return points.stream().mapToDouble(p -> p[i]).toArray();
}

double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
}

/// (1/n) Σ (v − mean)².
double variance(double[] v) {
    double mu = mean(v);
    return Arrays.stream(v).map(x -> (x - mu) * (x - mu)).sum() / v.length;
}

double norm(double[] v) {
    return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
}

/// Σ_ij Y_ij dY_ij.
double dot(DMatrixRMaj Y, double[] dY) {
    double sum = 0;
    for (int i = 0; i < dY.length; i++) {
        sum += Y.data[i] * dY[i];
    }
    return sum;
}

/// A number in 4 significant digits, in scientific notation when it is tiny or huge, with 0 for
/// a rounding error: "0.6312", "3.1e-08", "0".
String number(double x) {
    return Math.abs(x) < 1e-15 ? "0" : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? "%.1e".formatted(x) : "%.4f".formatted(x);
}

/// A small matrix as nested lists with 4 decimals.
String matrix(DMatrixRMaj M) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < M.numRows; i++) {
        text.append(i > 0 ? ", [" : "[");
        for (int j = 0; j < M.numCols; j++) {
            text.append(j > 0 ? ", " : "").append("%.4f".formatted(M.get(i, j)));
        }
        text.append("]");
    }
    return text.append("]").toString();
}

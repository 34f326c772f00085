///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch06/*.java

import bp.*;
import ch06.Dense;
import ch06.Layer;
import ch06.MeanSquaredError;
import ch06.Network;
import ch06.Parameter;
import ch06.ReLU;
import ch06.Weights;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 6: backpropagation through a hidden layer
///
/// One neuron draws one straight line, and no straight line separates XOR: (0,1) and (1,0) give
/// 1, (0,0) and (1,1) give 0. A hidden layer of ReLU units bends the line. The XOR network of the
/// classic PyTorch example is
///
///     X (4×2) ─ Dense(2→10) ─ ReLU ─ Dense(10→1) ─ A (4×1)
///
///     Z¹ = X W¹ᵀ + 1 b¹ᵀ     A¹ = ReLU(Z¹)     Z² = A¹ W²ᵀ + 1 b²ᵀ     A = Z²    (linear output)
///     C  = (1/m) Σᵢ (aᵢ − yᵢ)²                                                   (mean squared error)
///
/// with one example per row (m = 4), W¹ 10×2, b¹ 1×10, W² 1×10, b² 1×1. Backpropagation is the
/// chain rule of chapter 4 written for whole matrices. Call δˡ = ∂C/∂Zˡ (m×nˡ, one row per
/// example); then the four equations of backpropagation are
///
///     (BP1)  δᴸ = ∂C/∂Aᴸ ⊙ f'(Zᴸ)                    the output layer (here f' = 1: δ² = 2(A − Y)/m)
///     (BP2)  δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙ f'(Zˡ)                a hidden layer, from the layer above it
///     (BP3)  ∂C/∂Wˡ = δˡᵀ Aˡ⁻¹                       (nˡ×nˡ⁻¹, the shape of Wˡ; A⁰ = X)
///     (BP4)  ∂C/∂bˡ = 1ᵀ δˡ                          (the column sums of δˡ: b is shared by the batch)
///
/// In the code each layer does its part: `Dense.backward` turns δ into ∂C/∂W, ∂C/∂b and δ W,
/// `ReLU.backward` multiplies by f'(Z) = 1[Z > 0], and `Network.backward` runs the layers from
/// the last to the first. `Network.trainStep` is one step of gradient descent, θ ← θ − η ∂C/∂θ.
///
/// ## `--init FILE` and `--losses FILE`: compare with another framework
///
/// `--init FILE` starts the XOR run of step 4 from the weights in FILE instead of the seeded
/// random ones. FILE is plain text: lines starting with # are comments; then for each of W1, b1,
/// W2, b2 in this order a header `NAME ROWS COLS` (`W1 10 2`, `b1 1 10`, `W2 1 10`, `b2 1 1`)
/// followed by ROWS lines of COLS numbers; W is nOut×nIn, PyTorch's `nn.Linear.weight` as it is
/// (details in `ch06.Weights`). `--losses FILE` writes the cost of every epoch of that run, one
/// number per line, 1000 lines in epoch order, each the cost before that epoch's update (what
/// PyTorch's `loss.item()` gives inside its loop), in full precision (`Double.toString`, which
/// reads back as the same double). Step 4 also writes the weights it starts from to
/// `out/ch06/xor-initial-weights.txt` in the same format. `tools/xor_torch.py` (the classic PyTorch
/// example in float64) writes and reads both formats, so either side can start the other. It needs
/// a Python with PyTorch: on Debian or Ubuntu the system's `/usr/bin/python3` after
/// `sudo apt-get install python3-torch python3-numpy` (a pyenv or virtual-environment `python3`
/// first on the PATH does not see those packages), elsewhere `pip install torch` into the Python
/// you run it with; without PyTorch the script says so, and only `--compare` works.
///
///     /usr/bin/python3 tools/xor_torch.py --write-init w.txt --losses torch.txt     # PyTorch's weights
///     ./jbang ch06 --init w.txt --losses java.txt
///     /usr/bin/python3 tools/xor_torch.py --compare torch.txt java.txt             # largest difference
///
///     ./jbang ch06 --losses java.txt                                                # or this chapter's weights
///     /usr/bin/python3 tools/xor_torch.py --init out/ch06/xor-initial-weights.txt --losses torch.txt
///
/// The 1000 losses agree to about 1e-16 (the last bits of a double).
///
/// The lesson computes with `ch06.Dense`, `ch06.ReLU` and `ch06.Network`: the reference solutions
/// by default, your own code from `exercises/ch06/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 6: backpropagation through a hidden layer, and XOR.", List.of(
            new Options.FileOption("--init", "Start the XOR run from the weights in FILE (W1 10×2, b1 1×10, "
                    + "W2 1×10, b2 1×1 as plain text; see the chapter's doc comment)."),
            new Options.FileOption("--losses", "Write the cost of each of the 1000 epochs of the XOR run to FILE, "
                    + "one per line.")), this::lesson);
}

/// The lesson, one step after the other: steps 4 to 6 save four plots in `out/ch06/` (or
/// `--out DIR`). `--quick` surveys 20 seeds in step 6 instead of 100. The `--init` file is
/// checked before step 1.
void lesson(Options options) {
    // A missing or malformed --init file ends the run here, in one sentence, not after steps 1 to 3:
    // loading it into a network of the right shape checks everything step 4 will need.
    options.file("--init").ifPresent(file -> Weights.load(file, xorNetwork(options.random())));
    step1_forward();
    step2_fourEquations();
    step3_gradientCheck(options);
    Network xor = step4_train(options);
    step5_decisionBoundary(options, xor);
    step6_stuckSeeds(options);
    whatsNext();
}

/// The four XOR points, one per row (4×2), and their targets (4×1).
static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
static final DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}});

/// The XOR run of the classic PyTorch example: 1000 epochs of full-batch gradient descent, η = 0.1.
static final int EPOCHS = 1000;
static final double ETA = 0.1;

/// A run counts as stuck when its cost after training is above this (a good run ends near 1e-20).
static final double STUCK = 0.01;

// Colour-blind-safe colours (Okabe–Ito): blue, orange, bluish green, vermillion.
static final Color BLUE = new Color(0, 114, 178);
static final Color ORANGE = new Color(230, 159, 0);
static final Color GREEN = new Color(0, 158, 115);
static final Color VERMILLION = new Color(213, 94, 0);

/// The 2-10-1 XOR network with PyTorch's default initialisation drawn from `random`.
static Network xorNetwork(Random random) {
    return new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random));
}

/// A 2-2-1 ReLU network with the given matrices (rows of W are units): small enough to follow by hand.
static Network smallNetwork(double[][] W1, double[] b1, double[][] W2, double[] b2) {
    return new Network(new Dense(new DMatrixRMaj(W1), row(b1)), new ReLU(), new Dense(new DMatrixRMaj(W2), row(b2)));
}

/// 1. A hidden layer that computes XOR exactly, with weights chosen by hand: unit 1 is
/// ReLU(x₁ + x₂), unit 2 is ReLU(x₁ + x₂ − 1), and the output is unit 1 − 2·unit 2.
void step1_forward() {
    Print.heading("1. The network and its shapes: a forward pass by hand");
    Network net = smallNetwork(new double[][] {{1, 1}, {1, 1}}, new double[] {0, -1},
            new double[][] {{1, -2}}, new double[] {0});
    IO.println("   Rows are examples: X is 4×2 (the four XOR points), W¹ 2×2, b¹ 1×2, W² 1×2, b² 1×1.");
    IO.println("   W¹ = [[1, 1], [1, 1]], b¹ = [0, −1]: hidden units ReLU(x₁ + x₂) and ReLU(x₁ + x₂ − 1)");
    IO.println("   W² = [[1, −2]],        b² = [0]:     output a = h₁ − 2h₂");
    Layer dense1 = net.layers().get(0);
    DMatrixRMaj Z1 = dense1.forward(X);
    DMatrixRMaj A1 = net.layers().get(1).forward(Z1);
    DMatrixRMaj A = net.layers().get(2).forward(A1);
    // by hand: x₁ + x₂ is 0, 1, 1, 2 for the four points
    printMatrix("Z¹ = X W¹ᵀ + 1 b¹ᵀ  (4×2)", Z1, new double[][] {{0, -1}, {1, 0}, {1, 0}, {2, 1}});
    printMatrix("A¹ = ReLU(Z¹)       (4×2)", A1, new double[][] {{0, 0}, {1, 0}, {1, 0}, {2, 1}});
    printMatrix("A = A¹ W²ᵀ + b²     (4×1)", A, new double[][] {{0}, {1}, {1}, {0}});
    printMatrix("Network.forward(X)  (4×1)", net.forward(X), new double[][] {{0}, {1}, {1}, {0}});
    IO.println("   (1,1) lifts unit 2 above its threshold, and the −2 cancels the double count of unit 1:");
    IO.println("   a bent function, which one line could not draw. The 2-10-1 network must find such weights");
    IO.println("   by itself; its shapes are X 4×2, W¹ 10×2, b¹ 1×10, Z¹ and A¹ 4×10, W² 1×10, b² 1×1, A 4×1.");
}

/// 2. The four equations of backpropagation on the network of step 1 with its output layer
/// changed to W² = [1, −1], b² = 0.1 (it computes OR + 0.1), layer by layer, against the hand values.
void step2_fourEquations() {
    Print.heading("2. The four equations of backpropagation, one step by hand");
    Network net = smallNetwork(new double[][] {{1, 1}, {1, 1}}, new double[] {0, -1},
            new double[][] {{1, -1}}, new double[] {0.1});
    Dense dense1 = (Dense) net.layers().get(0);
    Layer relu = net.layers().get(1);
    Dense dense2 = (Dense) net.layers().get(2);
    IO.println("   Same hidden layer, output W² = [[1, −1]], b² = [0.1]: the outputs are 0.1, 1.1, 1.1, 1.1.");
    DMatrixRMaj Z1 = dense1.forward(X);
    DMatrixRMaj A1 = relu.forward(Z1);
    DMatrixRMaj A = dense2.forward(A1);
    // by hand: C = (0.1² + 0.1² + 0.1² + 1.1²)/4 = 1.24/4
    Print.row("C = (1/4) Σ (aᵢ − yᵢ)²", MeanSquaredError.value(A, Y), 0.31);
    // (BP1), linear output: δ² = 2(A − Y)/m = (0.1, 0.1, 0.1, 1.1)/2
    DMatrixRMaj delta2 = MeanSquaredError.gradient(A, Y);
    printMatrix("(BP1) δ² = 2(A − Y)/m", delta2, new double[][] {{0.05}, {0.05}, {0.05}, {0.55}});
    DMatrixRMaj deltaW = dense2.backward(delta2);
    // (BP3) and (BP4) for layer 2: dW² = δ²ᵀ A¹, db² = Σᵢ δ²ᵢ
    printMatrix("(BP3) ∂C/∂W² = δ²ᵀ A¹", dense2.dW(), new double[][] {{1.2, 0.55}});
    printMatrix("(BP4) ∂C/∂b² = 1ᵀ δ²", dense2.db(), new double[][] {{0.7}});
    printMatrix("      δ² W²  (Dense.backward)", deltaW,
            new double[][] {{0.05, -0.05}, {0.05, -0.05}, {0.05, -0.05}, {0.55, -0.55}});
    DMatrixRMaj delta1 = relu.backward(deltaW);
    // (BP2): the mask 1[Z¹ > 0] is [[0,0], [1,0], [1,0], [1,1]]; z = 0 counts as inactive
    printMatrix("(BP2) δ¹ = (δ² W²) ⊙ 1[Z¹ > 0]", delta1,
            new double[][] {{0, 0}, {0.05, 0}, {0.05, 0}, {0.55, -0.55}});
    dense1.backward(delta1);
    // (BP3) for layer 1: row j of δ¹ᵀ X is Σᵢ δ¹ᵢⱼ xᵢ, e.g. 0.05·(0,1) + 0.05·(1,0) + 0.55·(1,1) = (0.6, 0.6)
    printMatrix("(BP3) ∂C/∂W¹ = δ¹ᵀ X", dense1.dW(), new double[][] {{0.6, 0.6}, {-0.55, -0.55}});
    printMatrix("(BP4) ∂C/∂b¹ = 1ᵀ δ¹", dense1.db(), new double[][] {{0.65, -0.55}});
    IO.println("   Unit 2 is inactive (z ≤ 0) on three points, so only (1,1) reaches its weights; (0,1) and");
    IO.println("   (1,0) sit exactly on its kink z = 0, where ReLU'(0) = 0 by convention.");
    double before = net.trainStep(X, Y, ETA);
    double after = MeanSquaredError.value(net.forward(X), Y);
    IO.println("   Network.trainStep with η = %.1f does all of this and then θ ← θ − η ∂C/∂θ:".formatted(ETA));
    IO.println("   the cost goes from %.4f to %.4f%s".formatted(before, after,
            after < before ? ", downhill." : ": ✗ it should go down."));
}

/// 3. The gradient check of the whole 2-10-1 network at its seeded initial weights: every entry
/// of W¹, b¹, W², b² by backprop against centred differences of the cost.
void step3_gradientCheck(Options options) {
    Print.heading("3. A gradient check of the whole network, every parameter");
    Network net = xorNetwork(options.random());
    DMatrixRMaj Z1 = net.layers().get(0).forward(X);
    double nearestKink = Arrays.stream(Arrays.copyOf(Z1.data, Z1.getNumElements())).map(Math::abs).min().orElse(0);
    IO.println("   The 2-10-1 network with seed %d, on the four XOR points. The smallest |z¹| is %.3f, far"
            .formatted(options.seed(), nearestKink));
    IO.println("   from ReLU's kink compared with the probe h = %.0e, so the cost is smooth where we probe."
            .formatted(GradCheck.H));
    net.backward(MeanSquaredError.gradient(net.forward(X), Y));
    IO.println("   %-4s  %-6s  %7s  %-50s  %s".formatted("θ", "shape", "entries", "worst entry", "max rel. error"));
    double worst = 0;
    for (Parameter p : net.parameters()) {
        double[] analytic = Arrays.copyOf(p.gradient().data, p.gradient().getNumElements());
        double[] numeric = GradCheck.numericGradient(v -> MeanSquaredError.value(net.forward(X), Y), p.value().data);
        GradCheck.Report report = GradCheck.compare("∂C/∂" + p.name(), analytic, numeric);
        worst = Math.max(worst, report.relError());
        IO.println("   %-4s  %-6s  %7d  %-50s  %.1e".formatted(p.name(), p.value().numRows + "×" + p.value().numCols,
                analytic.length, "[%d]: backprop %+.8f, numeric %+.8f".formatted(report.index(), report.analytic(),
                        report.numeric()), report.relError()));
    }
    IO.println("   %s".formatted(worst < GradCheck.TOLERANCE
            ? "✓ every relative error is below 1e-7: backprop computes the gradient of the whole network."
            : "✗ a relative error of %.1e is above 1e-7: a backward pass is wrong.".formatted(worst)));
}

/// 4. The XOR run of the classic PyTorch example, from the seeded weights or from `--init FILE`;
/// `--losses FILE` gets the cost of every epoch.
Network step4_train(Options options) {
    Print.heading("4. Training on XOR: 2-10-1, ReLU, MSE, gradient descent with η = 0.1, 1000 epochs");
    Network net = xorNetwork(options.random());
    Path init = options.file("--init").orElse(null);
    if (init != null) {
        Weights.load(init, net);
        IO.println("   Starting from the weights in %s (--init).".formatted(init));
    } else {
        IO.println("   Starting from PyTorch's default initialisation U(−1/√nIn, 1/√nIn), seed %d."
                .formatted(options.seed()));
    }
    Path initial = options.out().resolve("xor-initial-weights.txt");
    Weights.write(initial, net, List.of("XOR 2-10-1 initial weights of ./jbang ch06 (" + (init != null
            ? "from " + init : "seed " + options.seed()) + "), in the format of ch06.Weights"));
    IO.println("   The initial weights are in %s, for tools/xor_torch.py --init.".formatted(Repo.display(initial)));
    double[] losses = train(net);
    for (int epoch : new int[] {1, 10, 100, 500, EPOCHS}) {
        IO.println("   epoch %4d   C = %.6e".formatted(epoch, losses[epoch - 1]));
    }
    DMatrixRMaj A = net.forward(X);
    IO.println("   The four predictions after training (targets 0 1 1 0):");
    for (int i = 0; i < 4; i++) {
        IO.println("      x = (%.0f, %.0f)   y = %.0f   a = %.6f".formatted(X.get(i, 0), X.get(i, 1), Y.get(i, 0), A.get(i, 0)));
    }
    double worstError = Arrays.stream(residuals(A)).map(Math::abs).max().orElse(0);
    IO.println("   %s".formatted(worstError < 0.1
            ? "✓ every prediction is within 0.1 of its target."
            : "✗ a prediction is %.2f away from its target: this run is stuck (see step 6).".formatted(worstError)));
    options.file("--losses").ifPresent(file -> {
        writeLosses(file, losses);
        IO.println("   Wrote the %d costs, one per line, to %s (--losses).".formatted(losses.length, file));
    });
    plotCost(options, losses, init != null ? "from " + init.getFileName() : "seed " + options.seed());
    return net;
}

/// Trains `net` for [#EPOCHS] steps on XOR and returns the cost of each epoch, before its update.
static double[] train(Network net) {
    double[] losses = new double[EPOCHS];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        losses[epoch] = net.trainStep(X, Y, ETA);
    }
    return losses;
}

/// The plot of step 4: log₁₀ of the cost against the epoch (C falls from about 0.5 to 1e-20).
void plotCost(Options options, double[] losses, String run) {
    XYChart chart = Plots.lines("XOR: the cost of the 2-10-1 network while it learns (" + run + ")",
            "epoch", "log₁₀ C  (−10 means C = 1e-10)");
    chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) EPOCHS).setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.line(chart, "C, the mean squared error on the 4 points", epochs(), log10(losses)).setLineColor(BLUE);
    Plots.save(chart, options, "xor-cost");
}

/// 5. What the trained network computes over the whole square around the four points: the
/// output on a fine grid, in four bands, with the boundary a = 0.5 where the colours change.
void step5_decisionBoundary(Options options, Network net) {
    Print.heading("5. The decision boundary over the input square");
    int n = 121;
    double[] ticks = Plots.range(-0.25, 1.25, n);
    DMatrixRMaj grid = new DMatrixRMaj(n * n, 2);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            grid.set(i * n + j, 0, ticks[i]);
            grid.set(i * n + j, 1, ticks[j]);
        }
    }
    DMatrixRMaj A = net.forward(grid);
    double[] bounds = {Double.NEGATIVE_INFINITY, 0.25, 0.5, 0.75, Double.POSITIVE_INFINITY};
    String[] names = {"a < 0.25", "0.25 ≤ a < 0.5", "0.5 ≤ a < 0.75", "a ≥ 0.75"};
    Color[] shades = {new Color(240, 185, 95), new Color(250, 225, 180), new Color(185, 215, 240), new Color(110, 170, 215)};
    XYChart chart = Plots.lines("XOR: the output a of the trained network over the input square",
            "input x1", "input x2");
    chart.getStyler().setXAxisMin(-0.25).setXAxisMax(1.25).setYAxisMin(-0.25).setYAxisMax(1.25)
            .setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(14);
    int[] counts = new int[4];
    for (int band = 0; band < 4; band++) {
        List<double[]> cells = new ArrayList<>();
        for (int k = 0; k < n * n; k++) {
            double a = A.get(k, 0);
            if (a >= bounds[band] && a < bounds[band + 1]) {
                cells.add(new double[] {grid.get(k, 0), grid.get(k, 1)});
            }
        }
        counts[band] = cells.size();
        if (!cells.isEmpty()) {
            XYSeries series = Plots.points(chart, names[band], column(cells, 0), column(cells, 1));
            series.setMarker(new Cell(7, 5));
            series.setMarkerColor(shades[band]);
        }
    }
    for (int target = 0; target <= 1; target++) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (Y.get(i, 0) == target) {
                points.add(new double[] {X.get(i, 0), X.get(i, 1)});
            }
        }
        XYSeries series = Plots.points(chart, "XOR points with y = " + target, column(points, 0), column(points, 1));
        series.setMarker(target == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        series.setMarkerColor(target == 1 ? BLUE : VERMILLION);
    }
    IO.println("   The output a on a %d×%d grid over [−0.25, 1.25]²: %.0f%% of the square has a ≥ 0.5."
            .formatted(n, n, 100.0 * (counts[2] + counts[3]) / (n * n)));
    IO.println("   The boundary a = 0.5 is where orange meets blue: a bent band that puts (0,1) and (1,0)");
    IO.println("   on one side and (0,0) and (1,1) on the other. The straight pieces are the ReLU units:");
    IO.println("   each unit switches on along a line w·x + b = 0, and a is linear between those lines.");
    Plots.save(chart, options, "xor-decision-boundary");
}

/// 6. Many seeds: most runs learn XOR, some get stuck. Counts the dead hidden units (z ≤ 0 on
/// all four points) of each stuck run and plots their costs next to the run of `--seed`.
void step6_stuckSeeds(Options options) {
    Print.heading("6. Stuck runs: dead ReLUs and plateaus");
    int seeds = options.quick() ? 20 : 100;
    double[] finalCosts = new double[seeds];
    List<Integer> stuck = new ArrayList<>();
    IO.println("   Training from seeds 0 to %d, %d epochs each:".formatted(seeds - 1, EPOCHS));
    IO.println("   %5s   %9s   %-23s   %-12s   %s".formatted("seed", "final C", "predictions (0 1 1 0)",
            "dead units", "where each live unit is active"));
    List<double[]> stuckLosses = new ArrayList<>();
    for (int seed = 0; seed < seeds; seed++) {
        Network net = xorNetwork(new Random(seed));
        int deadAtStart = deadUnits(net);
        double[] losses = train(net);
        DMatrixRMaj A = net.forward(X);
        finalCosts[seed] = MeanSquaredError.value(A, Y);
        if (finalCosts[seed] > STUCK) {
            stuck.add(seed);
            stuckLosses.add(losses);
            IO.println("   %5d   %9.6f   %-23s   %-12s   %s".formatted(seed, finalCosts[seed],
                    predictions(A), "%d → %d".formatted(deadAtStart, deadUnits(net)), activity(net)));
        }
    }
    IO.println("   %d of %d seeds are stuck (final C > %.2f); the other %d reach C < %.2f."
            .formatted(stuck.size(), seeds, STUCK, seeds - stuck.size(), STUCK));
    IO.println("""
               (Patterns: 1 where the unit's z > 0, on (0,0), (0,1), (1,0), (1,1) in this order.)
               A hidden unit whose z is ≤ 0 on all four points is dead: ReLU'(z) = 0 there, so (BP2)
               makes its column of δ¹ zero, (BP3) and (BP4) give its weights and bias zero gradients,
               and its output a = 0 gives its output weight a zero gradient too. Nothing about it
               changes again, since the inputs are the same four points every epoch; a big early step
               can also kill a unit during training (dead units: start → end). The live units get
               stuck in the same way, one point at a time:
               • Live units all 0101 (seed 6 above): none is active on (0,0) or (1,0), so the output
                 there is b² alone, which settles at the mean of their targets, 0.5: C = 2·0.5²/4 =
                 0.125. The mask 1[Z¹ > 0] blocks every gradient from those two points, and on
                 (0,1) and (1,1), where the units are active, the fit is exact: zero gradient.
               • Live units all 1111 (seed 18 above): active on all four points, each is linear
                 there, so the network is a linear function a = w·x + b on the data. The best such
                 function for XOR is the constant 0.5 (C = 0.25), and there every gradient is zero:
                 the residuals ±0.5 cancel in every sum of (BP3) and (BP4). To bend, a unit would
                 have to cross its kink, and no gradient points there: a plateau.
               More hidden units, another initialisation or a leaky ReLU (never exactly flat) make it rarer.""".indent(3).stripTrailing());
    plotStuck(options, stuck, stuckLosses);
    plotFinalCosts(options, finalCosts);
}

/// The first plot of step 6: the cost of up to three stuck seeds next to that of `--seed`.
void plotStuck(Options options, List<Integer> stuck, List<double[]> stuckLosses) {
    XYChart chart = Plots.lines("XOR: a run that learns and runs that get stuck on a plateau", "epoch", "cost C");
    chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) EPOCHS).setYAxisMin(0.0).setYAxisDecimalPattern("0.000")
            .setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] good = train(xorNetwork(options.random()));
    Plots.line(chart, "seed %d: learns".formatted(options.seed()), epochs(), good).setLineColor(BLUE);
    Color[] colors = {VERMILLION, ORANGE, GREEN};
    BasicStroke[] styles = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};
    for (int s = 0; s < Math.min(3, stuck.size()); s++) {
        double[] losses = stuckLosses.get(s);
        XYSeries series = Plots.line(chart, "seed %d: stuck at C = %.3f".formatted(stuck.get(s), losses[EPOCHS - 1]),
                epochs(), losses);
        series.setLineColor(colors[s]);
        series.setLineStyle(styles[s]);
    }
    Plots.save(chart, options, "xor-stuck-seeds");
}

/// The second plot of step 6: log₁₀ of the final cost of every seed.
void plotFinalCosts(Options options, double[] finalCosts) {
    XYChart chart = Plots.lines("XOR: the cost after 1000 epochs, seed by seed", "seed",
            "log₁₀ of the final C  (floor −30)");
    chart.getStyler().setYAxisMax(0.0).setMarkerSize(8).setLegendPosition(Styler.LegendPosition.OutsideS);
    double[] seeds = Plots.range(0, finalCosts.length - 1, finalCosts.length);
    List<double[]> learned = new ArrayList<>();
    List<double[]> stuck = new ArrayList<>();
    for (int s = 0; s < finalCosts.length; s++) {
        (finalCosts[s] > STUCK ? stuck : learned).add(new double[] {seeds[s], log10(finalCosts[s])});
    }
    for (int kind = 0; kind < 2; kind++) {
        List<double[]> points = kind == 0 ? learned : stuck;
        if (!points.isEmpty()) {
            XYSeries series = Plots.points(chart, kind == 0 ? "learned XOR" : "stuck (C > 0.01)",
                    column(points, 0), column(points, 1));
            series.setMarkerColor(kind == 0 ? BLUE : VERMILLION);
            series.setMarker(kind == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        }
    }
    Plots.save(chart, options, "xor-final-costs");
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch06/: Dense.backward, ReLU.backward,
                  Network.backward, then Network.trainStep.
               2. Grade them:                          ./jbang grade ch06
               3. Run this chapter on your own code:   ./jbang ch06 --mine
               4. Compare with PyTorch from the same weights (float64, the losses agree to ~1e-16):
                     /usr/bin/python3 tools/xor_torch.py --write-init w.txt --losses torch.txt
                     ./jbang ch06 --init w.txt --losses java.txt
                     /usr/bin/python3 tools/xor_torch.py --compare torch.txt java.txt
                  with a Python that has PyTorch: on Debian or Ubuntu the system's /usr/bin/python3
                  after sudo apt-get install python3-torch python3-numpy, elsewhere pip install torch
                  into the Python you use (without it the script says so).
               Then chapter 7 (./jbang ch07): better steps than θ ← θ − η ∂C/∂θ, the optimizers.""".indent(3));
}

/// The number of hidden units of the XOR network whose z is ≤ 0 on all four points.
static int deadUnits(Network net) {
    DMatrixRMaj Z1 = net.layers().get(0).forward(X);
    int dead = 0;
    for (int j = 0; j < Z1.numCols; j++) {
        boolean active = false;
        for (int i = 0; i < Z1.numRows; i++) {
            active |= Z1.get(i, j) > 0;
        }
        dead += active ? 0 : 1;
    }
    return dead;
}

/// Where each live hidden unit is active (z > 0), one pattern per unit over the points (0,0),
/// (0,1), (1,0), (1,1): "1111 0101" is a unit active everywhere and one active on (0,1) and (1,1).
static String activity(Network net) {
    DMatrixRMaj Z1 = net.layers().get(0).forward(X);
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < Z1.numCols; j++) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < Z1.numRows; i++) {
            pattern.append(Z1.get(i, j) > 0 ? '1' : '0');
        }
        if (!pattern.toString().equals("0000")) {
            text.append(text.isEmpty() ? "" : " ").append(pattern);
        }
    }
    return text.toString();
}

/// Writes `losses` to `file`, one per line in full precision (Double.toString reads back exactly).
static void writeLosses(Path file, double[] losses) {
    String text = Arrays.stream(losses).mapToObj(Double::toString).collect(Collectors.joining("\n", "", "\n"));
    try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    } catch (IOException e) {
        throw new UserError("cannot write the losses to " + file + " (" + e.getMessage() + "); check the folder.");
    }
}

/// A filled rectangle of a fixed size in pixels, whatever the chart's marker size: one cell of a
/// grid, a little larger than the spacing of the grid on screen so that neighbours overlap.
static final class Cell extends Marker {

    private final double width;
    private final double height;

    Cell(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int markerSize) {
        g.fill(new Rectangle2D.Double(x - width / 2, y - height / 2, width, height));
    }
}

/// Prints a matrix row by row and whether it equals the hand values.
static void printMatrix(String label, DMatrixRMaj M, double[][] byHand) {
    boolean same = M.numRows == byHand.length && M.numCols == byHand[0].length;
    for (int i = 0; same && i < M.numRows; i++) {
        for (int j = 0; j < M.numCols; j++) {
            same &= Math.abs(M.get(i, j) - byHand[i][j]) < 1e-12;
        }
    }
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < M.numRows; i++) {
        double[] row = new double[M.numCols];
        for (int j = 0; j < M.numCols; j++) {
            row[j] = M.get(i, j);
        }
        rows.append(i > 0 ? ", " : "").append(Print.vector(row).replace("(", "[").replace(")", "]"));
    }
    IO.println("   %-34s = [%s]   %s".formatted(label, rows, same ? "✓ same as by hand"
            : "✗ by hand: " + Arrays.deepToString(byHand)));
}

/// The four outputs, "0.500 1.000 0.000 0.500".
static String predictions(DMatrixRMaj A) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < A.numRows; i++) {
        text.append(i > 0 ? " " : "").append("%.3f".formatted(A.get(i, 0)));
    }
    return text.toString();
}

/// a − y for the four points.
static double[] residuals(DMatrixRMaj A) {
    double[] r = new double[A.numRows];
    for (int i = 0; i < r.length; i++) {
        r[i] = A.get(i, 0) - Y.get(i, 0);
    }
    return r;
}

/// 1, 2, …, [#EPOCHS]: the x values of a cost curve.
static double[] epochs() {
    return Plots.range(1, EPOCHS, EPOCHS);
}

/// log₁₀ of each cost, with a floor of −30 for a cost of exactly 0.
static double[] log10(double[] costs) {
    return Arrays.stream(costs).map(c -> log10(c)).toArray();
}

/// log₁₀ C, with a floor of −30 for C = 0.
static double log10(double cost) {
    return Math.log10(Math.max(cost, 1e-30));
}

/// A 1×n row matrix.
static DMatrixRMaj row(double[] values) {
    return new DMatrixRMaj(new double[][] {values});
}

/// Coordinate `i` of every point.
static double[] column(List<double[]> points, int i) {
    return points.stream().mapToDouble(p -> p[i]).toArray();
}

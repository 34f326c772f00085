///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java
//SOURCES ../solutions/ch04/*.java
//SOURCES ../solutions/ch05/*.java

import bp.*;
import ch05.GradientDescent;
import ch05.MiniBatch;
import ch05.Run;
import ch05.Stopping;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 5: gradient descent
///
/// Chapter 4 gave us the gradient of the cost, ∇C = (∂C/∂w₁, …, ∂C/∂wₙ, ∂C/∂b): the direction in
/// which C grows fastest. To make C smaller, take a small step the other way and repeat:
///
///     x ← x − η ∇C(x)                      (η > 0: the learning rate)
///
/// By Taylor, C(x − η∇C) ≈ C(x) − η‖∇C‖², so a small enough step always goes downhill. How small is
/// small enough depends on the curvature. On the quadratic C(x) = (x − 3)², with C'(x) = 2(x − 3),
/// one step multiplies the distance to the minimum by a fixed factor:
///
///     x_{k+1} − 3 = (1 − 2η)(x_k − 3)
///
/// so η < 1/2 creeps towards 3, η = 1/2 jumps there in one step, 1/2 < η < 1 overshoots and
/// oscillates inwards, and η > 1 overshoots further every time: the iterates diverge. In several
/// dimensions each direction has its own curvature, and the steepest one caps η: on the valley
/// C = ½(x² + 10y²) we need η < 2/10, and along the flat x axis such a step is slow.
///
/// A loop needs a rule to stop: after a number of iterations, when the gradient is nearly zero
/// (‖∇C‖ < ε, a flat spot: a minimum is near), or when an update improves C by almost nothing.
///
/// For a neuron, x is its parameters θ = (w, b) and C the mean cost over the data. Full-batch
/// descent uses the gradient of all m examples per update; mini-batch descent one of B examples,
/// m/B times per pass over the data (an *epoch*); stochastic descent B = 1.
///
/// The lesson computes with `ch05.GradientDescent` and `ch05.MiniBatch`: the reference solutions
/// by default, your own code from `exercises/ch05/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 5: gradient descent: x ← x − η ∇C(x).", this::lesson);
}

/// The lesson, one step after the other: steps 2, 3, 4 and 6 save six plots in `out/ch05/` (or
/// `--out DIR`). `--quick` shortens the training of the neuron in steps 6 and 7.
void lesson(Options options) {
    step1_firstSteps();
    step2_learningRates(options);
    step3_valley(options);
    step4_stoppingRules(options);
    Data data = step5_data(options);
    step6_batchSizes(options, data);
    step7_fullBatchWithStoppingRules(options, data);
    whatsNext();
}

/// C(x) = (x − 3)², the 1-D quadratic of steps 1 and 2, with C'(x) = 2(x − 3) and its minimum at 3.
static final ToDoubleFunction<double[]> BOWL = x -> (x[0] - 3) * (x[0] - 3);
static final Function<double[], double[]> BOWL_GRADIENT = x -> new double[] {2 * (x[0] - 3)};

/// The start of every run on the bowl: x₀ = 0.
static final double[] X0 = {0};

/// C(x, y) = ½(x² + 10y²), the valley of steps 3 and 4: ten times steeper across (y) than along (x).
static final ToDoubleFunction<double[]> VALLEY = p -> 0.5 * (p[0] * p[0] + 10 * p[1] * p[1]);
static final Function<double[], double[]> VALLEY_GRADIENT = p -> new double[] {p[0], 10 * p[1]};

/// The start of every run on the valley.
static final double[] VALLEY_START = {-8, 1.2};

// Colour-blind-safe colours for up to four series that belong together (Okabe–Ito).
static final Color[] COLORS = {
    new Color(0, 114, 178), new Color(0, 158, 115), new Color(230, 159, 0), new Color(213, 94, 0)};

// The colours of full-batch, mini-batch and stochastic training in step 6, apart from the blue and
// the orange of the two classes.
static final Color[] TRAINING = {Color.BLACK, new Color(0, 158, 115), new Color(204, 121, 167)};

/// 1. The first updates on C(x) = (x − 3)² from x₀ = 0 with η = 0.1, by hand and with
/// `GradientDescent.step`, then a whole run with `GradientDescent.minimize`.
void step1_firstSteps() {
    Print.heading("1. Gradient descent on C(x) = (x − 3)², from x₀ = 0 with η = 0.1");
    double eta = 0.1;
    IO.println("   C'(x) = 2(x − 3), so one update is x_{k+1} = x_k − η·2(x_k − 3).");
    IO.println("   %3s   %9s   %9s   %9s   %22s   %9s".formatted(
            "k", "x_k", "C(x_k)", "C'(x_k)", "x_k − η·C'(x_k), by hand", "step(...)"));
    double[] x = X0.clone();
    for (int k = 0; k < 5; k++) {
        double slope = 2 * (x[0] - 3);
        double byHand = x[0] - eta * slope;
        double[] next = GradientDescent.step(x, new double[] {slope}, eta);
        IO.println("   %3d   %9.5f   %9.5f   %9.5f   %22.5f   %9.5f   %s".formatted(
                k, x[0], BOWL.applyAsDouble(x), slope, byHand, next[0], check(next[0], byHand)));
        x = next;
    }
    IO.println("   Each update covers a fifth of the way to 3: the error x − 3 shrinks by 1 − 2η = 0.8.");
    Run run = GradientDescent.minimize(BOWL, BOWL_GRADIENT, X0, eta, Stopping.after(30));
    // by hand: the error −3 shrinks by 0.8 per update, so x₃₀ = 3 − 3·0.8³⁰
    Print.row("minimize: x after 30 updates", run.x()[0], 3 - 3 * Math.pow(0.8, 30));
    IO.println("   (by hand: x₃₀ = 3 − 3·0.8³⁰; C(x₃₀) = %.2e; the run stopped because: %s)"
            .formatted(run.cost(), run.stoppedBecause()));
}

/// 2. Four learning rates on (x − 3)²: too small, good, too large (oscillating) and diverging,
/// 30 updates each from x₀ = 0.
void step2_learningRates(Options options) {
    Print.heading("2. The learning rate: too small, good, too large, diverging");
    double[] etas = {0.02, 0.3, 0.95, 1.05};
    String[] verdicts = {"too small: creeps", "good", "too large: oscillates", "diverges"};
    IO.println("   error factor per update: x_{k+1} − 3 = (1 − 2η)(x_k − 3); stable only for 0 < η < 1");
    IO.println("   %6s   %10s   %12s   %12s   %s".formatted("η", "1 − 2η", "x₃₀", "C(x₃₀)", "verdict"));
    List<Run> runs = new ArrayList<>();
    String[] names = new String[etas.length];
    for (int i = 0; i < etas.length; i++) {
        Run run = GradientDescent.minimize(BOWL, BOWL_GRADIENT, X0, etas[i], Stopping.after(30));
        runs.add(run);
        names[i] = "η = %.2f (%s)".formatted(etas[i], verdicts[i]);
        IO.println("   %6.2f   %10.2f   %12.4f   %12.3e   %s".formatted(
                etas[i], 1 - 2 * etas[i], run.x()[0], run.cost(), verdicts[i]));
    }
    IO.println("   η = 0.5 would land on 3 in one step (1 − 2η = 0): for a quadratic, η = 1/C'' is ideal.");
    plotLearningRates(options, names, runs);
}

/// The plots of step 2: the costs on a logarithmic axis (so that the diverging run does not
/// flatten the others), cut at 1e-12; and the first 15 iterates, cut at −3 and 9.
void plotLearningRates(Options options, String[] names, List<Run> runs) {
    int shown = 15;
    XYChart costs = Plots.lines("Cost of gradient descent on C(x) = (x − 3)² for four learning rates",
            "iteration k", "cost C(x_k) (log scale)");
    costs.getStyler().setYAxisLogarithmic(true).setYAxisMin(1e-12).setYAxisMax(1e4)
            .setLegendPosition(Styler.LegendPosition.OutsideE);
    XYChart iterates = Plots.lines("Iterates x_k on C(x) = (x − 3)²: creeping, oscillating, diverging",
            "iteration k", "x_k (the minimum is at 3)");
    iterates.getStyler().setYAxisMin(-3.0).setYAxisMax(9.0).setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int i = 0; i < runs.size(); i++) {
        Run run = runs.get(i);
        Plots.line(costs, names[i], iterations(run), toArray(run.costs())).setLineColor(COLORS[i]);
        double[] x = coordinate(run.path().subList(0, shown + 1), 0);
        Plots.line(iterates, names[i], Plots.range(0, shown, shown + 1), x).setLineColor(COLORS[i]);
    }
    double[] three = {3, 3};
    XYSeries minimum = Plots.line(iterates, "the minimum x = 3", new double[] {0, shown}, three);
    minimum.setLineColor(Color.GRAY);
    minimum.setLineStyle(SeriesLines.DASH_DASH);
    IO.println("   The cost plot is cut at 1e-12 (the good run goes on down to 1e-23); the x_k plot shows");
    IO.println("   the first %d updates, cut at −3 and 9, which the diverging run leaves at update 8."
            .formatted(shown));
    Plots.save(costs, options, "learning-rates");
    Plots.save(iterates, options, "iterates-1d");
}

/// 3. The valley C = ½(x² + 10y²) from (−8, 1.2): along y the error factor is 1 − 10η, along x
/// it is 1 − η, so the steep direction caps η below 2/10 and then the flat direction moves slowly.
void step3_valley(Options options) {
    Print.heading("3. A valley, C(x, y) = ½(x² + 10y²), from (−8, 1.2)");
    IO.println("   ∇C = (x, 10y): one update multiplies x by 1 − η and y by 1 − 10η.");
    IO.println("   %8s   %8s   %9s   %10s   %-18s   %s".formatted(
            "η", "1 − η", "1 − 10η", "updates", "stopped because", "C at the end"));
    double[] etas = {0.05, 0.15, 2.0 / 11, 0.19, 0.21};
    Stopping stopping = new Stopping(300, 1e-3, 0);
    List<Run> runs = new ArrayList<>();
    for (double eta : etas) {
        Run run = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, VALLEY_START, eta, stopping);
        runs.add(run);
        IO.println("   %8.4f   %8.3f   %9.3f   %10d   %-18s   %.3e".formatted(
                eta, 1 - eta, 1 - 10 * eta, run.iterations(), run.stoppedBecause(), run.cost()));
    }
    IO.println("   (stopping: ‖∇C‖ < 1e-3, at most 300 updates)");
    IO.println("   η = 2/11 makes both factors 9/11 in size: the best fixed η, and still %d updates."
            .formatted(runs.get(2).iterations()));
    IO.println("   η = 0.21 > 2/10 makes |1 − 10η| > 1: the y coordinate grows, the run cannot settle.");
    // the largest η first, so that the slow, smooth path of the smallest one is drawn on top
    plotValley(options, List.of(etas[3], etas[1], etas[0]), List.of(runs.get(3), runs.get(1), runs.get(0)));
}

/// The plot of step 3: the level sets of the valley and the paths of the iterates for a few η.
void plotValley(Options options, List<Double> etas, List<Run> runs) {
    XYChart chart = Plots.lines("Gradient descent on the valley C = ½(x² + 10y²): paths for three η",
            "x", "y");
    chart.getStyler().setXAxisMin(-10.0).setXAxisMax(10.0).setYAxisMin(-3.5).setYAxisMax(3.5)
            .setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(6);
    drawLevelSets(chart, new double[] {0.25, 1, 4, 16, 40});
    for (int s = 0; s < runs.size(); s++) {
        Run run = runs.get(s);
        XYSeries path = Plots.line(chart, "η = %.2f: %d updates".formatted(etas.get(s), run.iterations()),
                coordinate(run.path(), 0), coordinate(run.path(), 1));
        path.setMarker(SeriesMarkers.CIRCLE);
        path.setLineColor(COLORS[s]);
        path.setMarkerColor(COLORS[s]);
        path.setLineWidth(1.5f);
    }
    Plots.save(chart, options, "valley-paths");
}

/// 4. The stopping rules on the valley with η = 0.15: each rule alone, all together, and two
/// traps: a tiny η that makes the improvement rule stop far from the minimum, and a diverging η.
void step4_stoppingRules(Options options) {
    Print.heading("4. Stopping rules: which one fires, and when");
    IO.println("   %-45s   %7s   %-18s   %10s   %10s".formatted(
            "rules", "updates", "stopped because", "C(x_k)", "‖∇C(x_k)‖"));
    report("at most 40 updates, η = 0.15", 0.15, Stopping.after(40));
    report("‖∇C‖ < 1e-3 (at most 1000), η = 0.15", 0.15, new Stopping(1000, 1e-3, 0));
    report("improvement < 1e-6 (at most 1000), η = 0.15", 0.15, new Stopping(1000, 0, 1e-6));
    report("all three: 1000, 1e-3, 1e-6, η = 0.15", 0.15, new Stopping(1000, 1e-3, 1e-6));
    report("improvement < 1e-2 (at most 1000), η = 0.002", 0.002, new Stopping(1000, 0, 1e-2));
    report("all three: 1000, 1e-3, 1e-6, η = 0.3", 0.3, new Stopping(1000, 1e-3, 1e-6));
    IO.println("""
               With several rules, the first that holds ends the run: here the improvement rule, five
               updates before the gradient rule. A small gradient means a flat spot, usually near a
               minimum. A small improvement can also mean tiny steps: with η = 0.002 the run stops
               while C is still far from its minimum 0. A cost that rises is no small improvement:
               with η = 0.3 (> 2/10) the cost grows fourfold per update, the run goes on until it
               overflows to ∞, and stops as diverged.""".indent(3).stripTrailing());
    plotStoppingRules(options);
}

/// The plot of step 4: ‖∇C(x_k)‖ and the improvement C(x_{k−1}) − C(x_k) against k for the valley
/// with η = 0.15 (a run of a fixed length), each with its threshold and the update where it fires.
void plotStoppingRules(Options options) {
    double minGradientNorm = 1e-3;
    double minImprovement = 1e-6;
    Run run = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, VALLEY_START, 0.15, Stopping.after(70));
    double[] k = iterations(run);
    double[] norms = new double[k.length];
    double[] gains = new double[k.length - 1];
    for (int i = 0; i < k.length; i++) {
        double[] g = VALLEY_GRADIENT.apply(run.path().get(i));
        norms[i] = Math.hypot(g[0], g[1]);
        if (i > 0) {
            gains[i - 1] = run.costs().get(i - 1) - run.costs().get(i);
        }
    }
    XYChart chart = Plots.lines("Stopping rules on the valley, η = 0.15: when does each one fire?",
            "iteration k", "value (log scale)");
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(12);
    Plots.line(chart, "‖∇C(x_k)‖", k, norms).setLineColor(COLORS[0]);
    Plots.line(chart, "improvement C(x_{k−1}) − C(x_k)", Arrays.copyOfRange(k, 1, k.length), gains)
            .setLineColor(COLORS[3]);
    threshold(chart, "minGradientNorm = 1e-3", k, minGradientNorm, COLORS[0]);
    threshold(chart, "minImprovement = 1e-6", k, minImprovement, COLORS[3]);
    int byGradient = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, VALLEY_START, 0.15,
            new Stopping(1000, minGradientNorm, 0)).iterations();
    int byImprovement = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, VALLEY_START, 0.15,
            new Stopping(1000, 0, minImprovement)).iterations();
    Plots.points(chart, "gradient rule fires (k = %d)".formatted(byGradient),
            new double[] {byGradient}, new double[] {norms[byGradient]}).setMarkerColor(COLORS[0]);
    Plots.points(chart, "improvement rule fires (k = %d)".formatted(byImprovement),
            new double[] {byImprovement}, new double[] {gains[byImprovement - 1]}).setMarkerColor(COLORS[3]);
    Plots.save(chart, options, "stopping-rules");
}

/// The data of steps 5 to 7: m examples with two inputs (rows of X, m × 2) and their targets y
/// (length m, each 0 or 1).
record Data(double[][] X, double[] y) {}

/// 5. A small data set: two seeded Gaussian blobs of 50 points each, class 0 around (−1, −1) and
/// class 1 around (1, 1), with standard deviation 1, so that the classes overlap a little.
Data step5_data(Options options) {
    Print.heading("5. The data: two Gaussian blobs, the neuron of chapter 4 to train on them");
    Random random = options.random();
    int m = 100;
    double[][] X = new double[m][];
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
        y[j] = j % 2;
        double centre = y[j] == 1 ? 1 : -1;
        X[j] = new double[] {centre + random.nextGaussian(), centre + random.nextGaussian()};
    }
    double[] theta0 = {0, 0, 0};
    IO.println("   m = %d examples (50 per class), x ∈ ℝ², targets y ∈ {0, 1}".formatted(m));
    IO.println("   the neuron a = σ(w·x + b) with θ = (w₁, w₂, b), starting at θ₀ = %s"
            .formatted(Print.vector(theta0)));
    Print.row("C(θ₀) = (1/m) Σ (σ(0) − y)²", MiniBatch.cost(theta0, X, y), 0.25);
    IO.println("   (every output is σ(0) = 1/2, so each example costs (1/2)² = 1/4)");
    return new Data(X, y);
}

/// 6. Full-batch, mini-batch and stochastic gradient descent on the blobs, with the same η and
/// the same number of epochs: the cost on all the data after each epoch, and the trained boundaries.
void step6_batchSizes(Options options, Data data) {
    Print.heading("6. Full batch, mini-batches and single examples: cost against epoch");
    int m = data.X().length;
    int epochs = options.quick() ? 15 : 60;
    double eta = 1.0;
    int[] batchSizes = {m, 10, 1};
    String[] names = {"full batch (B = %d)".formatted(m), "mini-batch (B = 10)", "stochastic (B = 1)"};
    IO.println("   η = %.1f, %d epochs, each epoch in a new random order".formatted(eta, epochs));
    IO.println("   %-22s   %15s   %10s   %10s   %10s".formatted(
            "", "updates/epoch", "epoch 1", "epoch 5", "epoch " + epochs));
    XYChart chart = Plots.lines("Training the neuron: cost against epoch for three batch sizes (η = 1)",
            "epoch", "cost C(θ) on all 100 examples");
    chart.getStyler().setYAxisDecimalPattern("0.00").setLegendPosition(Styler.LegendPosition.InsideNE);
    List<double[]> trained = new ArrayList<>();
    for (int s = 0; s < batchSizes.length; s++) {
        double[] costs = new double[epochs + 1];
        trained.add(train(data, batchSizes[s], eta, options.random(), costs));
        int updates = (m + batchSizes[s] - 1) / batchSizes[s];
        IO.println("   %-22s   %15d   %10.4f   %10.4f   %10.4f".formatted(
                names[s], updates, costs[1], costs[Math.min(5, epochs)], costs[epochs]));
        Plots.line(chart, names[s], Plots.range(0, epochs, epochs + 1), costs).setLineColor(TRAINING[s]);
    }
    IO.println("""
               Per epoch, all three see every example once, but the full batch makes 1 update, the
               mini-batches 10 and the single examples 100: smaller batches get further per epoch.
               Each of their updates follows a noisier gradient (that of 10 or 1 examples, not 100),
               so their cost wobbles; the full batch's falls smoothly but slowly."""
            .indent(3).stripTrailing());
    Plots.save(chart, options, "batch-sizes");
    plotBoundaries(options, data, trained, names);
}

/// Trains the neuron from θ = 0 with `MiniBatch.epoch`, batches of `batchSize`, a new order from
/// `random` every epoch, for `costs.length − 1` epochs. Fills `costs[e]` with the cost on all the
/// data after e epochs (`costs[0]` at the start) and returns the last θ (length 3).
double[] train(Data data, int batchSize, double eta, Random random, double[] costs) {
    int m = data.X().length;
    double[] theta = {0, 0, 0};
    costs[0] = MiniBatch.cost(theta, data.X(), data.y());
    for (int e = 1; e < costs.length; e++) {
        theta = MiniBatch.epoch(theta, data.X(), data.y(), MiniBatch.shuffle(m, random), batchSize, eta);
        costs[e] = MiniBatch.cost(theta, data.X(), data.y());
    }
    return theta;
}

/// The second plot of step 6: the blobs and the decision boundary w·x + b = 0 of each trained
/// neuron.
void plotBoundaries(Options options, Data data, List<double[]> trained, String[] names) {
    XYChart chart = Plots.lines("The blobs and the boundaries w·x + b = 0 the neuron learned",
            "input x1", "input x2");
    chart.getStyler().setXAxisMin(-4.0).setXAxisMax(4.0).setYAxisMin(-4.0).setYAxisMax(4.0)
            .setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int label = 0; label <= 1; label++) {
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < data.y().length; j++) {
            if (data.y()[j] == label) {
                rows.add(data.X()[j]);
            }
        }
        XYSeries points = Plots.points(chart, "class " + label, coordinate(rows, 0), coordinate(rows, 1));
        points.setMarkerColor(label == 1 ? new Color(0, 114, 178, 150) : new Color(213, 94, 0, 150));
        points.setMarker(label == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
    }
    for (int s = 0; s < trained.size(); s++) {
        double[] theta = trained.get(s);
        // w₁x₁ + w₂x₂ + b = 0 solved for x₂, across the window
        double[] x1 = {-4, 4};
        double[] x2 = {(-theta[2] - theta[0] * x1[0]) / theta[1], (-theta[2] - theta[0] * x1[1]) / theta[1]};
        XYSeries line = Plots.line(chart, names[s], x1, x2);
        line.setLineColor(TRAINING[s]);
        line.setLineStyle(s == 1 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
    }
    Plots.save(chart, options, "trained-boundaries");
}

/// 7. Full-batch training is gradient descent on C(θ) like any other: `minimize` with the
/// stopping rules trains the neuron too.
void step7_fullBatchWithStoppingRules(Options options, Data data) {
    Print.heading("7. Full-batch training with minimize and the stopping rules");
    int maxIterations = options.quick() ? 500 : 5000;
    Stopping stopping = new Stopping(maxIterations, 1e-4, 1e-8);
    Run run = GradientDescent.minimize(theta -> MiniBatch.cost(theta, data.X(), data.y()),
            theta -> MiniBatch.gradient(theta, data.X(), data.y()), new double[] {0, 0, 0}, 1.0, stopping);
    IO.println("   rules: at most %d updates, ‖∇C‖ < 1e-4, improvement < 1e-8; η = 1"
            .formatted(maxIterations));
    IO.println("   stopped after %d updates because: %s".formatted(run.iterations(), run.stoppedBecause()));
    IO.println("   θ = (w₁, w₂, b) = %s,   C(θ) = %.4f".formatted(Print.vector(run.x()), run.cost()));
    int right = 0;
    for (int j = 0; j < data.y().length; j++) {
        double z = run.x()[0] * data.X()[j][0] + run.x()[1] * data.X()[j][1] + run.x()[2];
        right += (z >= 0 ? 1 : 0) == data.y()[j] ? 1 : 0;
    }
    IO.println("   %d of %d examples on the right side of w·x + b = 0".formatted(right, data.y().length));
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch05/: GradientDescent.step, the loop
                  GradientDescent.minimize with its stopping rules, then MiniBatch.epoch.
               2. Grade them:                          ./jbang grade ch05
               3. Run this chapter on your own code:   ./jbang ch05 --mine
               Then chapter 6 (./jbang ch06): one neuron draws one straight line; a hidden layer
               of neurons learns XOR, which no straight line separates.""".indent(3));
}

/// One row of the table of step 4: run the valley with `eta` and `stopping` and print the result.
void report(String rules, double eta, Stopping stopping) {
    Run run = GradientDescent.minimize(VALLEY, VALLEY_GRADIENT, VALLEY_START, eta, stopping);
    double[] g = VALLEY_GRADIENT.apply(run.x());
    IO.println("   %-45s   %7d   %-18s   %10.3e   %10.3e".formatted(
            rules, run.iterations(), run.stoppedBecause(), run.cost(), Math.hypot(g[0], g[1])));
}

/// Draws the level sets C = c of the valley as closed ellipses x = √(2c) cos t, y = √(2c/10) sin t
/// (on them ½(x² + 10y²) = c(cos² t + sin² t) = c), thin and grey, one legend entry for all.
void drawLevelSets(XYChart chart, double[] levels) {
    double[] t = Plots.range(0, 2 * Math.PI, 181);
    for (int i = 0; i < levels.length; i++) {
        double[] x = new double[t.length];
        double[] y = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            x[j] = Math.sqrt(2 * levels[i]) * Math.cos(t[j]);
            y[j] = Math.sqrt(2 * levels[i] / 10) * Math.sin(t[j]);
        }
        String name = i == 0 ? "level sets C = " + list(levels) : "C = " + levels[i];
        XYSeries ellipse = Plots.line(chart, name, x, y);
        ellipse.setLineColor(new Color(160, 160, 160));
        ellipse.setLineWidth(1f);
        ellipse.setShowInLegend(i == 0);
    }
}

/// A dashed horizontal line at `value` across the iterations `k`.
void threshold(XYChart chart, String name, double[] k, double value, Color color) {
    double[] ends = {k[0], k[k.length - 1]};
    XYSeries line = Plots.line(chart, name, ends, new double[] {value, value});
    line.setLineColor(color);
    line.setLineStyle(SeriesLines.DASH_DASH);
    line.setLineWidth(1.5f);
}

/// The numbers without trailing zeros, separated by commas: "0.25, 1, 4".
String list(double[] values) {
    return Arrays.stream(values).mapToObj(v -> v == Math.rint(v) ? "%.0f".formatted(v) : String.valueOf(v))
            .collect(Collectors.joining(", "));
}

/// "✓" when the student's value equals the hand value, else the difference.
String check(double value, double byHand) {
    return Math.abs(value - byHand) < Print.SAME
            ? "✓ same as by hand"
            : "✗ off by %.2e".formatted(value - byHand);
}

/// 0, 1, …, k for a run of k updates: the x values of a plot against the iteration.
double[] iterations(Run run) {
    return Plots.range(0, run.iterations(), run.iterations() + 1);
}

/// Coordinate `i` of every point of a path (or of every row of a batch).
double[] coordinate(List<double[]> points, int i) {
    return points.stream().mapToDouble(p -> p[i]).toArray();
}

/// The numbers of a list as an array.
double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
}

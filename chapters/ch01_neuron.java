///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java

import bp.*;
import ch01.Activations;
import ch01.Neuron;
import java.awt.Color;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 1: a single neuron
///
/// A neuron takes n numbers `x = (x₁, …, xₙ)`, weighs each one, adds a bias and squashes the
/// result:
///
///     z = w·x + b = w₁x₁ + w₂x₂ + … + wₙxₙ + b      (the weighted input)
///     a = σ(z) = 1 / (1 + e^(−z))                    (the activation, between 0 and 1)
///
/// The weights `w` say how much each input counts and in which direction; the bias `b` says how
/// easily the neuron fires. The sigmoid σ turns any `z` into a number between 0 and 1: about 0
/// for very negative `z`, exactly 1/2 at `z = 0`, about 1 for very positive `z`.
///
/// With two inputs, the points where `a = 1/2` are the points where `z = 0`: the straight line
/// `w₁x₁ + w₂x₂ + b = 0`, the neuron's *decision boundary*. Points on one side give `a > 1/2`,
/// points on the other `a < 1/2`. Learning (the rest of this course) means finding good `w`, `b`.
///
/// The lesson computes everything with `ch01.Activations` and `ch01.Neuron`: the reference
/// solutions by default, your own code from `exercises/ch01/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 1: a single neuron: z = w·x + b, a = σ(z).", this::lesson);
}

/// The lesson, one step after the other: each step prints a numbered section, and steps 3, 4,
/// 5, 7 and 8 each save a plot in `out/ch01/` (or `--out DIR`).
void lesson(Options options) {
    step1_weightedInput();
    step2_activation();
    step3_activationsCompared(options);
    step4_weightsSetTheSteepness(options);
    step5_biasShiftsTheCurve(options);
    step6_logicGates();
    step7_decisionBoundary(options);
    step8_scalingSharpens(options);
    whatsNext();
}

// The worked example of steps 1 and 2 (the same numbers as tests/ch01/NeuronTest.java).
static final double[] W = {0.8, 0.3, -0.5};
static final double B = 0.1;
static final double[] X = {0.5, -1.2, 2.0};

// The AND neuron of steps 6 to 8: a ≥ 1/2 only when x₁ + x₂ ≥ 1.5, that is for (1, 1).
static final double[] W_AND = {1.0, 1.0};
static final double B_AND = -1.5;
// The OR neuron of step 6: the same weights, a bias that one input alone overcomes.
static final double B_OR = -0.5;

// The window of the (x₁, x₂) plots in steps 7 and 8: wide enough to show the a = 0.1 and 0.9
// lines of the unscaled AND neuron.
static final double LO = -1.0;
static final double HI = 2.5;

// The colours of the two classes (a ≥ 1/2 and a < 1/2) in the plane plots (colour-blind safe).
static final Color CLASS_1 = new Color(0, 114, 178);
static final Color CLASS_0 = new Color(213, 94, 0);

/// 1. The weighted input: every product wᵢxᵢ, their sum w·x, then z = w·x + b, by hand and by
/// `Neuron.z`.
void step1_weightedInput() {
    Print.heading("1. The weighted input z = w·x + b");
    IO.println("   x = %s    w = %s    b = %.2f".formatted(Print.vector(X), Print.vector(W), B));
    double sum = 0;
    for (int i = 0; i < W.length; i++) {
        // wᵢxᵢ: how much input i pushes z up (positive) or down (negative)
        double product = W[i] * X[i];
        sum += product;
        Print.row("w%d·x%d = %5.2f × %5.2f".formatted(i + 1, i + 1, W[i], X[i]), product);
    }
    Print.row("w·x   = sum of the products", sum);
    Print.row("b     = the bias", B);
    Print.row("z = w·x + b", sum + B);
    double z = new Neuron(W, B).z(X);
    Print.row("Neuron.z(x)", z, sum + B);
}

/// 2. The activation a = σ(z) of the worked example, step by step, then `Activations.sigmoid`
/// and `Neuron.a`.
void step2_activation() {
    Print.heading("2. The activation a = σ(z) = 1 / (1 + e^(−z))");
    Neuron neuron = new Neuron(W, B);
    double z = neuron.z(X);
    // the three hand steps of σ(z): e^(−z), then 1 + e^(−z), then one over that
    double e = Math.exp(-z);
    double byHand = 1 / (1 + e);
    Print.row("z", z);
    Print.row("e^(−z)", e);
    Print.row("1 + e^(−z)", 1 + e);
    Print.row("a = 1 / (1 + e^(−z))", byHand);
    Print.row("Activations.sigmoid(z)", Activations.sigmoid(z), byHand);
    Print.row("Neuron.a(x)", neuron.a(X), byHand);
    IO.println("   z < 0, so a < 1/2: for this input the neuron is rather 'off'.");
}

/// 3. Step, sigmoid and ReLU side by side: a table for a few z, and a plot.
void step3_activationsCompared(Options options) {
    Print.heading("3. Three activations: step, sigmoid, ReLU");
    IO.println("   %6s   %8s   %8s   %8s".formatted("z", "step(z)", "σ(z)", "ReLU(z)"));
    for (double z : new double[] {-4, -2, -1, -0.5, 0, 0.5, 1, 2, 4}) {
        IO.println("   %6.1f   %8.4f   %8.4f   %8.4f".formatted(
                z, Activations.step(z), Activations.sigmoid(z), Activations.relu(z)));
    }
    IO.println("   step jumps from 0 to 1 at z = 0; σ makes the same move smoothly;");
    IO.println("   ReLU is 0 for z < 0 and z itself above: it is not squashed at all.");
    double[] z = Plots.range(-5, 5, 401);
    XYChart chart = Plots.lines("Activations: step, sigmoid and ReLU", "weighted input z", "activation a");
    Plots.line(chart, "ReLU(z) = max(0, z)", z, map(z, Activations::relu));
    Plots.line(chart, "σ(z) = 1 / (1 + e^(−z))", z, map(z, Activations::sigmoid));
    // the step needs only its corners: the last z below 0, and 0; dashed, to stay visible on ReLU
    double[] jump = {z[0], Math.nextDown(0.0), 0, z[z.length - 1]};
    Plots.line(chart, "step(z)", jump, map(jump, Activations::step)).setLineStyle(SeriesLines.DASH_DASH);
    // ReLU grows without bound: cut the axis at 2 so that the range 0…1 of the others stays readable
    chart.getStyler().setYAxisMin(-0.1).setYAxisMax(2.0);
    Plots.save(chart, options, "activations");
}

/// 4. The weight sets the steepness: σ(w·x) for several w. The transition 0.1 < a < 0.9 has
/// width 2·ln 9 / |w|, since σ(t) = 0.9 exactly when t = ln 9 (and σ(t) = 0.1 when t = −ln 9).
void step4_weightsSetTheSteepness(Options options) {
    Print.heading("4. The weight w sets the steepness of a = σ(w·x)");
    IO.println("   %6s   %12s   %12s   %22s"
            .formatted("w", "a at x = −1", "a at x = 1", "width of 0.1 < a < 0.9"));
    double[] x = Plots.range(-5, 5, 401);
    XYChart chart = Plots.lines("σ(w·x) for several weights w", "input x", "activation a = σ(w·x)");
    for (double w : new double[] {0.5, 1, 2, 5}) {
        Neuron neuron = new Neuron(input(w), 0);
        double width = 2 * Math.log(9) / Math.abs(w);
        IO.println("   %6.1f   %12.4f   %12.4f   %22.2f"
                .formatted(w, neuron.a(input(-1)), neuron.a(input(1)), width));
        Plots.line(chart, "w = %.1f".formatted(w), x, neuron.a(column(x)));
    }
    IO.println("   A larger |w| makes the switch from 0 to 1 sharper; at w = 5 it is almost a step.");
    IO.println("   A negative w flips the curve: at x = 1, w = −1 gives a = %.4f where w = 1 gives %.4f."
            .formatted(new Neuron(input(-1), 0).a(input(1)), new Neuron(input(1), 0).a(input(1))));
    Plots.save(chart, options, "sigmoid-weights");
}

/// 5. The bias shifts the curve: σ(w·x + b) for several b, with w fixed. The midpoint a = 1/2
/// is where w·x + b = 0, at x = −b/w.
void step5_biasShiftsTheCurve(Options options) {
    Print.heading("5. The bias b shifts the curve a = σ(w·x + b); the midpoint is at x = −b/w");
    double w = 2;
    double[] biases = {-4, -2, 0, 2, 4};
    IO.println("   w = %.1f".formatted(w));
    IO.println("   %6s   %16s   %18s".formatted("b", "midpoint −b/w", "a at the midpoint"));
    double[] x = Plots.range(-5, 5, 401);
    double[] midpoints = new double[biases.length];
    double[] halves = new double[biases.length];
    XYChart chart = Plots.lines("σ(w·x + b) for several biases b (w = %.0f)".formatted(w),
            "input x", "activation a = σ(w·x + b)");
    for (int i = 0; i < biases.length; i++) {
        Neuron neuron = new Neuron(input(w), biases[i]);
        // x = −b/w solves w·x + b = 0 (+ 0.0 turns the −0.0 of b = 0 into 0.0)
        midpoints[i] = -biases[i] / w + 0.0;
        halves[i] = neuron.a(input(midpoints[i]));
        IO.println("   %6.1f   %16.2f   %18.4f".formatted(biases[i], midpoints[i], halves[i]));
        Plots.line(chart, "b = %.0f".formatted(biases[i]), x, neuron.a(column(x)));
    }
    Plots.points(chart, "midpoints (−b/w, 1/2)", midpoints, halves).setMarkerColor(Color.BLACK);
    IO.println("   A larger b moves the curve to the left: the neuron fires for smaller inputs.");
    Plots.save(chart, options, "sigmoid-biases");
}

/// 6. Two inputs, two logic gates: the same weights w = (1, 1) with two biases give AND and OR,
/// when we read a ≥ 1/2 as 1 (true) and a < 1/2 as 0 (false).
void step6_logicGates() {
    Print.heading("6. Two inputs: a neuron as a logic gate (a ≥ 1/2 means 1, true)");
    Neuron and = new Neuron(W_AND, B_AND);
    Neuron or = new Neuron(W_AND, B_OR);
    IO.println("   AND: w = %s, b = %.1f     OR: w = %s, b = %.1f"
            .formatted(Print.vector(and.w()), and.b(), Print.vector(or.w()), or.b()));
    IO.println("   %4s %4s   %8s %8s %6s   %8s %8s %6s"
            .formatted("x1", "x2", "z AND", "a AND", "AND", "z OR", "a OR", "OR"));
    for (double[] x : corners()) {
        IO.println("   %4.0f %4.0f   %8.2f %8.4f %6d   %8.2f %8.4f %6d".formatted(x[0], x[1],
                and.z(x), and.a(x), bit(and.a(x)), or.z(x), or.a(x), bit(or.a(x))));
    }
    IO.println("   Only the bias differs: with b = %.1f both inputs must be on, with b = %.1f one is enough."
            .formatted(B_AND, B_OR));
    IO.println("   The answers are right but timid: AND(1, 1) gives only a = %.2f."
            .formatted(and.a(input(1, 1))));
}

/// 7. The decision boundary of the AND neuron: the line w·x + b = 0 where a = 1/2, random points
/// on both sides, and the lines a = 0.1 and a = 0.9 (where w·x + b = ln(a / (1 − a))).
void step7_decisionBoundary(Options options) {
    Print.heading("7. The decision boundary w·x + b = 0 (where a = 1/2)");
    Neuron and = new Neuron(W_AND, B_AND);
    IO.println("   AND neuron: %.1f·x1 + %.1f·x2 − %.1f = 0, that is x2 = %.1f − x1"
            .formatted(W_AND[0], W_AND[1], -B_AND, -B_AND / W_AND[1]));
    double[][] points = randomPoints(options.random(), 60);
    // one activation per row of the 60 × 2 batch
    double[] a = and.a(points);
    IO.println("   %7s %7s   %8s %8s   %s".formatted("x1", "x2", "z", "a", "side"));
    for (int j = 0; j < 6; j++) {
        IO.println("   %7.2f %7.2f   %8.4f %8.4f   %s".formatted(points[j][0], points[j][1],
                and.z(points[j]), a[j], bit(a[j]) == 1 ? "a ≥ 1/2 (class 1)" : "a < 1/2 (class 0)"));
    }
    long ones = Arrays.stream(a).filter(v -> bit(v) == 1).count();
    IO.println("   ... %d random points in all: %d on the side a ≥ 1/2, %d on the side a < 1/2."
            .formatted(a.length, ones, a.length - ones));
    XYChart chart = plane("Decision boundary of the AND neuron: w = (%.0f, %.0f), b = %.1f"
            .formatted(W_AND[0], W_AND[1], B_AND));
    addClasses(chart, points, a);
    for (double level : new double[] {0.1, 0.5, 0.9}) {
        drawLevel(chart, and, level, "a = %.1f".formatted(level));
        // check: a point halfway along the drawn line has z = ln(a / (1 − a)) and output a
        double[][] line = levelLine(and, level);
        double[] middle = {(line[0][0] + line[0][1]) / 2, (line[1][0] + line[1][1]) / 2};
        IO.println("   a = %.1f line: w·x + b = ln(a / (1 − a)) = %7.4f;   a at (%5.2f, %5.2f) = %.4f"
                .formatted(level, and.z(middle), middle[0], middle[1], and.a(middle)));
    }
    IO.println("   Between the lines a = 0.1 and a = 0.9 lies a wide band where the neuron is unsure.");
    Plots.save(chart, options, "decision-boundary");
}

/// 8. Scaling w and b by the same k > 0 keeps the boundary (k·z = 0 exactly when z = 0) but
/// multiplies z by k: the lines a = 0.1 and a = 0.9 move closer, to a distance 2·ln 9 / (k·|w|).
void step8_scalingSharpens(Options options) {
    Print.heading("8. Scaling w and b keeps the boundary but sharpens the transition");
    IO.println("   %5s   %14s %7s   %10s %10s   %26s"
            .formatted("k", "w", "b", "a(1, 1)", "a(0, 1)", "gap between a = 0.1 and 0.9"));
    XYChart chart = plane("Scaling w and b by k: same boundary, narrower band 0.1 < a < 0.9");
    Plots.points(chart, "the four inputs of AND", column(corners(), 0), column(corners(), 1))
            .setMarkerColor(Color.DARK_GRAY);
    drawLevel(chart, new Neuron(W_AND, B_AND), 0.5, "a = 0.5 (every k)");
    double[] scales = {1, 3, 10};
    // colours apart from the two class colours, so that here they only say which k
    Color[] colors = {new Color(204, 121, 167), new Color(230, 159, 0), new Color(0, 158, 115)};
    for (int s = 0; s < scales.length; s++) {
        double k = scales[s];
        Neuron neuron = new Neuron(input(k * W_AND[0], k * W_AND[1]), k * B_AND);
        double gap = 2 * Math.log(9) / (k * Math.hypot(W_AND[0], W_AND[1]));
        IO.println("   %5.0f   %14s %7.1f   %10.4f %10.4f   %26.3f".formatted(
                k, Print.vector(neuron.w()), neuron.b(), neuron.a(input(1, 1)), neuron.a(input(0, 1)), gap));
        // one legend entry per k: the a = 0.9 line has its own name but stays out of the legend
        drawLevel(chart, neuron, 0.1, "k = %.0f: a = 0.1 and 0.9".formatted(k)).setLineColor(colors[s]);
        XYSeries upper = drawLevel(chart, neuron, 0.9, "k = %.0f, a = 0.9".formatted(k));
        upper.setLineColor(colors[s]);
        upper.setShowInLegend(false);
    }
    IO.println("   With k = 10 the neuron answers AND(1, 1) with a ≈ 0.99: larger weights, surer outputs.");
    Plots.save(chart, options, "boundary-sharpening");
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch01/: Activations.step, sigmoid and relu,
                  then Neuron.z and the batch Neuron.a(X).
               2. Grade them:                          ./jbang grade ch01
               3. Run this chapter on your own code:   ./jbang ch01 --mine
               Then chapter 2 (./jbang ch02): the activation functions and their derivatives,
               which the neuron needs to learn w and b.""".indent(3));
}

/// 1 when the neuron says "true" (a ≥ 1/2), else 0.
int bit(double a) {
    return a >= 0.5 ? 1 : 0;
}

/// The numbers as one input vector: `input(1, 1)` is x = (1, 1).
double[] input(double... x) {
    return x;
}

/// f applied to every entry of x.
double[] map(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
        y[i] = f.applyAsDouble(x[i]);
    }
    return y;
}

/// The numbers x as a batch of one-input examples: an m × 1 array, one row per number.
double[][] column(double[] x) {
    double[][] X = new double[x.length][];
    for (int j = 0; j < x.length; j++) {
        X[j] = input(x[j]);
    }
    return X;
}

/// Column `c` of the m × n array X.
double[] column(double[][] X, int c) {
    double[] v = new double[X.length];
    for (int j = 0; j < X.length; j++) {
        v[j] = X[j][c];
    }
    return v;
}

/// The four inputs of a two-input logic gate, one per row (4 × 2).
double[][] corners() {
    return new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
}

/// m points drawn uniformly from the plotted window, one per row (m × 2).
double[][] randomPoints(Random random, int m) {
    double[][] points = new double[m][];
    for (int j = 0; j < m; j++) {
        points[j] = input(LO + (HI - LO) * random.nextDouble(), LO + (HI - LO) * random.nextDouble());
    }
    return points;
}

/// An empty chart of the (x₁, x₂) plane over the plotted window, with the legend outside.
XYChart plane(String title) {
    XYChart chart = Plots.lines(title, "input x1", "input x2");
    chart.getStyler().setXAxisMin(LO).setXAxisMax(HI).setYAxisMin(LO).setYAxisMax(HI)
            .setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
}

/// The points as two scatter series, split by the neuron's outputs `a`: class 1 (a ≥ 1/2) as
/// circles, class 0 (a < 1/2) as diamonds. An empty class is left out.
void addClasses(XYChart chart, double[][] points, double[] a) {
    for (int label : new int[] {1, 0}) {
        double[][] side = IntStream.range(0, a.length).filter(j -> bit(a[j]) == label)
                .mapToObj(j -> points[j]).toArray(double[][]::new);
        if (side.length > 0) {
            String name = label == 1 ? "a ≥ 1/2 (class 1)" : "a < 1/2 (class 0)";
            XYSeries series = Plots.points(chart, name, column(side, 0), column(side, 1));
            series.setMarkerColor(label == 1 ? CLASS_1 : CLASS_0);
            series.setMarker(label == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        }
    }
}

/// The part inside the plotted window of the line where the two-input `neuron` outputs `level`:
/// w₁x₁ + w₂x₂ + b = ln(level / (1 − level)), solved for x₂ (needs w₂ ≠ 0).
/// Returns its two end points as {{x₁ start, x₁ end}, {x₂ start, x₂ end}}.
double[][] levelLine(Neuron neuron, double level) {
    double[] w = neuron.w();
    // σ(z) = level exactly when z = ln(level / (1 − level)): the inverse of σ
    double z = Math.log(level / (1 - level));
    DoubleUnaryOperator x2 = x1 -> (z - neuron.b() - w[0] * x1) / w[1];
    double from = LO;
    double to = HI;
    if (w[0] != 0) {
        // the x₁ where the line crosses the bottom (x₂ = LO) and the top (x₂ = HI) of the window
        double bottom = (z - neuron.b() - w[1] * LO) / w[0];
        double top = (z - neuron.b() - w[1] * HI) / w[0];
        from = Math.max(LO, Math.min(bottom, top));
        to = Math.min(HI, Math.max(bottom, top));
    }
    return new double[][] {{from, to}, {x2.applyAsDouble(from), x2.applyAsDouble(to)}};
}

/// Draws the [#levelLine] of `neuron` at `level` as the series `name`: the boundary a = 1/2
/// solid black, any other level dashed, in the colour of the class on its side.
XYSeries drawLevel(XYChart chart, Neuron neuron, double level, String name) {
    double[][] line = levelLine(neuron, level);
    XYSeries series = Plots.line(chart, name, line[0], line[1]);
    series.setLineColor(level == 0.5 ? Color.BLACK : level < 0.5 ? CLASS_0 : CLASS_1);
    series.setLineStyle(level == 0.5 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    return series;
}

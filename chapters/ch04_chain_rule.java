///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java
//SOURCES ../solutions/ch04/*.java

import bp.*;
import ch04.ChainRule;
import ch04.Gradient;
import ch04.NumericalGradient;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/// # Chapter 4: the chain rule by hand
///
/// To learn, a neuron must know which way to move each weight. The cost of one example
///
///     z = w·x + b,    a = σ(z),    C = (a − y)²
///
/// is a chain of three simple functions, so its slope with respect to a weight is the product of
/// the slopes of the links (the chain rule):
///
///     ∂C/∂wᵢ = ∂C/∂a · ∂a/∂z · ∂z/∂wᵢ = 2(a − y) · σ'(z) · xᵢ,     σ'(z) = σ(z)(1 − σ(z))
///     ∂C/∂b  = ∂C/∂a · ∂a/∂z · ∂z/∂b  = 2(a − y) · σ'(z) · 1
///
/// The first two factors are shared: δ = ∂C/∂z = 2(a − y)·σ'(z) is computed once, then
/// ∂C/∂wᵢ = δ·xᵢ and ∂C/∂b = δ. That is backpropagation in miniature: a forward pass stores
/// z and a, a backward pass multiplies the local slopes from C back to every parameter.
///
/// A derivation can be wrong, so we check it against the definition of the derivative: the
/// centred difference (C(w + h·eᵢ) − C(w − h·eᵢ)) / 2h, compared by the relative error
/// |analytic − numeric| / max(1e-8, |analytic| + |numeric|). Below about 1e-7 the gradient is right.
///
/// The lesson computes with `ch04.ChainRule` and `ch04.NumericalGradient`: the reference
/// solutions by default, your own code from `exercises/ch04/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 4: the chain rule by hand: ∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w.", this::lesson);
}

/// The lesson, one step after the other: each step prints a numbered section, and steps 6 and
/// 7 each save a plot in `out/ch04/` (or `--out DIR`).
void lesson(Options options) {
    step1_forward();
    step2_chainRule();
    step3_graph();
    step4_gradientCheck(options);
    step5_batch(options);
    step6_stepSize(options);
    step7_tangent(options);
    whatsNext();
}

// The worked example of steps 1 to 4 and 7 (the same numbers as tests/ch04/ChainRuleTest.java):
// z = 0.5 − 0.6 + 0.1 = 0, so a = 1/2 and every factor is a simple fraction.
static final double[] W = {0.5, -0.3};
static final double B = 0.1;
static final double[] X = {1.0, 2.0};
static final double Y = 1.0;

// A less round example for step 6 (the second example of the tests): here a = σ(0.2) is not a
// short binary fraction, so the rounding errors of C are those of a typical cost.
static final double[] W2 = {0.8, -0.4, 0.3};
static final double B2 = -0.2;
static final double[] X2 = {1.5, 0.5, -2.0};
static final double Y2 = 0.0;

// Colour-blind safe colours (Okabe and Ito) for the series of steps 6 and 7.
static final Color BLUE = new Color(0, 114, 178);
static final Color ORANGE = new Color(230, 159, 0);
static final Color GREEN = new Color(0, 158, 115);
static final Color VERMILION = new Color(213, 94, 0);
static final Color PURPLE = new Color(204, 121, 167);

/// 1. The forward pass of the worked example: w·x, z, a and the cost C, by hand and by
/// `ChainRule.cost`.
void step1_forward() {
    Print.heading("1. The forward pass: z = w·x + b, a = σ(z), C = (a − y)²");
    IO.println("   x = %s    w = %s    b = %.2f    target y = %.0f"
            .formatted(Print.vector(X), Print.vector(W), B, Y));
    double z = z(W, B, X);
    double a = ChainRule.sigmoid(z);
    double cost = (a - Y) * (a - Y);
    Print.row("w·x = %.1f×%.1f + (%.1f)×%.1f".formatted(W[0], X[0], W[1], X[1]), z - B);
    Print.row("z = w·x + b", z);
    Print.row("a = σ(z)", a);
    Print.row("C = (a − y)²", cost);
    Print.row("ChainRule.cost(w, b, x, y)", ChainRule.cost(W, B, X, Y), cost);
    IO.println("   The neuron says %.2f where the target is %.0f: the cost is not 0, so w and b should move."
            .formatted(a, Y));
}

/// 2. The backward pass, one factor at a time: ∂C/∂a, ∂a/∂z, ∂z/∂w and ∂z/∂b, their products,
/// and the same numbers from `ChainRule.neuron`.
void step2_chainRule() {
    Print.heading("2. The chain rule, factor by factor");
    double z = z(W, B, X);
    double a = ChainRule.sigmoid(z);
    // the three local slopes of the chain z → a → C
    double dCda = 2 * (a - Y);
    double dadz = a * (1 - a);
    double delta = dCda * dadz;
    Print.row("∂C/∂a = 2(a − y)", dCda);
    Print.row("∂a/∂z = σ'(z) = a(1 − a)", dadz);
    Print.row("δ = ∂C/∂z = ∂C/∂a · ∂a/∂z", delta);
    Gradient gradient = ChainRule.neuron(W, B, X, Y);
    for (int i = 0; i < W.length; i++) {
        Print.row("∂z/∂w%d = x%d".formatted(i + 1, i + 1), X[i]);
        // dC/dw = dC/da · da/dz · dz/dw
        double byHand = dCda * dadz * X[i];
        Print.row("∂C/∂w%d = %.2f × %.2f × %.2f".formatted(i + 1, dCda, dadz, X[i]), byHand);
        Print.row("ChainRule.neuron: ∂C/∂w%d".formatted(i + 1), gradient.dw()[i], byHand);
    }
    Print.row("∂z/∂b = 1", 1);
    Print.row("∂C/∂b = %.2f × %.2f × 1".formatted(dCda, dadz), delta);
    Print.row("ChainRule.neuron: ∂C/∂b", gradient.db(), delta);
    IO.print("""
               Every slope is negative: raising w1, w2 or b raises z, raises a towards y = 1 and
               lowers C. w2 has the largest slope because its input x2 = 2 is the largest.""".indent(3));
}

/// 3. The computational graph: every node with its forward value (left to right) and the
/// gradient ∂C/∂node of the backward pass (right to left), each node's gradient its parent's
/// times the local slope.
void step3_graph() {
    Print.heading("3. The computational graph: forward values and backward gradients");
    IO.println("""
               x1, w1 ─┐
                       ├─ w·x ─┐
               x2, w2 ─┘       ├─ z = w·x + b ── a = σ(z) ── C = (a − y)²
                           b ──┘""".indent(3));
    double z = z(W, B, X);
    double a = ChainRule.sigmoid(z);
    double dCda = 2 * (a - Y);
    double delta = dCda * a * (1 - a);
    Gradient gradient = ChainRule.neuron(W, B, X, Y);
    IO.println("   %-5s %-14s %9s   %-20s %9s"
            .formatted("node", "forward", "value", "backward ∂C/∂node", "value"));
    graphRow("C", "(a − y)²", (a - Y) * (a - Y), "1 (the start)", 1);
    graphRow("a", "σ(z)", a, "∂C/∂a = 2(a − y)", dCda);
    graphRow("z", "w·x + b", z, "∂C/∂a · σ'(z)", delta);
    graphRow("w·x", "w1x1 + w2x2", z - B, "∂C/∂z · 1", delta);
    graphRow("b", "parameter", B, "∂C/∂z · 1", gradient.db());
    for (int i = 0; i < W.length; i++) {
        graphRow("w" + (i + 1), "parameter", W[i], "∂C/∂(w·x) · x" + (i + 1), gradient.dw()[i]);
    }
    for (int i = 0; i < X.length; i++) {
        // the inputs get a gradient too: in a deeper network it flows on to the layer below
        graphRow("x" + (i + 1), "input", X[i], "∂C/∂(w·x) · w" + (i + 1), delta * W[i]);
    }
    IO.print("""
               Read the backward column from the top: each node's gradient is the one above it times
               the local slope. The gradients of w and b come from ChainRule.neuron; the inputs' ∂C/∂x
               is not needed to learn w and b, but it is what a layer below would receive.""".indent(3));
}

/// One row of the graph table of step 3.
void graphRow(String node, String forward, double value, String backward, double gradient) {
    IO.println("   %-5s %-14s %9.4f   %-20s %9.4f".formatted(node, forward, value, backward, gradient));
}

/// 4. The gradient check of the worked example: the analytic gradient against the exercise's
/// centred difference (`NumericalGradient.centred`: the reference solution, or yours with `--mine`)
/// and the library's (`bp.GradCheck`), with relative errors from `NumericalGradient.relativeError`.
void step4_gradientCheck(Options options) {
    Print.heading("4. Checking the chain rule against centred differences (h = 1e-5)");
    Gradient gradient = ChainRule.neuron(W, B, X, Y);
    double[] analytic = parameters(gradient.dw(), gradient.db());
    // the cost as a function of the parameter vector p = (w1, w2, b)
    ToDoubleFunction<double[]> cost = p -> ChainRule.cost(Arrays.copyOf(p, W.length), p[W.length], X, Y);
    double[] p = parameters(W, B);
    double[] centred = NumericalGradient.centred(cost, p, GradCheck.H);
    double[] library = GradCheck.numericGradient(cost, p);
    IO.println("   %-9s %12s %16s %16s %14s"
            .formatted("", "chain rule", options.mine() ? "centred (yours)" : "centred", "bp.GradCheck", "rel. error"));
    String[] names = {"∂C/∂w1", "∂C/∂w2", "∂C/∂b"};
    for (int i = 0; i < analytic.length; i++) {
        IO.println("   %-9s %12.8f %16.8f %16.8f %14.1e".formatted(names[i], analytic[i], centred[i],
                library[i], NumericalGradient.relativeError(analytic[i], centred[i])));
    }
    IO.println("   largest relative error: %.1e (GradCheck.maxRelError against its own difference: %.1e)"
            .formatted(maxRelativeError(analytic, centred), GradCheck.maxRelError(analytic, library)));
    IO.println("   p = (w1, w2, b) after the check: %s (the probes put every entry back)"
            .formatted(Print.vector(p)));
    IO.println(maxRelativeError(analytic, centred) < GradCheck.TOLERANCE
            ? "   Below 1e-7: the derivation and the code agree to about ten digits."
            : "   Above 1e-7: the chain rule and the centred difference disagree; ./jbang grade ch04 says where.");
}

/// 5. A batch: the mean cost (1/m) Σⱼ (aⱼ − yⱼ)² of m random examples has the mean of their
/// gradients as its gradient; `ChainRule.neuron(w, b, X, y)` against the rows one by one and
/// against the centred difference.
void step5_batch(Options options) {
    Print.heading("5. A batch of examples: the gradient of the mean cost is the mean gradient");
    Random random = options.random();
    int m = 5;
    double[][] batch = new double[m][];
    double[] y = new double[m];
    IO.println("   %-3s %-16s %4s %9s %10s %12s %12s"
            .formatted("j", "x", "y", "a", "δ = ∂C/∂z", "∂C/∂w1", "∂C/∂w2"));
    double[] mean = new double[W.length + 1];
    for (int j = 0; j < m; j++) {
        batch[j] = new double[] {round(2 * random.nextGaussian()), round(2 * random.nextGaussian())};
        y[j] = random.nextInt(2);
        Gradient g = ChainRule.neuron(W, B, batch[j], y[j]);
        IO.println("   %-3d %-16s %4.0f %9.4f %10.4f %12.4f %12.4f".formatted(j + 1, Print.vector(batch[j]),
                y[j], ChainRule.sigmoid(z(W, B, batch[j])), g.db(), g.dw()[0], g.dw()[1]));
        for (int i = 0; i < mean.length; i++) {
            mean[i] += parameters(g.dw(), g.db())[i] / m;
        }
    }
    Gradient gradient = ChainRule.neuron(W, B, batch, y);
    Print.row("mean of the rows: ∂C/∂w1", mean[0]);
    Print.row("ChainRule.neuron(X): ∂C/∂w1", gradient.dw()[0], mean[0]);
    Print.row("mean of the rows: ∂C/∂b", mean[2]);
    Print.row("ChainRule.neuron(X): ∂C/∂b", gradient.db(), mean[2]);
    ToDoubleFunction<double[]> cost = p -> ChainRule.cost(Arrays.copyOf(p, W.length), p[W.length], batch, y);
    double[] numeric = NumericalGradient.centred(cost, parameters(W, B), GradCheck.H);
    IO.println("   largest relative error against the centred difference: %.1e"
            .formatted(maxRelativeError(parameters(gradient.dw(), gradient.db()), numeric)));
    IO.println("   Without the 1/m the gradient would grow with the batch size, and so would every step.");
}

/// 6. How small should h be? The relative error of the centred and the forward difference of
/// ∂C/∂w1 (the example W2, B2, X2, Y2) for h from 1e-1 down to 1e-13, on log-log axes.
void step6_stepSize(Options options) {
    Print.heading("6. The step h: truncation error against round-off");
    IO.println("   w = %s, b = %.1f, x = %s, y = %.0f; the derivative ∂C/∂w1 for each h"
            .formatted(Print.vector(W2), B2, Print.vector(X2), Y2));
    double analytic = ChainRule.neuron(W2, B2, X2, Y2).dw()[0];
    DoubleUnaryOperator cost = w1 -> ChainRule.cost(new double[] {w1, W2[1], W2[2]}, B2, X2, Y2);
    // 4 steps per decade with --quick, 10 without: h = 10^(−k/perDecade)
    int perDecade = options.quick() ? 4 : 10;
    int count = 12 * perDecade + 1;
    double[] h = new double[count];
    double[] centredError = new double[count];
    double[] forwardError = new double[count];
    IO.println("   %10s %22s %22s".formatted("h", "centred: rel. error", "forward: rel. error"));
    for (int k = 0; k < count; k++) {
        h[k] = Math.pow(10, -1 - (double) k / perDecade);
        double[] w = {W2[0]};
        double centred = NumericalGradient.centred(v -> cost.applyAsDouble(v[0]), w, h[k])[0];
        // the forward difference, for comparison: (C(w + h) − C(w)) / h
        double forward = (cost.applyAsDouble(W2[0] + h[k]) - cost.applyAsDouble(W2[0])) / h[k];
        // a relative error of exactly 0 (a lucky h) has no place on a log axis: show it as 1e-17
        centredError[k] = Math.max(1e-17, NumericalGradient.relativeError(analytic, centred));
        forwardError[k] = Math.max(1e-17, NumericalGradient.relativeError(analytic, forward));
        if (k % perDecade == 0) {
            IO.println("   %10.0e %22.1e %22.1e".formatted(h[k], centredError[k], forwardError[k]));
        }
    }
    // a bug for comparison: σ'(a) = σ(a)(1 − σ(a)) in place of σ'(z) = a(1 − a)
    double a = ChainRule.sigmoid(z(W2, B2, X2));
    double buggy = 2 * (a - Y2) * ChainRule.sigmoid(a) * (1 - ChainRule.sigmoid(a)) * X2[0];
    double bugError = NumericalGradient.relativeError(buggy, analytic);
    IO.println("   A wrong ∂C/∂w1, with σ'(a) in place of σ'(z), has a relative error of %.1e at every h."
            .formatted(bugError));
    IO.print("""
               Going down from h = 0.1 the truncation error shrinks like h² (centred: 100 times per
               decade) or h (forward: 10 times per decade). Below h ≈ 1e-5 (centred) or 1e-8 (forward)
               round-off takes over: C is known to about ε ≈ 1e-16, and dividing by h magnifies that
               to ~ε/h. The best h is near ε^(1/3) ≈ 1e-5 for the centred difference, which then
               reaches ~1e-11; trust a gradient whose relative error is below 1e-7 (smooth functions
               in double); between 1e-7 and 1e-2 look for a bug (or a kink, like ReLU's at 0); above
               1e-2 it is wrong.""".indent(3));
    stepSizePlot(options, h, centredError, forwardError, bugError);
}

/// The log-log plot of step 6, with the threshold 1e-7 and, for scale, the relative error
/// `bugError` of a typical bug: σ' taken at a instead of z.
void stepSizePlot(Options options, double[] h, double[] centredError, double[] forwardError, double bugError) {
    XYChart chart = Plots.lines("Gradient check: relative error of ∂C/∂w1 against the step h",
            "step h (log scale)", "relative error (log scale)");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
            .setYAxisMin(1e-13).setYAxisMax(1.0).setXAxisMin(1e-13).setXAxisMax(0.1)
            .setLegendPosition(Styler.LegendPosition.InsideSW);
    // one label per decade, without the grid of the minor log ticks
    chart.getStyler().setXAxisDecimalPattern("0E0").setYAxisDecimalPattern("0E0")
            .setPlotGridLinesVisible(false);
    Plots.line(chart, "centred (C(w+h) − C(w−h)) / 2h: error ~h² then ~ε/h", h, centredError)
            .setLineColor(BLUE);
    Plots.line(chart, "forward (C(w+h) − C(w)) / h: error ~h then ~ε/h", h, forwardError)
            .setLineColor(ORANGE);
    double[] ends = {h[h.length - 1], h[0]};
    XYSeries trust = Plots.line(chart, "trust threshold 1e-7", ends, new double[] {1e-7, 1e-7});
    trust.setLineColor(Color.DARK_GRAY).setLineStyle(SeriesLines.DASH_DASH);
    trust.setLineWidth(1.5f);
    XYSeries bug = Plots.line(chart, "a wrong gradient (σ' at a instead of z)", ends,
            new double[] {bugError, bugError});
    bug.setLineColor(VERMILION).setLineStyle(SeriesLines.DASH_DOT);
    Plots.save(chart, options, "relative-error-vs-h");
}

/// 7. The meaning of ∂C/∂w1: the slope of the cost curve C(w1) at the current w1 (the other
/// parameters fixed), drawn as the tangent, next to the centred and the forward secant with a
/// large h = 1: the lines whose slopes the two differences compute in place of the tangent's.
void step7_tangent(Options options) {
    Print.heading("7. The derivative is the slope of the tangent");
    double slope = ChainRule.neuron(W, B, X, Y).dw()[0];
    DoubleUnaryOperator cost = w1 -> ChainRule.cost(new double[] {w1, W[1]}, B, X, Y);
    double w1 = W[0];
    double c = cost.applyAsDouble(w1);
    double h = 1.0;
    double centred = (cost.applyAsDouble(w1 + h) - cost.applyAsDouble(w1 - h)) / (2 * h);
    double forward = (cost.applyAsDouble(w1 + h) - c) / h;
    Print.row("C at w1 = %.1f".formatted(w1), c);
    Print.row("tangent slope ∂C/∂w1", slope);
    Print.row("centred secant slope, h = 1", centred);
    Print.row("forward secant slope, h = 1", forward);
    IO.println("   Even with h = 1 the centred secant (through w1 ± h) is nearly parallel to the tangent;");
    IO.println("   the forward one (through w1 and w1 + h) is not.");
    double[] w = Plots.range(-3, 4, options.quick() ? 71 : 281);
    XYChart chart = Plots.lines(
            "The cost C(w1) and its tangent at w1 = %.1f (slope ∂C/∂w1 = %.2f)".formatted(w1, slope),
            "weight w1 (w2 = %.1f, b = %.1f, x = (1, 2), y = 1)".formatted(W[1], B), "cost C = (a − y)²");
    chart.getStyler().setYAxisMin(-0.1).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.line(chart, "cost C(w1)", w, map(w, cost)).setLineColor(Color.BLACK);
    double[] span = {-3, 4};
    tangentLine(chart, "tangent, slope %.3f (chain rule)".formatted(slope), span, w1, c, slope,
            SeriesLines.SOLID).setLineColor(BLUE);
    // the centred secant runs through the two outer probes (w1 ± h), the forward one through w1 and w1 + h
    tangentLine(chart, "centred secant, slope %.3f (h = 1)".formatted(centred), span, w1 - h,
            cost.applyAsDouble(w1 - h), centred, SeriesLines.DASH_DASH).setLineColor(VERMILION);
    tangentLine(chart, "forward secant, slope %.3f (h = 1)".formatted(forward), span, w1, c, forward,
            SeriesLines.DOT_DOT).setLineColor(GREEN);
    double[] probes = {w1 - h, w1, w1 + h};
    Plots.points(chart, "probes w1 − h, w1, w1 + h", probes, map(probes, cost)).setMarkerColor(Color.DARK_GRAY);
    Plots.save(chart, options, "cost-tangent");
}

/// Draws the straight line through the point (w1, c) with the given slope over `span`, in the line
/// style `style`.
XYSeries tangentLine(XYChart chart, String name, double[] span, double w1, double c, double slope,
        BasicStroke style) {
    double[] line = {c + slope * (span[0] - w1), c + slope * (span[1] - w1)};
    XYSeries series = Plots.line(chart, name, span, line);
    series.setLineStyle(style);
    return series;
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch04/: ChainRule.neuron for one example and for a
                  batch, NumericalGradient.centred and NumericalGradient.relativeError.
               2. Grade them:                          ./jbang grade ch04
               3. Run this chapter on your own code:   ./jbang ch04 --mine
               Then chapter 5 (./jbang ch05): with ∂C/∂w and ∂C/∂b in hand, gradient descent moves
               w and b a small step against the gradient, again and again, and the neuron learns.""".indent(3));
}

/// The weighted input z = w·x + b, written out for the printed arithmetic (the exercises
/// compute it inside `ChainRule`).
double z(double[] w, double b, double[] x) {
    double z = b;
    for (int i = 0; i < w.length; i++) {
        z += w[i] * x[i];
    }
    return z;
}

/// The parameters (or their gradients) as one vector (w₁, …, wₙ, b), length n + 1.
double[] parameters(double[] w, double b) {
    double[] p = Arrays.copyOf(w, w.length + 1);
    p[w.length] = b;
    return p;
}

/// The largest `NumericalGradient.relativeError` over the entries of two vectors of equal length.
double maxRelativeError(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
        max = Math.max(max, NumericalGradient.relativeError(a[i], b[i]));
    }
    return max;
}

/// x rounded to one decimal, so that the printed batch shows the numbers it computes with.
double round(double x) {
    return Math.round(10 * x) / 10.0;
}

/// f applied to every entry of x.
double[] map(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
        y[i] = f.applyAsDouble(x[i]);
    }
    return y;
}

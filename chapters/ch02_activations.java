///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch02/*.java

import bp.*;
import ch02.*;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 2: activation functions and their derivatives
///
/// A neuron computes `z = w·x + b`, then its activation `a = f(z)`. Learning (chapter 4 on)
/// sends a gradient backwards through every neuron, and on its way through `f` the gradient is
/// multiplied by the slope `f'(z)`. So each activation comes with its derivative, worked out
/// from its formula:
///
///     sigmoid     a = σ(z) = 1 / (1 + e^(−z))            σ'(z) = σ(z)(1 − σ(z))  = a(1 − a)
///     tanh        a = (e^z − e^(−z)) / (e^z + e^(−z))    tanh'(z) = 1 − tanh²(z) = 1 − a²
///     ReLU        a = max(0, z)                          1 for z > 0, 0 for z ≤ 0 (ReLU'(0) = 0 by choice)
///     leaky ReLU  a = z for z > 0, αz for z ≤ 0          1 for z > 0, α for z ≤ 0
///
/// The slope is taken at z (the right-hand column shows it can be written with a = f(z), which
/// the forward pass has already computed, but it is the slope *at z*).
///
/// **Saturation.** σ'(z) is at most 1/4 (at z = 0) and falls like e^(−|z|): σ'(10) ≈ 4.5e-5.
/// A neuron with a large |z| passes almost no gradient back, and through L sigmoid layers the
/// gradient shrinks by a factor of at most (1/4)^L: the seed of the vanishing gradients of deep
/// networks. ReLU's slope is 1 for every z > 0.
///
/// **Softmax.** K scores z turn into K probabilities `p_k = e^(z_k) / Σ_j e^(z_j)`. Only the
/// differences of the scores matter, so subtracting `m = max_j z_j` changes nothing but keeps
/// every e^(z_k − m) ≤ 1: the naive formula overflows (e^1000 = ∞, ∞/∞ = NaN), the stable one does
/// not. Its derivative is a K × K Jacobian, `∂p_i/∂z_j = p_i(δ_ij − p_j)`.
///
/// The lesson computes everything with the classes of package `ch02`: the reference solutions by
/// default, your own code from `exercises/ch02/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 2: activation functions, their derivatives, a stable softmax.", this::lesson);
}

/// The lesson, one step after the other: each step prints a numbered section; steps 3, 5, 7
/// and 8 save plots in `out/ch02/` (or `--out DIR`).
void lesson(Options options) {
    step1_sigmoidByHand();
    step2_otherDerivativesByHand();
    step3_functionsAndDerivatives(options);
    step4_gradientCheck(options);
    step5_saturation(options);
    step6_softmaxByHand();
    step7_stableSoftmax(options);
    step8_softmaxCurves(options);
    step9_softmaxJacobian();
    whatsNext();
}

// The four activations of the lesson (the leaky ReLU with its default slope α = 0.01).
static final List<Activation> ACTIVATIONS = List.of(new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU());

// Colour-blind safe colours: the function, its derivative, and the centred differences.
static final Color VALUE = new Color(0, 114, 178);
static final Color SLOPE = new Color(213, 94, 0);
static final Color NUMERIC = Color.BLACK;

/// 1. The sigmoid at z = 1, step by step, and its slope: differentiating 1 / (1 + e^(−z)) gives
/// e^(−z) / (1 + e^(−z))², which is σ(z) · e^(−z) / (1 + e^(−z)) = σ(z)(1 − σ(z)).
void step1_sigmoidByHand() {
    Print.heading("1. The sigmoid and its derivative σ'(z) = σ(z)(1 − σ(z)), at z = 1");
    Sigmoid sigmoid = new Sigmoid();
    double z = 1;
    double e = Math.exp(-z);
    double a = 1 / (1 + e);
    Print.row("e^(−z)", e);
    Print.row("a = σ(z) = 1 / (1 + e^(−z))", a);
    Print.row("Sigmoid.value(1)", sigmoid.value(z), a);
    // dσ/dz = e^(−z) / (1 + e^(−z))², the quotient rule on 1 / (1 + e^(−z))
    Print.row("e^(−z) / (1 + e^(−z))²", e / ((1 + e) * (1 + e)));
    Print.row("a(1 − a)", a * (1 - a));
    Print.row("Sigmoid.prime(1)", sigmoid.prime(z), a * (1 - a));
    IO.println("   prime takes z: Sigmoid.prime(a) = σ'(%.4f) = %.4f is the slope at the wrong place."
            .formatted(a, sigmoid.prime(a)));
}

/// 2. tanh, ReLU and leaky ReLU: each derivative from its formula, by hand, next to the classes.
void step2_otherDerivativesByHand() {
    Print.heading("2. The derivatives of tanh, ReLU and leaky ReLU, by hand");
    Tanh tanh = new Tanh();
    double ez = Math.exp(1);
    double t = (ez - 1 / ez) / (ez + 1 / ez);
    Print.row("(e − 1/e) / (e + 1/e)", t);
    Print.row("Tanh.value(1)", tanh.value(1), t);
    Print.row("tanh'(1) = 1 − tanh²(1)", 1 - t * t);
    Print.row("Tanh.prime(1)", tanh.prime(1), 1 - t * t);
    IO.println("   (not 1 − z² = 0: the square is of tanh(z), not of z)");
    ReLU relu = new ReLU();
    LeakyReLU leaky = new LeakyReLU();
    Print.row("ReLU(−0.5) = max(0, −0.5)", relu.value(-0.5), 0);
    Print.row("ReLU'(−0.5), slope of 0", relu.prime(-0.5), 0);
    Print.row("ReLU'(2), slope of z", relu.prime(2), 1);
    Print.row("ReLU'(0), by convention", relu.prime(0), 0);
    Print.row("LeakyReLU(−0.5) = 0.01 × −0.5", leaky.value(-0.5), 0.01 * -0.5);
    Print.row("LeakyReLU'(−0.5) = α", leaky.prime(-0.5), 0.01);
    printTable(new double[] {-3, -1, -0.5, 0, 0.5, 1, 3});
}

/// 3. Every activation with its derivative, one chart each; the dots are centred differences
/// (f(z + h) − f(z − h)) / 2h of the function's values, which must sit on the derivative.
void step3_functionsAndDerivatives(Options options) {
    Print.heading("3. Plots: each function with its derivative");
    int n = options.quick() ? 201 : 601;
    // the leaky ReLU's default α = 0.01 would be invisible on the plot: show α = 0.1 instead
    plotWithDerivative(options, new Sigmoid(), "σ(z) = 1 / (1 + e^(−z))", "σ'(z) = σ(z)(1 − σ(z))",
            -6, 6, n, "sigmoid");
    plotWithDerivative(options, new Tanh(), "tanh(z)", "tanh'(z) = 1 − tanh²(z)", -4, 4, n, "tanh");
    plotWithDerivative(options, new ReLU(), "ReLU(z) = max(0, z)", "ReLU'(z): 1 for z > 0, 0 for z ≤ 0",
            -3, 3, n, "relu");
    plotWithDerivative(options, new LeakyReLU(0.1), "z for z > 0, αz for z ≤ 0",
            "slope: 1 for z > 0, α for z ≤ 0", -3, 3, n, "leaky-relu");
    IO.println("   σ and tanh are smooth S-curves with bell-shaped slopes;");
    IO.println("   ReLU's slope jumps from 0 to 1 at z = 0, the leaky ReLU's from α to 1.");
}

/// 4. The gradient check: each derivative against the centred difference of its function at
/// random points (away from the kink at 0), with the relative error |a − n| / (|a| + |n|).
void step4_gradientCheck(Options options) {
    Print.heading("4. Gradient check: f'(z) against (f(z + h) − f(z − h)) / 2h, h = 1e-5");
    Random random = options.random();
    int points = options.quick() ? 2 : 4;
    IO.println("   %-22s %8s   %14s %14s   %10s"
            .formatted("activation", "z", "f'(z)", "centred diff", "rel. error"));
    for (Activation f : ACTIVATIONS) {
        double worst = 0;
        for (int i = 0; i < points; i++) {
            // uniform in ±[0.1, 4], so that z ± h never straddles the kink of ReLU at 0
            double z = (random.nextBoolean() ? 1 : -1) * (0.1 + 3.9 * random.nextDouble());
            double numeric = GradCheck.numericGradient(v -> f.value(v[0]), new double[] {z})[0];
            double analytic = f.prime(z);
            double error = GradCheck.relError(analytic, numeric);
            worst = Math.max(worst, error);
            IO.println("   %-22s %8.4f   %14.10f %14.10f   %10.1e"
                    .formatted(f.name(), z, analytic, numeric, error));
        }
        String verdict = worst < GradCheck.TOLERANCE ? "✓ below 1e-7, the derivative is right"
                : "✗ above 1e-7, check prime";
        IO.println("   %-22s largest relative error %.1e: %s".formatted("", worst, verdict));
    }
}

/// 5. Saturation: σ'(z) is at most 1/4 and vanishes for large |z|. Through L sigmoid layers the
/// gradient is multiplied by L such slopes, at most (1/4)^L.
void step5_saturation(Options options) {
    Print.heading("5. Saturation: σ'(z) ≤ 1/4, and σ'(z) → 0 as |z| grows");
    Sigmoid sigmoid = new Sigmoid();
    Tanh tanh = new Tanh();
    double[] zs = {0, 2, 5, 10};
    double[] slopes = new double[zs.length];
    IO.println("   %5s   %10s   %12s   %12s   %12s".formatted("z", "σ(z)", "σ'(z)", "e^(−|z|)", "tanh'(z)"));
    for (int i = 0; i < zs.length; i++) {
        slopes[i] = sigmoid.prime(zs[i]);
        IO.println("   %5.0f   %10.6f   %12.4g   %12.4g   %12.4g"
                .formatted(zs[i], sigmoid.value(zs[i]), slopes[i], Math.exp(-zs[i]), tanh.prime(zs[i])));
    }
    IO.println("   For large |z|, σ'(z) ≈ e^(−|z|): a saturated neuron passes almost no gradient back.");
    IO.println("   Through L sigmoid layers the gradient shrinks by at most (1/4)^L:");
    for (int L : new int[] {1, 2, 5, 10}) {
        IO.println("      L = %2d:   (1/4)^L = %.3g".formatted(L, Math.pow(0.25, L)));
    }
    plotSaturation(options, zs, slopes);
}

/// 6. The softmax of z = (1, 2, 3) by hand: subtract the maximum, exponentiate, divide by the
/// sum; then `Softmax.of`.
void step6_softmaxByHand() {
    Print.heading("6. Softmax p_k = e^(z_k − m) / Σ_j e^(z_j − m), with m = max_j z_j");
    double[] z = {1, 2, 3};
    double m = Math.max(z[0], Math.max(z[1], z[2]));
    double[] e = map(z, zk -> Math.exp(zk - m));
    double sum = e[0] + e[1] + e[2];
    IO.println("   z = %s   m = max z = %.0f".formatted(Print.vector(z), m));
    double[] p = Softmax.of(z);
    for (int k = 0; k < z.length; k++) {
        Print.row("e^(z%d − m) = e^(%.0f)".formatted(k + 1, z[k] - m), e[k]);
    }
    Print.row("Σ_j e^(z_j − m)", sum);
    for (int k = 0; k < z.length; k++) {
        Print.row("p%d = Softmax.of(z)[%d]".formatted(k + 1, k), p[k], e[k] / sum);
    }
    Print.row("Σ_k p_k", p[0] + p[1] + p[2], 1);
    double[] shifted = Softmax.of(new double[] {101, 102, 103});
    IO.println("   Softmax.of(101, 102, 103) = %s: adding 100 to every score changes nothing."
            .formatted(vector4(shifted)));
}

/// 7. The naive softmax overflows on large scores, the stable one does not.
void step7_stableSoftmax(Options options) {
    Print.heading("7. Naive e^(z_k) / Σ e^(z_j) against the stable softmax on large scores");
    double[][] cases = {{1000, 1001, 1002}, {1000, 1000}, {-1000, -1000}, {-1000, 0, 1000}};
    IO.println("   %-22s   %-30s   %s".formatted("z", "Softmax.naive(z)", "Softmax.of(z)"));
    for (double[] z : cases) {
        String scores = vector4(z).replace(".0000", "");
        IO.println("   %-22s   %-30s   %s"
                .formatted(scores, vector4(Softmax.naive(z)), vector4(Softmax.of(z))));
    }
    IO.println("   e^1000 = %s and ∞/∞ = NaN; e^(−1000) = %s and 0/0 = NaN."
            .formatted(Math.exp(1000), Math.exp(-1000)));
    IO.println("   After subtracting the maximum the largest term is e^0 = 1: no overflow, and a sum ≥ 1.");
    // the naive sum e^c (1 + e + e²) of the scores (c, c + 1, c + 2) overflows past ln(MAX_VALUE)
    double breaks = Math.log(Double.MAX_VALUE) - Math.log(1 + Math.E + Math.E * Math.E);
    IO.println("   For z = (c, c + 1, c + 2) the naive sum overflows once c > %.2f; the stable one never."
            .formatted(breaks));
    plotNaiveAgainstStable(options, breaks);
}

/// 8. How the probabilities move as one score changes: z = (z₁, 0, 1) with z₁ from −6 to 6.
void step8_softmaxCurves(Options options) {
    Print.heading("8. Softmax probabilities as the score z1 varies, z = (z1, 0, 1)");
    IO.println("   %6s   %8s %8s %8s   %8s".formatted("z1", "p1", "p2", "p3", "sum"));
    for (double z1 : new double[] {-4, -1, 0, 1, 4}) {
        double[] p = Softmax.of(new double[] {z1, 0, 1});
        IO.println("   %6.1f   %8.4f %8.4f %8.4f   %8.4f"
                .formatted(z1, p[0], p[1], p[2], p[0] + p[1] + p[2]));
    }
    IO.println("   Raising z1 raises p1 and lowers the others; p2 / p3 = e^(0 − 1) stays %.4f throughout."
            .formatted(Math.exp(-1)));
    // 121 points, a step of 0.1: smooth enough, and XChart then puts its ticks at whole numbers
    double[] z1 = Plots.range(-6, 6, 121);
    XYChart chart = Plots.lines("Softmax of z = (z1, 0, 1): probabilities as z1 varies",
            "score z1", "probability p_k");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideE);
    String[] names = {"p1 (score z1)", "p2 (score 0)", "p3 (score 1)"};
    Color[] colors = {VALUE, SLOPE, new Color(0, 158, 115)};
    for (int k = 0; k < 3; k++) {
        int kk = k;
        double[] p = map(z1, v -> Softmax.of(new double[] {v, 0, 1})[kk]);
        Plots.line(chart, names[k], z1, p).setLineColor(colors[k]);
    }
    Plots.save(chart, options, "softmax-curves");
}

/// 9. The softmax Jacobian J[i][j] = ∂p_i/∂z_j = p_i(δ_ij − p_j) at z = (1, 2, 3): its rows
/// against centred differences of `Softmax.of`, and its columns summing to 0.
void step9_softmaxJacobian() {
    Print.heading("9. The softmax Jacobian ∂p_i/∂z_j = p_i(δ_ij − p_j) at z = (1, 2, 3)");
    double[] z = {1, 2, 3};
    double[][] J = Softmax.jacobian(z);
    double[] columnSums = new double[z.length];
    for (int i = 0; i < z.length; i++) {
        int ii = i;
        double[] numeric = GradCheck.numericGradient(v -> Softmax.of(v)[ii], z.clone());
        IO.println("   row %d: %s   centred differences %s   rel. error %.1e".formatted(i + 1, vector4(J[i]),
                vector4(numeric), GradCheck.maxRelError(J[i], numeric)));
        for (int j = 0; j < z.length; j++) {
            columnSums[j] += J[i][j];
        }
    }
    IO.println("   column sums %s: Σ_i p_i = 1 for every z, so it does not change."
            .formatted(vector4(columnSums)));
    IO.println("   The diagonal p_i(1 − p_i) is the sigmoid's a(1 − a) again:");
    IO.println("   the softmax of two scores is a sigmoid, p1 = σ(z1 − z2).");
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch02/: value and prime of Sigmoid, Tanh, ReLU and
                  LeakyReLU, then Softmax.of (stable) and Softmax.jacobian.
               2. Grade them:                          ./jbang grade ch02
               3. Run this chapter on your own code:   ./jbang ch02 --mine
               Then chapter 3 (./jbang ch03): cost functions, which say how wrong an output a is, and
               their gradients, which start the backward pass these slopes continue.""".indent(3));
}

/// The plot of step 5: σ'(z) and tanh'(z) over [−10, 10], the line σ' = 1/4, and the points
/// (zs, slopes) where step 5 printed σ'.
void plotSaturation(Options options, double[] zs, double[] slopes) {
    Sigmoid sigmoid = new Sigmoid();
    Tanh tanh = new Tanh();
    double[] z = Plots.range(-10, 10, options.quick() ? 201 : 801);
    XYChart chart = Plots.lines("Saturation: σ'(z) ≤ 1/4, and both slopes vanish for large |z|",
            "weighted input z", "slope f'(z)");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
    Plots.line(chart, "tanh'(z) = 1 − tanh²(z), at most 1", z, map(z, tanh::prime)).setLineColor(VALUE);
    Plots.line(chart, "σ'(z) = σ(z)(1 − σ(z))", z, map(z, sigmoid::prime)).setLineColor(SLOPE);
    XYSeries max = Plots.line(chart, "σ'(0) = 1/4, the largest σ' can be", new double[] {-10, 10},
            new double[] {0.25, 0.25});
    max.setLineColor(Color.GRAY);
    max.setLineStyle(SeriesLines.DASH_DASH);
    max.setLineWidth(1.5f);
    String values = "σ'(0, 2, 5, 10) = %.2f, %.3f, %.4f, %.1e"
            .formatted(slopes[0], slopes[1], slopes[2], slopes[3]);
    Plots.points(chart, values, zs, slopes).setMarkerColor(NUMERIC);
    Plots.save(chart, options, "saturation");
}

/// The plot of step 7: p₁, p₂, p₃ of z = (c, c + 1, c + 2) as the shift c goes from 0 to 1000,
/// stable as lines, naive as dots where it still gives probabilities that sum to 1.
void plotNaiveAgainstStable(Options options, double breaks) {
    double[] c = Plots.range(0, 1000, options.quick() ? 101 : 401);
    XYChart chart = Plots.lines("Softmax of (c, c + 1, c + 2): naive breaks at c ≈ 707, stable never",
            "shift c of every score", "probability p_k");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.InsideNE);
    Color[] colors = {VALUE, SLOPE, new Color(0, 158, 115)};
    for (int k = 0; k < 3; k++) {
        int kk = k;
        double[] stable = map(c, ck -> Softmax.of(new double[] {ck, ck + 1, ck + 2})[kk]);
        Plots.line(chart, "p%d, stable".formatted(k + 1), c, stable).setLineColor(colors[k]);
    }
    for (int k = 0; k < 3; k++) {
        int kk = k;
        // a naive result counts only while it is a distribution: finite and summing to 1 (every 25th c)
        double[][] naive = finitePoints(Plots.range(0, 1000, 41), ck -> {
            double[] p = Softmax.naive(new double[] {ck, ck + 1, ck + 2});
            return Math.abs(p[0] + p[1] + p[2] - 1) < 1e-9 ? p[kk] : Double.NaN;
        });
        String name = k == 0 ? "naive (no result past c = %.1f)".formatted(breaks)
                : "naive p%d".formatted(k + 1);
        XYSeries points = Plots.points(chart, name, naive[0], naive[1]);
        points.setMarkerColor(NUMERIC);
        points.setMarker(SeriesMarkers.DIAMOND);
        points.setShowInLegend(k == 0);
    }
    XYSeries limit = Plots.line(chart, "e^(c + 2) + … overflows", new double[] {breaks, breaks},
            new double[] {0, 1});
    limit.setLineColor(Color.GRAY);
    limit.setLineStyle(SeriesLines.DASH_DASH);
    Plots.save(chart, options, "softmax-overflow");
}

/// Draws `f` and its derivative over [lo, hi] with `n` points, with the legend entries
/// `valueLabel` and `primeLabel`, plus 12 centred differences of f.value as dots (none at the
/// kink z = 0), and saves the chart as `<file>.png`.
void plotWithDerivative(Options options, Activation f, String valueLabel, String primeLabel,
        double lo, double hi, int n, String file) {
    // the grid plus the points just left and right of 0, so that a jump at the kink is drawn vertical
    double[] z = DoubleStream.concat(DoubleStream.of(Plots.range(lo, hi, n)), DoubleStream.of(-1e-12, 1e-12))
            .sorted().toArray();
    XYChart chart = Plots.lines("The %s and its derivative".formatted(f.name()), "weighted input z",
            "a = f(z) and slope f'(z)");
    Plots.line(chart, valueLabel, z, map(z, f::value)).setLineColor(VALUE);
    XYSeries slope = Plots.line(chart, primeLabel, z, map(z, f::prime));
    slope.setLineColor(SLOPE);
    slope.setLineStyle(SeriesLines.DASH_DASH);
    double[] probes = new double[12];
    for (int i = 0; i < probes.length; i++) {
        probes[i] = lo + (hi - lo) * (i + 0.5) / probes.length;
    }
    double[] numeric = map(probes, p -> GradCheck.numericGradient(v -> f.value(v[0]), new double[] {p})[0]);
    Plots.points(chart, "(f(z + h) − f(z − h)) / 2h", probes, numeric).setMarkerColor(NUMERIC);
    Plots.save(chart, options, file);
}

/// The table of step 2: f(z) and f'(z) of every activation, one row per z.
void printTable(double[] zs) {
    StringBuilder names = new StringBuilder("%n   %6s   ".formatted("z"));
    StringBuilder columns = new StringBuilder("   %6s  ".formatted(""));
    for (Activation f : ACTIVATIONS) {
        names.append("%-19s".formatted(f.name().replace(" (α = 0.01)", ", α=0.01")));
        columns.append(" %8s %8s ".formatted("f(z)", "f'(z)"));
    }
    IO.println(names.toString().stripTrailing());
    IO.println(columns.toString().stripTrailing());
    for (double z : zs) {
        StringBuilder row = new StringBuilder("   %6.1f  ".formatted(z));
        for (Activation f : ACTIVATIONS) {
            row.append(" %8.4f %8.4f ".formatted(f.value(z), f.prime(z)));
        }
        IO.println(row.toString().stripTrailing());
    }
}

/// The points (x, f(x)) where f(x) is a number, as {xs, ys}: NaN values are left out.
double[][] finitePoints(double[] x, DoubleUnaryOperator f) {
    List<double[]> kept = new ArrayList<>();
    for (double xi : x) {
        double y = f.applyAsDouble(xi);
        if (Double.isFinite(y)) {
            kept.add(new double[] {xi, y});
        }
    }
    double[][] xy = new double[2][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
        xy[0][i] = kept.get(i)[0];
        xy[1][i] = kept.get(i)[1];
    }
    return xy;
}

/// A vector with four decimals: "(0.0900, 0.2447, 0.6652)".
String vector4(double[] v) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
        text.append(i > 0 ? ", " : "").append("%.4f".formatted(v[i] + 0.0));
    }
    return text.append(")").toString();
}

/// f applied to every entry of x.
double[] map(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
        y[i] = f.applyAsDouble(x[i]);
    }
    return y;
}

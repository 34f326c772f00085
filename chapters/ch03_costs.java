///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java

import bp.*;
import ch02.Sigmoid;
import ch02.Softmax;
import ch03.BinaryCrossEntropy;
import ch03.Cost;
import ch03.CrossEntropy;
import ch03.MeanAbsoluteError;
import ch03.MeanSquaredError;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 3: cost functions
///
/// A network's output `a` is a guess and the target `y` is the answer. A *cost* turns how wrong
/// a batch of N guesses is into one number C; learning means making C small. Backpropagation
/// starts from the cost's gradient ∂C/∂a: which way, and how hard, each output should move.
/// Every cost here is the mean over the N examples (as in PyTorch), so every gradient has a 1/N:
///
///     mean squared error     C = (1/N) Σ (a − y)²                        ∂C/∂a = 2(a − y)/N
///     mean absolute error    C = (1/N) Σ |a − y|                         ∂C/∂a = sign(a − y)/N
///     binary cross-entropy   C = −(1/N) Σ [y ln a + (1 − y) ln(1 − a)]   ∂C/∂a = (a − y)/(a(1 − a)N)
///     cross-entropy          C = −(1/N) Σ_n Σ_k y_nk ln p_nk             ∂C/∂p = −y/(pN)
///
/// The last one is for K classes: p_n = softmax(z_n) are the predicted probabilities of example
/// n, and y_n is one-hot (1 for the right class, 0 elsewhere).
///
/// Two cancellations make cross-entropy the cost of classification. After a sigmoid,
/// a = σ(z) and σ'(z) = a(1 − a), so ∂C/∂z = ∂C/∂a · σ'(z) = (a − y)/N: the σ'(z) that is tiny
/// for a saturated neuron cancels, and a confidently wrong neuron still learns fast, where the
/// squared error keeps the σ'(z) and crawls. After a softmax, the chain rule through its
/// Jacobian gives the same simple form, ∂C/∂z = (p − y)/N.
///
/// The lesson computes everything with the `ch03` classes: the reference solutions by default,
/// your own code from `exercises/ch03/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 3: cost functions and their gradients ∂C/∂a.", this::lesson);
}

/// The lesson, one step after the other: each step prints a numbered section, and steps 3, 4,
/// 5, 7 and 8 save plots in `out/ch03/` (or `--out DIR`).
void lesson(Options options) {
    step1_costsOfABatch();
    step2_gradientsOfABatch();
    step3_costCurves(options);
    step4_gradientCurves(options);
    step5_maeKink(options);
    step6_softmaxCrossEntropy(options);
    step7_softmaxCrossEntropyCurve(options);
    step8_learningSlowdown(options);
    whatsNext();
}

// The worked batch of steps 1 and 2 (the same numbers as tests/ch03): N = 4 predictions of a
// yes/no question, two right-ish (0.9 for yes, 0.2 for no), two less so.
static final double[] A = {0.9, 0.2, 0.7, 0.4};
static final double[] Y = {1, 0, 1, 0};

// The three costs with one output per example, and their colours in every plot (Okabe and Ito,
// colour-blind safe).
static final List<Cost> COSTS =
        List.of(new MeanSquaredError(), new MeanAbsoluteError(), new BinaryCrossEntropy());
static final Color BLUE = new Color(0, 114, 178);
static final Color ORANGE = new Color(230, 159, 0);
static final Color VERMILION = new Color(213, 94, 0);
static final Color GREEN = new Color(0, 158, 115);
static final Color[] COLORS = {BLUE, ORANGE, VERMILION};

// The learning-slowdown neuron of step 8 (Nielsen, chapter 3): one input x = 1 with target
// y = 0, started saturated at w = b = 2 (z = 4, a = σ(4) ≈ 0.98), learning rate η, epochs.
static final double X_SLOW = 1;
static final double Y_SLOW = 0;
static final double W_START = 2;
static final double B_START = 2;
static final double ETA = 0.15;
static final int EPOCHS = 300;

/// 1. The costs of the worked batch: each example's loss by hand, their mean, and the value of
/// each cost class.
void step1_costsOfABatch() {
    Print.heading("1. Four predictions, four targets: the cost is the mean of the losses");
    IO.println("   %5s %5s %8s %10s %9s %28s".formatted("a", "y", "a − y", "(a − y)²", "|a − y|",
            "−[y ln a + (1 − y) ln(1 − a)]"));
    double[] squared = new double[A.length];
    double[] absolute = new double[A.length];
    double[] logLoss = new double[A.length];
    for (int n = 0; n < A.length; n++) {
        double e = A[n] - Y[n];
        squared[n] = e * e;
        absolute[n] = Math.abs(e);
        // for y = 1 only −ln a counts, for y = 0 only −ln(1 − a)
        logLoss[n] = -(Y[n] * Math.log(A[n]) + (1 - Y[n]) * Math.log(1 - A[n]));
        IO.println("   %5.2f %5.0f %8.2f %10.4f %9.4f %28.4f"
                .formatted(A[n], Y[n], e, squared[n], absolute[n], logLoss[n]));
    }
    double[] byHand = {mean(squared), mean(absolute), mean(logLoss)};
    String[] columns = {"(a − y)²", "|a − y|", "−[y ln a + (1 − y) ln(1 − a)]"};
    for (int c = 0; c < COSTS.size(); c++) {
        Cost cost = COSTS.get(c);
        IO.println("   %s = mean of %s".formatted(cost.name(), columns[c]));
        Print.row("  by hand", byHand[c]);
        Print.row("  " + cost.getClass().getSimpleName() + ".value", cost.value(A, Y), byHand[c]);
    }
    IO.println("   The example a = 0.40 for y = 0 is the most wrong, and every cost charges it most.");
}

/// 2. The gradients of the worked batch: by hand, by each cost class, and by centred
/// differences of the class's value, with the relative error of `bp.GradCheck`.
void step2_gradientsOfABatch() {
    Print.heading("2. The gradients ∂C/∂a of the batch (N = 4): by hand, by the classes, numerically");
    String[] formulas = {"2(a − y)/N", "sign(a − y)/N", "(a − y)/(a(1 − a)N)"};
    double N = A.length;
    IntToDoubleFunction[] byHand = {n -> 2 * (A[n] - Y[n]) / N, n -> Math.signum(A[n] - Y[n]) / N,
        n -> (A[n] - Y[n]) / (A[n] * (1 - A[n]) * N)};
    for (int c = 0; c < COSTS.size(); c++) {
        Cost cost = COSTS.get(c);
        double[] hand = new double[A.length];
        for (int n = 0; n < A.length; n++) {
            hand[n] = byHand[c].applyAsDouble(n);
        }
        double[] gradient = cost.gradient(A, Y);
        double[] numeric = GradCheck.numericGradient(a -> cost.value(a, Y), A.clone());
        IO.println("   %s: ∂C/∂a = %s".formatted(cost.name(), formulas[c]));
        IO.println("      %-22s %s".formatted("by hand", vector(hand)));
        IO.println("      %-22s %s   %s".formatted(cost.getClass().getSimpleName(), vector(gradient),
                same(gradient, hand)));
        IO.println("      %-22s %s   largest relative error %.1e"
                .formatted("centred differences", vector(numeric), GradCheck.maxRelError(gradient, numeric)));
    }
    IO.print("""
               The 1/N is in every entry: each example gets a quarter of the push. The signs say which way
               to go: positive means a is too large. MAE pushes every example equally hard, MSE twice the
               error, BCE hardest where a(1 − a) is small: on confident predictions.""".indent(3));
}

/// 3. One prediction a against the target y = 1: how each cost grows as a goes wrong, in a
/// table and a plot.
void step3_costCurves(Options options) {
    Print.heading("3. The cost of one prediction a when the target is y = 1");
    IO.println("   %6s %12s %12s %12s".formatted("a", "MSE", "MAE", "BCE"));
    for (double a : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
        IO.println("   %6.2f %12.4f %12.4f %12.4f".formatted(a, costOfOne(COSTS.get(0), a, 1),
                costOfOne(COSTS.get(1), a, 1), costOfOne(COSTS.get(2), a, 1)));
    }
    IO.print("""
               Right answers (a near 1) cost little under all three. Wrong answers cost at most 1 under
               MSE and MAE, but −ln a under BCE: 4.6 at a = 0.01, and without bound as a → 0.""".indent(3));
    double[] a = predictions();
    XYChart chart = Plots.lines("The cost of one prediction a, target y = 1", "prediction a", "cost C");
    for (int c = 0; c < COSTS.size(); c++) {
        Cost cost = COSTS.get(c);
        Plots.line(chart, label(cost), a, map(a, v -> costOfOne(cost, v, 1))).setLineColor(COLORS[c]);
    }
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(3.0).setXAxisMin(0.0).setXAxisMax(1.0)
            .setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.save(chart, options, "costs");
}

/// 4. The slopes ∂C/∂a of step 3's curves, for y = 1: what backpropagation starts from.
void step4_gradientCurves(Options options) {
    Print.heading("4. The gradient ∂C/∂a of one prediction a when the target is y = 1");
    IO.println("   %6s %12s %12s %12s".formatted("a", "MSE 2(a − 1)", "MAE sign", "BCE −1/a"));
    for (double a : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
        IO.println("   %6.2f %12.4f %12.4f %12.4f".formatted(a, slopeOfOne(COSTS.get(0), a, 1),
                slopeOfOne(COSTS.get(1), a, 1), slopeOfOne(COSTS.get(2), a, 1)));
    }
    IO.print("""
               All three are negative (raise a towards 1). MSE's push shrinks as a gets close, MAE's
               stays at −1 until a = y, BCE's −1/a grows without bound the more confidently wrong a is.
               """.indent(3));
    double[] a = predictions();
    XYChart chart = Plots.lines("The gradient ∂C/∂a of one prediction, target y = 1", "prediction a",
            "gradient ∂C/∂a");
    for (int c = 0; c < COSTS.size(); c++) {
        Cost cost = COSTS.get(c);
        Plots.line(chart, "∂/∂a " + label(cost), a, map(a, v -> slopeOfOne(cost, v, 1)))
                .setLineColor(COLORS[c]);
    }
    // −1/a falls to −500 at a = 0.002: cut the axis so that the other two stay readable
    chart.getStyler().setYAxisMin(-6.0).setYAxisMax(0.5).setXAxisMin(0.0).setXAxisMax(1.0)
            .setLegendPosition(Styler.LegendPosition.InsideSE);
    Plots.save(chart, options, "cost-gradients");
}

/// 5. MAE's kink at a = y: the one-sided slopes −1 and +1, the subgradient 0 that
/// `MeanAbsoluteError.gradient` returns there, and why a centred difference across a kink lies.
void step5_maeKink(Options options) {
    Print.heading("5. The kink of |a − y| at a = y = 0.5: a subgradient (steps h = 2⁻¹⁶ ≈ 1.5e-5)");
    IO.println("   slopes of C = |a − y| by differences, and ∂C/∂a from MeanAbsoluteError.gradient:");
    double y = 0.5;
    // a power of two near GradCheck.H, so that y ± h and every difference below are exact
    double h = 0x1p-16;
    Cost mae = COSTS.get(1);
    Print.row("slope from the left", (costOfOne(mae, y, y) - costOfOne(mae, y - h, y)) / h);
    Print.row("slope from the right", (costOfOne(mae, y + h, y) - costOfOne(mae, y, y)) / h);
    Print.row("centred difference at a = y", (costOfOne(mae, y + h, y) - costOfOne(mae, y - h, y)) / (2 * h));
    Print.row("MeanAbsoluteError at a = y", slopeOfOne(mae, y, y), 0);
    double off = y + h / 2;
    Print.row("centred difference at y + h/2",
            (costOfOne(mae, off + h, y) - costOfOne(mae, off - h, y)) / (2 * h));
    Print.row("MeanAbsoluteError at y + h/2", slopeOfOne(mae, off, y), 1);
    IO.print("""
               At a = y there is no derivative: the slope jumps from −1 to +1. Every line through the
               kink with a slope in [−1, 1] stays below |a − y|: each is a subgradient, and we take the
               middle one, 0 (a prediction that is exactly right is left alone). A centred difference
               whose probes straddle the kink averages the two sides (0.5 above): gradient checks stay
               away from kinks.
               """.indent(3));
    XYChart chart = Plots.lines("The kink of MAE at a = y = 0.5 and its subgradients", "prediction a",
            "cost C and slope ∂C/∂a");
    double[] a = Plots.range(0, 1, 201);
    Plots.line(chart, "C = |a − 0.5|", a, map(a, v -> costOfOne(mae, v, y))).setLineColor(ORANGE);
    double[] left = Plots.range(0, y - 1e-9, 2);
    double[] right = Plots.range(y + 1e-9, 1, 2);
    Plots.line(chart, "∂C/∂a = sign(a − 0.5)", left, map(left, v -> slopeOfOne(mae, v, y)))
            .setLineColor(BLUE);
    Plots.line(chart, "∂C/∂a right of the kink", right, map(right, v -> slopeOfOne(mae, v, y)))
            .setLineColor(BLUE).setShowInLegend(false);
    Plots.points(chart, "∂C/∂a at the kink: the subgradient 0", new double[] {y},
            new double[] {slopeOfOne(mae, y, y)}).setMarkerColor(BLUE).setMarker(SeriesMarkers.DIAMOND);
    double[] ends = {0, 1};
    for (double s : new double[] {-0.6, 0.3}) {
        // the first line's name stands for both in the legend
        String name = s < 0 ? "s·(a − 0.5), s in [−1, 1]: below C" : "s = %.1f".formatted(s);
        XYSeries line = Plots.line(chart, name, ends, map(ends, v -> s * (v - y)));
        line.setLineColor(Color.GRAY).setLineStyle(SeriesLines.DASH_DASH).setLineWidth(1.5f);
        line.setShowInLegend(s < 0);
    }
    chart.getStyler().setYAxisMin(-1.2).setYAxisMax(1.2).setLegendPosition(Styler.LegendPosition.InsideNW);
    Plots.save(chart, options, "mae-kink");
}

/// 6. Softmax and cross-entropy: ∂C/∂z three ways on one example (the chain rule through the
/// softmax Jacobian, the simplified p − y, centred differences), then on a seeded random batch.
void step6_softmaxCrossEntropy(Options options) {
    Print.heading("6. Softmax followed by cross-entropy: ∂C/∂z = (p − y)/N");
    IO.print("""
               One example (N = 1), K = 3 classes, scores z, target class 0, p = softmax(z):
                  ∂C/∂p_i = −y_i / p_i                    (CrossEntropy.gradient)
                  ∂p_i/∂z_k = p_i (δ_ik − p_k)             (the softmax Jacobian, chapter 2)
                  ∂C/∂z_k = Σ_i −(y_i / p_i) p_i (δ_ik − p_k) = −y_k + p_k Σ_i y_i = p_k − y_k""".indent(3));
    double[][] z = {{2.0, 1.0, 0.1}};
    double[][] y = {{1, 0, 0}};
    double[][] p = {Softmax.of(z[0])};
    IO.println("   %-34s %s".formatted("scores z", vector(z[0])));
    IO.println("   %-34s %s".formatted("target y (class 0)", vector(y[0])));
    IO.println("   %-34s %s".formatted("p = Softmax.of(z)", vector(p[0])));
    Print.row("C = −ln p_0", -Math.log(p[0][0]));
    Print.row("CrossEntropy.value(p, y)", CrossEntropy.value(p, y), -Math.log(p[0][0]));
    double[] dP = CrossEntropy.gradient(p, y)[0];
    double[] chain = chainThroughSoftmax(z[0], dP);
    double[] simple = CrossEntropy.softmaxGradient(z, y)[0];
    double[] numeric = GradCheck.numericGradient(v -> CrossEntropy.value(new double[][] {Softmax.of(v)}, y),
            z[0].clone());
    IO.println("   %-34s %s".formatted("∂C/∂p = −y/p", vector(dP)));
    IO.println("   %-34s %s".formatted("∂C/∂z by the chain rule, J^T ∂C/∂p", vector(chain)));
    IO.println("   %-34s %s   relative error %.1e".formatted("CrossEntropy.softmaxGradient", vector(simple),
            GradCheck.maxRelError(simple, chain)));
    IO.println("   %-34s %s   relative error %.1e".formatted("centred differences", vector(numeric),
            GradCheck.maxRelError(simple, numeric)));
    batchCheck(options.random());
}

/// Step 6 on a seeded random batch: `CrossEntropy.softmaxGradient` against the chain rule (row
/// by row, with the 1/N of `CrossEntropy.gradient`) and against centred differences.
void batchCheck(Random random) {
    int N = 8;
    int K = 5;
    double[][] z = new double[N][K];
    double[][] y = new double[N][K];
    for (int n = 0; n < N; n++) {
        for (int k = 0; k < K; k++) {
            z[n][k] = 2 * random.nextGaussian();
        }
        y[n][random.nextInt(K)] = 1;
    }
    double[][] p = Arrays.stream(z).map(Softmax::of).toArray(double[][]::new);
    double[][] dP = CrossEntropy.gradient(p, y);
    double[][] dZ = CrossEntropy.softmaxGradient(z, y);
    double chainError = 0;
    double numericError = 0;
    for (int n = 0; n < N; n++) {
        int row = n;
        chainError = Math.max(chainError, GradCheck.maxRelError(dZ[n], chainThroughSoftmax(z[n], dP[n])));
        // move the scores of example n only; the other rows stay as they are
        double[] numeric = GradCheck.numericGradient(
                v -> CrossEntropy.value(replaceRow(p, row, Softmax.of(v)), y), z[n].clone());
        numericError = Math.max(numericError, GradCheck.maxRelError(dZ[n], numeric));
    }
    IO.println("   A random batch (seeded), N = %d, K = %d: CrossEntropy.softmaxGradient compared with"
            .formatted(N, K));
    IO.println("      the chain rule, row by row:   largest relative error %8.1e".formatted(chainError));
    IO.println("      centred differences:          largest relative error %8.1e   (below 1e-7: the same)"
            .formatted(numericError));
    IO.print("""
               Three ways, one answer. The p − y form divides by nothing: it cannot blow up, every entry
               lies in [−1/N, 1/N], while ∂C/∂p = −y/(pN) grows without bound as p → 0.""".indent(3));
}

/// 7. The cost and ∂C/∂z as the right class's score z₀ moves, the others fixed: C falls like a
/// ramp, and its slope p₀ − 1 never exceeds 1 in size.
void step7_softmaxCrossEntropyCurve(Options options) {
    Print.heading("7. Cross-entropy of softmax(z) as the right class's score z0 moves");
    double[] z0 = Plots.range(-4, 8, 241);
    double[] cost = new double[z0.length];
    double[] dZ0 = new double[z0.length];
    double[] dZ1 = new double[z0.length];
    double[][] y = {{1, 0, 0}};
    IO.println("   %6s %10s %10s %10s %10s".formatted("z0", "p0", "C", "∂C/∂z0", "∂C/∂z1"));
    for (int i = 0; i < z0.length; i++) {
        double[][] z = {{z0[i], 1.0, 0.1}};
        cost[i] = CrossEntropy.value(new double[][] {Softmax.of(z[0])}, y);
        double[] dZ = CrossEntropy.softmaxGradient(z, y)[0];
        dZ0[i] = dZ[0];
        dZ1[i] = dZ[1];
        if (i % 40 == 0) {
            IO.println("   %6.1f %10.4f %10.4f %10.4f %10.4f"
                    .formatted(z0[i], Softmax.of(z[0])[0], cost[i], dZ0[i], dZ1[i]));
        }
    }
    IO.print("""
               A wrong answer (z0 small) costs about −z0, a straight ramp, and gets the full push
               ∂C/∂z0 ≈ −1; a right one costs almost 0 and gets almost no push.""".indent(3));
    XYChart chart = Plots.lines("Softmax + cross-entropy as z0 moves (z1 = 1, z2 = 0.1, target class 0)",
            "score z0 of the right class", "cost C and gradient ∂C/∂z");
    Plots.line(chart, "C = −ln p0", z0, cost).setLineColor(VERMILION);
    Plots.line(chart, "∂C/∂z0 = p0 − 1", z0, dZ0).setLineColor(BLUE);
    Plots.line(chart, "∂C/∂z1 = p1", z0, dZ1).setLineColor(GREEN).setLineStyle(SeriesLines.DASH_DASH);
    chart.getStyler().setYAxisMin(-1.2).setYAxisMax(5.5).setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.save(chart, options, "softmax-cross-entropy");
}

/// 8. The learning slowdown: the saturated neuron trained with MSE and with BCE, the same η.
/// The gradient of the start, then cost and output per epoch, printed and plotted.
void step8_learningSlowdown(Options options) {
    Print.heading("8. Learning slowdown: a saturated sigmoid neuron, MSE against cross-entropy");
    Sigmoid sigma = new Sigmoid();
    double z = W_START * X_SLOW + B_START;
    double a = sigma.value(z);
    IO.println("   x = %.0f, y = %.0f, start w = %.0f, b = %.0f: z = %.0f, a = σ(z) = %.4f, σ'(z) = %.4f"
            .formatted(X_SLOW, Y_SLOW, W_START, B_START, z, a, sigma.prime(z)));
    IO.println("   %-22s %10s %10s %16s".formatted("", "∂C/∂a", "σ'(z)", "∂C/∂w = ∂C/∂b"));
    for (Cost cost : List.of(COSTS.get(0), COSTS.get(2))) {
        double dCda = slopeOfOne(cost, a, Y_SLOW);
        // dC/dw = dC/da · da/dz · dz/dw
        IO.println("   %-22s %10.4f %10.4f %16.4f".formatted(cost.name(), dCda, sigma.prime(z),
                dCda * sigma.prime(z) * X_SLOW));
    }
    IO.println("   MSE's gradient carries the factor σ'(z) ≈ %.2f. Cross-entropy's ∂C/∂a = 1/(1 − a) is large"
            .formatted(sigma.prime(z)));
    IO.println("   exactly where σ'(z) is small: the two cancel, and ∂C/∂z = a − y.");
    double[][] mse = train(COSTS.get(0));
    double[][] bce = train(COSTS.get(2));
    IO.println("   Gradient descent with the same learning rate η = %.2f for both:".formatted(ETA));
    IO.println("   %6s %12s %12s %12s %12s".formatted("epoch", "MSE cost", "MSE a", "BCE cost", "BCE a"));
    for (int epoch : new int[] {0, 10, 50, 100, 150, 200, EPOCHS}) {
        IO.println("   %6d %12.4f %12.4f %12.4f %12.4f".formatted(epoch, mse[0][epoch], mse[1][epoch],
                bce[0][epoch], bce[1][epoch]));
    }
    IO.println("   after 50 epochs: MSE cost %.2f (a = %.2f), cross-entropy cost %.2f (a = %.2f)"
            .formatted(mse[0][50], mse[1][50], bce[0][50], bce[1][50]));
    plotSlowdown(options, mse, bce);
}

/// Gradient descent on the neuron of step 8 with `cost`: w ← w − η ∂C/∂w, b ← b − η ∂C/∂b.
/// Returns {cost per epoch, output a per epoch}, each of length EPOCHS + 1 (before each epoch's
/// step, and after the last).
double[][] train(Cost cost) {
    Sigmoid sigma = new Sigmoid();
    double w = W_START;
    double b = B_START;
    double[][] history = new double[2][EPOCHS + 1];
    for (int epoch = 0; epoch <= EPOCHS; epoch++) {
        double z = w * X_SLOW + b;
        double a = sigma.value(z);
        history[0][epoch] = costOfOne(cost, a, Y_SLOW);
        history[1][epoch] = a;
        // δ = ∂C/∂z = ∂C/∂a · σ'(z), then ∂C/∂w = δ·x and ∂C/∂b = δ
        double delta = slopeOfOne(cost, a, Y_SLOW) * sigma.prime(z);
        w -= ETA * delta * X_SLOW;
        b -= ETA * delta;
    }
    return history;
}

/// The two plots of step 8: cost against epoch, and the output a against epoch.
void plotSlowdown(Options options, double[][] mse, double[][] bce) {
    double[] epochs = Plots.range(0, EPOCHS, EPOCHS + 1);
    String setting = " (x = 1, y = 0, start w = b = 2, η = %.2f)".formatted(ETA);
    XYChart costs = Plots.lines("Cost per epoch" + setting, "epoch", "cost C");
    Plots.line(costs, "mean squared error (a − y)²", epochs, mse[0]).setLineColor(BLUE);
    Plots.line(costs, "cross-entropy −ln(1 − a)", epochs, bce[0]).setLineColor(VERMILION);
    costs.getStyler().setXAxisMax((double) EPOCHS).setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.save(costs, options, "slowdown-cost");
    XYChart outputs = Plots.lines("The neuron's output per epoch" + setting, "epoch", "output a = σ(wx + b)");
    Plots.line(outputs, "trained with mean squared error", epochs, mse[1]).setLineColor(BLUE);
    Plots.line(outputs, "trained with cross-entropy", epochs, bce[1]).setLineColor(VERMILION);
    Plots.line(outputs, "the target y = 0", new double[] {0, EPOCHS}, new double[] {Y_SLOW, Y_SLOW})
            .setLineColor(Color.GRAY).setLineStyle(SeriesLines.DASH_DASH).setLineWidth(1.5f);
    outputs.getStyler().setYAxisMin(-0.05).setYAxisMax(1.05).setXAxisMax((double) EPOCHS)
            .setLegendPosition(Styler.LegendPosition.InsideNE);
    Plots.save(outputs, options, "slowdown-output");
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.print("""
               1. Write the exercises in exercises/ch03/: MeanSquaredError, MeanAbsoluteError and
                  BinaryCrossEntropy (value and gradient each), then CrossEntropy.value, gradient and
                  softmaxGradient.
               2. Grade them:                          ./jbang grade ch03
               3. Run this chapter on your own code:   ./jbang ch03 --mine
               Then chapter 4 (./jbang ch04): the chain rule by hand, from ∂C/∂a back to every weight.
               """.indent(3));
}

/// The predictions a of the plots of steps 3 and 4: a = σ(z) for 400 evenly spaced z from −6.2 to
/// 6.2, so a runs from 0.002 to 0.998, densest near 0 and 1 where the curves bend most.
double[] predictions() {
    Sigmoid sigma = new Sigmoid();
    return map(Plots.range(-6.2, 6.2, 400), sigma::value);
}

/// The cost of a single prediction a with target y (a batch of N = 1).
double costOfOne(Cost cost, double a, double y) {
    return cost.value(new double[] {a}, new double[] {y});
}

/// ∂C/∂a of a single prediction a with target y (a batch of N = 1).
double slopeOfOne(Cost cost, double a, double y) {
    return cost.gradient(new double[] {a}, new double[] {y})[0];
}

/// ∂C/∂z = J^T ∂C/∂p for p = softmax(z): entry k is Σ_i ∂C/∂p_i · ∂p_i/∂z_k, with the Jacobian
/// J[i][k] = ∂p_i/∂z_k of `ch02.Softmax.jacobian` (K × K). `z` and `dP` have length K.
double[] chainThroughSoftmax(double[] z, double[] dP) {
    double[][] J = Softmax.jacobian(z);
    double[] dZ = new double[z.length];
    for (int k = 0; k < z.length; k++) {
        for (int i = 0; i < z.length; i++) {
            dZ[k] += dP[i] * J[i][k];
        }
    }
    return dZ;
}

/// A copy of the N × K array p whose row n is `row`.
double[][] replaceRow(double[][] p, int n, double[] row) {
    double[][] copy = p.clone();
    copy[n] = row;
    return copy;
}

/// The short name of a cost for a legend: "MSE (a − y)²" and so on.
String label(Cost cost) {
    return switch (cost) {
        case MeanSquaredError _ -> "MSE (a − 1)²";
        case MeanAbsoluteError _ -> "MAE |a − 1|";
        case BinaryCrossEntropy _ -> "BCE −ln a";
        default -> cost.name();
    };
}

/// The mean of v.
double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
}

/// f applied to every entry of x.
double[] map(double[] x, DoubleUnaryOperator f) {
    return Arrays.stream(x).map(f).toArray();
}

/// A vector with four decimals: "(−0.0500, 0.1000)".
String vector(double[] v) {
    // + 0.0 turns −0.0 into 0.0
    return Arrays.stream(v).mapToObj(x -> "%7.4f".formatted(x + 0.0))
            .collect(Collectors.joining(", ", "(", ")"));
}

/// "✓ same as by hand" when every entry agrees to 1e-12, else how far the worst one is off.
String same(double[] actual, double[] byHand) {
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
        worst = Math.max(worst, Math.abs(actual[i] - byHand[i]));
    }
    return worst < Print.SAME ? "✓ same as by hand"
            : "✗ differs from the hand result by up to %.2e".formatted(worst);
}

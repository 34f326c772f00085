///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch04/*.java
//SOURCES ../solutions/ch05/*.java
//SOURCES ../solutions/ch06/*.java
//SOURCES ../solutions/ch07/*.java

import bp.*;
import ch02.Sigmoid;
import ch02.Tanh;
import ch05.MiniBatch;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.MeanSquaredError;
import ch06.Network;
import ch06.Parameter;
import ch07.Adam;
import ch07.Momentum;
import ch07.Nesterov;
import ch07.Optimizer;
import ch07.RMSProp;
import ch07.Sgd;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 7: optimizers
///
/// Gradient descent takes the same kind of step everywhere: θ ← θ − η g with g = ∇C(θ). In a long,
/// narrow valley that is slow: η must stay below 2/(the steepest curvature) or the steps across
/// the valley blow up, and then the steps along its gentle floor are tiny. The optimizers of this
/// chapter remember something of the past gradients, and use it either to build up speed or to
/// give every coordinate a step size of its own (all operations entry by entry; PyTorch's forms):
///
///     SGD:        θ ← θ − η g
///     momentum:   v ← μ v + g;                 θ ← θ − η v
///     Nesterov:   v ← μ v + g;                 θ ← θ − η (g + μ v)
///     RMSProp:    s ← ρ s + (1 − ρ) g²;        θ ← θ − η g / (√s + ε)
///     Adam:       t ← t + 1;  m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²
///                 m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);   θ ← θ − η m̂ / (√v̂ + ε)
///
/// **Momentum** adds up the gradients in a velocity v: gradients that keep their sign (along the
/// valley) pile up, to g/(1 − μ) for a constant g, ten times g for μ = 0.9; gradients that flip
/// sign (across the valley) cancel.
///
/// **Nesterov** looks ahead: the classical form takes the gradient where momentum is about to carry
/// θ, v ← μ v − η ∇C(θ + μ v); θ ← θ + v. Write φ = θ + μ v for that look-ahead point and u = −v/η.
/// Then u ← μ u + ∇C(φ) and φ ← φ − η (∇C(φ) + μ u): the PyTorch form above, which stores the
/// look-ahead point φ as the parameter and so only needs the gradient at the stored point. The
/// two produce the same sequence of look-ahead points.
///
/// **RMSProp** divides by the root of a running mean of g²: a coordinate with large gradients gets
/// small steps and one with small gradients large steps, each about η. **Adam** does both. Its
/// running means start at 0, so at first they are too small by the factor 1 − βᵗ, and dividing by
/// it (the *bias correction*) makes the first step about η in every coordinate. ε (1e-8) keeps the
/// division finite; here, as in PyTorch, it is added outside the square root, √v̂ + ε.
///
/// The lesson runs all five on three surfaces (a narrow valley, Rosenbrock's banana, a bowl with
/// two dips) and on a small network. It computes with `ch07.Momentum`, `Nesterov`, `RMSProp` and
/// `Adam`: the reference solutions by default, your own code from `exercises/ch07/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 7: optimizers: momentum, Nesterov, RMSProp and Adam.", this::lesson);
}

/// The lesson: steps 2 to 4 save the paths on contour plots (a panel per optimizer) and a cost plot
/// each, step 5 the costs and the decision boundaries of the network, in `out/ch07/` (or `--out DIR`).
/// `--quick` makes the runs shorter.
void lesson(Options options) {
    step1_firstSteps();
    step2_valley(options);
    step3_rosenbrock(options);
    step4_twoDips(options);
    step5_network(options);
    whatsNext();
}

/// One optimizer of the comparison: how to make it for a learning rate η, and how to draw it.
record Method(String name, DoubleFunction<Optimizer> make, Color color, Marker marker, BasicStroke line) {

    /// Draws `series` as a line in this optimizer's colour and [#line], without markers.
    ///
    /// XChart draws a line segment by segment and starts the dashes afresh at every point, so with
    /// points a few pixels apart a dashed line looks solid. Drawn as one smooth path, which still
    /// passes through every point, it keeps its dashes; with over 150 points the curves between
    /// them are too short to see.
    void style(XYSeries series) {
        series.setLineColor(color).setLineWidth(line.getLineWidth()).setLineStyle(line);
        series.setMarker(SeriesMarkers.NONE);
        series.setSmooth(series.getXData().length > 150);
    }
}

/// The five optimizers with their usual settings: μ = 0.9, RMSProp's ρ = 0.9, Adam's β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-8. Colours from the Okabe–Ito palette (colour-blind safe), one marker each
/// for the paths. Two optimizers often end with the same cost (SGD, RMSProp and Adam in the local
/// minimum of the two dips) or learn the same boundary, so in the charts that draw all five, each
/// line is narrower than the ones drawn before it or has gaps: where two curves coincide, the
/// earlier one still shows at the edges of the later one or between its dashes.
static final List<Method> METHODS = List.of(
        new Method("SGD", Sgd::new, new Color(204, 121, 167), SeriesMarkers.CIRCLE, Plots.stroke(5f)),
        new Method("momentum", eta -> new Momentum(eta, 0.9), new Color(0, 114, 178), SeriesMarkers.SQUARE,
                Plots.stroke(3f)),
        new Method("Nesterov", eta -> new Nesterov(eta, 0.9), new Color(86, 180, 233), SeriesMarkers.TRIANGLE_UP,
                Plots.stroke(3f, 10f, 5f)),
        new Method("RMSProp", eta -> new RMSProp(eta, 0.9, 1e-8), new Color(0, 158, 115), SeriesMarkers.TRIANGLE_DOWN,
                Plots.stroke(2f, 2f, 3f)),
        new Method("Adam", eta -> new Adam(eta, 0.9, 0.999, 1e-8), new Color(213, 94, 0), SeriesMarkers.DIAMOND,
                Plots.stroke(1.5f, 7f, 4f)));

/// The learning rates tried when tuning: 1e-4, 2e-4, 4e-4, … doubling up to 1.6384.
static final double[] ETAS = IntStream.rangeClosed(0, 14).mapToDouble(k -> 1e-4 * Math.pow(2, k)).toArray();

/// The grey of the contour lines.
static final Color CONTOUR = new Color(175, 175, 175);

/// 1. One and two steps of each optimizer on θ = (1, −2) with g₁ = (2, −4), g₂ = (1, 2) and η = 0.1,
/// against the same steps written out here.
void step1_firstSteps() {
    Print.heading("1. The first two steps of each optimizer, by hand and by step(...)");
    double eta = 0.1;
    double[] theta0 = {1, -2};
    double[][] g = {{2, -4}, {1, 2}};
    IO.println("   θ₀ = (1, −2), g₁ = (2, −4), g₂ = (1, 2), η = 0.1, μ = 0.9, ρ = 0.9, β₁ = 0.9, β₂ = 0.999");
    IO.println("   %-10s   %-22s   %-22s   %s".formatted("", "θ₁ by step(...)", "θ₂ by step(...)", "by hand"));
    for (Method method : METHODS) {
        double[][] byStep = twoSteps(method.make().apply(eta), theta0, g);
        double[][] byHand = twoStepsByHand(method.name(), eta, theta0, g);
        IO.println("   %-10s   %-22s   %-22s   %s".formatted(method.name(), show(byStep[0]), show(byStep[1]),
                check(byStep, byHand)));
    }
    IO.println("""
               Momentum's first step is SGD's (v starts at 0); Nesterov's is 1 + μ = 1.9 times longer.
               RMSProp's first step is η g/(√(1 − ρ) |g|) = √10 η ≈ 0.316 in each coordinate, whatever |g|;
               Adam's, thanks to the bias correction, is η = 0.1 in each coordinate.""".indent(3).stripTrailing());
}

/// Two steps of `optimizer` from `theta0` with the gradients `g[0]`, `g[1]`: the two points.
double[][] twoSteps(Optimizer optimizer, double[] theta0, double[][] g) {
    Parameter theta = new Parameter("θ", new DMatrixRMaj(1, 2, true, theta0), new DMatrixRMaj(1, 2));
    double[][] points = new double[2][];
    for (int k = 0; k < 2; k++) {
        theta.gradient().setData(g[k].clone());
        optimizer.step(List.of(theta));
        points[k] = theta.value().data.clone();
    }
    return points;
}

/// The same two steps written out entry by entry, with the formulas of the doc comment.
double[][] twoStepsByHand(String name, double eta, double[] theta0, double[][] g) {
    double[][] points = new double[2][2];
    for (int i = 0; i < 2; i++) {
        double theta = theta0[i];
        double v = 0;
        double m = 0;
        for (int k = 0; k < 2; k++) {
            int t = k + 1;
            double gi = g[k][i];
            theta -= switch (name) {
                case "SGD" -> eta * gi;
                case "momentum" -> eta * (v = 0.9 * v + gi);
                case "Nesterov" -> eta * (gi + 0.9 * (v = 0.9 * v + gi));
                case "RMSProp" -> eta * gi / (Math.sqrt(v = 0.9 * v + 0.1 * gi * gi) + 1e-8);
                default -> eta * ((m = 0.9 * m + 0.1 * gi) / (1 - Math.pow(0.9, t)))
                        / (Math.sqrt((v = 0.999 * v + 0.001 * gi * gi) / (1 - Math.pow(0.999, t))) + 1e-8);
            };
            points[k][i] = theta;
        }
    }
    return points;
}

/// A surface C(x, y) to descend: its name for titles, its formula, the function, its gradient, the
/// start, the (global) minimum, the window of the contour plot (x from window[0] to window[1], y from
/// window[2] to window[3]), its contour levels, and the threshold of C − C* that counts as "reached".
record Surface(String name, String formula, DoubleBinaryOperator f, Gradient gradient, double[] start,
        double[] minimum, double[] window, double[] levels, double threshold) {

    /// C at the point (x, y).
    double cost(double x, double y) {
        return f.applyAsDouble(x, y);
    }
}

/// ∇C(x, y) = (∂C/∂x, ∂C/∂y).
interface Gradient {
    double[] at(double x, double y);
}

/// The path of one optimizer on a surface: the points (x[k], y[k]) and costs C after k steps,
/// k = 0, 1, …; shorter than asked when the run diverged.
record Path(Method method, double eta, double[] x, double[] y, double[] cost) {

    /// The number of steps taken.
    int steps() {
        return cost.length - 1;
    }

    /// The step count k from which on the cost stays below the threshold, cost[j] − minimum < threshold
    /// for every j ≥ k; −1 when the last cost is not below it.
    int reached(double minimum, double threshold) {
        int k = cost.length;
        while (k > 0 && cost[k - 1] - minimum < threshold) {
            k--;
        }
        return k < cost.length ? k : -1;
    }

    /// Whether the run left the finite numbers (or the surface) and was stopped.
    boolean diverged(int steps) {
        return steps() < steps;
    }
}

/// `steps` steps of the optimizer made by `method` with `eta` on `surface` from its start: θ = (x, y)
/// is a 1×2 parameter whose gradient is set from ∇C before each step. Stops early when the cost is
/// no longer finite or grows a million times above the start's.
Path descend(Surface surface, Method method, double eta, int steps) {
    Optimizer optimizer = method.make().apply(eta);
    Parameter theta = new Parameter("θ", new DMatrixRMaj(1, 2, true, surface.start().clone()), new DMatrixRMaj(1, 2));
    double[] x = new double[steps + 1];
    double[] y = new double[steps + 1];
    double[] cost = new double[steps + 1];
    double limit = 1e6 * Math.max(1, Math.abs(surface.cost(surface.start()[0], surface.start()[1])));
    int k = 0;
    x[0] = surface.start()[0];
    y[0] = surface.start()[1];
    cost[0] = surface.cost(x[0], y[0]);
    while (k < steps) {
        theta.gradient().setData(surface.gradient().at(x[k], y[k]));
        optimizer.step(List.of(theta));
        k++;
        x[k] = theta.value().get(0, 0);
        y[k] = theta.value().get(0, 1);
        cost[k] = surface.cost(x[k], y[k]);
        if (!Double.isFinite(cost[k]) || Math.abs(cost[k]) > limit) {
            break;
        }
    }
    return new Path(method, eta, Arrays.copyOf(x, k + 1), Arrays.copyOf(y, k + 1), Arrays.copyOf(cost, k + 1));
}

/// The path of `method` with the best η of [#ETAS] on `surface`: the fewest steps to reach the
/// threshold; when no η reaches it, the lowest final cost; diverging runs never win.
Path tuned(Surface surface, Method method, int steps, double minimum) {
    Path best = null;
    for (double eta : ETAS) {
        Path path = descend(surface, method, eta, steps);
        if (!path.diverged(steps) && (best == null || better(path, best, minimum, surface.threshold()))) {
            best = path;
        }
    }
    return best != null ? best : descend(surface, method, ETAS[0], steps);
}

/// Whether path `a` beats path `b`: it reaches the threshold and `b` does not, or both reach it and
/// `a` sooner, or neither does and `a` ends lower.
boolean better(Path a, Path b, double minimum, double threshold) {
    int ka = a.reached(minimum, threshold);
    int kb = b.reached(minimum, threshold);
    if (ka >= 0 || kb >= 0) {
        return ka >= 0 && (kb < 0 || ka < kb);
    }
    return a.cost()[a.steps()] < b.cost()[b.steps()];
}

/// C(x, y) = ½(x² + 100 y²): a valley 100 times more curved across (y) than along (x).
static final Surface VALLEY = new Surface("the valley C = ½(x² + 100y²)", "C = ½(x² + 100y²)",
        (x, y) -> 0.5 * (x * x + 100 * y * y), (x, y) -> new double[] {x, 100 * y},
        new double[] {-9, 1}, new double[] {0, 0}, new double[] {-10, 10, -1.5, 1.5},
        Contour.logLevels(0.1, 100, 7), 1e-4);

/// 2. The narrow valley ½(x² + 100y²) from (−9, 1), each optimizer with its best η from a grid.
void step2_valley(Options options) {
    Print.heading("2. A narrow valley, C = ½(x² + 100y²), from (−9, 1)");
    IO.println("""
               Gradient descent multiplies x by 1 − η and y by 1 − 100η per step: it is stable only for
               η < 2/100, and then x shrinks by 0.98 per step at best. Each optimizer gets the η of the grid
               1e-4, 2e-4, 4e-4, …, 1.6 from which on its cost stays below 1e-4 soonest: its own best η,
               not one shared η, which would be too large for some and far too small for others.""".indent(3)
            .stripTrailing());
    List<Path> paths = compare(VALLEY, options.quick() ? 200 : 400, 0);
    IO.println("""
               With momentum the error shrinks by up to √μ ≈ 0.95 per step (for μ = 0.9) instead of 0.98:
               the velocity builds up along x while the steps across the valley cancel. RMSProp and Adam
               divide each coordinate by the size of its own gradients, so x and y get steps of about the
               same size, which suits a valley whose axes are the coordinate axes. But RMSProp's steps stay
               about η long even at the bottom, so with a fixed η it keeps hopping around the minimum;
               Adam's v̂ remembers the large gradients of the start (β₂ = 0.999), so its steps shrink.""".indent(3)
            .stripTrailing());
    plotSurface(options, VALLEY, paths, 0, "valley");
}

/// C(x, y) = (1 − x)² + 100 (y − x²)²: Rosenbrock's banana-shaped valley, minimum 0 at (1, 1).
static final Surface ROSENBROCK = new Surface("Rosenbrock's function", "C = (1 − x)² + 100(y − x²)²",
        (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
        (x, y) -> new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)},
        new double[] {-1.5, 2}, new double[] {1, 1}, new double[] {-2, 2, -1, 3},
        Contour.logLevels(0.03, 1000, 10), 1e-3);

/// 3. Rosenbrock's function from (−1.5, 2): a curved valley with a flat floor.
void step3_rosenbrock(Options options) {
    Print.heading("3. Rosenbrock's function, C = (1 − x)² + 100(y − x²)², from (−1.5, 2)");
    IO.println("""
               The valley y = x² is steep across (curvature up to ~2000 near the start) and almost flat
               along its floor, which bends. The minimum is C = 0 at (1, 1). η as in step 2, threshold 1e-3.""".indent(3).stripTrailing());
    List<Path> paths = compare(ROSENBROCK, options.quick() ? 1000 : 5000, 0);
    IO.println("""
               SGD needs a tiny η for the steep walls and then crawls along the floor. Momentum keeps
               its speed along the curved floor; Adam adapts its steps to the flat floor.""".indent(3).stripTrailing());
    plotSurface(options, ROSENBROCK, paths, 0, "rosenbrock");
}

/// C(x, y) = 0.1 (x² + y²) − 0.5 e^(−|p − (−1.2, 1.2)|²/0.3) − 3 e^(−|p − (1.8, −1)|²/1.5), p = (x, y):
/// a wide bowl with a shallow dip on the way from the start and a deep dip beyond it.
static final DoubleBinaryOperator TWO_DIPS =
        (x, y) -> 0.1 * (x * x + y * y) - dip(x, y, -1.2, 1.2, 0.5, 0.3) - dip(x, y, 1.8, -1, 3, 1.5);

/// ∇C of [#TWO_DIPS]: the bowl's (0.2x, 0.2y) plus each dip's.
static final Gradient TWO_DIPS_GRADIENT = (x, y) -> {
    double[] g = {0.2 * x, 0.2 * y};
    addDipGradient(g, x, y, -1.2, 1.2, 0.5, 0.3);
    addDipGradient(g, x, y, 1.8, -1, 3, 1.5);
    return g;
};

/// depth · e^(−((x − cx)² + (y − cy)²)/width): a Gaussian dip centred at (cx, cy).
static double dip(double x, double y, double cx, double cy, double depth, double width) {
    return depth * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / width);
}

/// Adds the gradient of −dip(x, y, …) to `g`: ∂/∂x = 2 (x − cx)/width · dip, and the same for y.
static void addDipGradient(double[] g, double x, double y, double cx, double cy, double depth, double width) {
    double d = dip(x, y, cx, cy, depth, width);
    g[0] += 2 * (x - cx) / width * d;
    g[1] += 2 * (y - cy) / width * d;
}

/// 4. The bowl with two dips from (−3.5, 3), all optimizers with a usual η: which dip does each end in?
void step4_twoDips(Options options) {
    Print.heading("4. Two dips in a bowl: a shallow one on the way, a deep one beyond");
    double[] shallow = localMinimum(TWO_DIPS_GRADIENT, -1.2, 1.2);
    double[] deep = localMinimum(TWO_DIPS_GRADIENT, 1.8, -1);
    double[] window = {-4, 4, -3, 3.5};
    Surface surface = new Surface("a bowl with two dips",
            "C = 0.1(x² + y²) − 0.5·exp(−|p − (−1.2, 1.2)|²/0.3) − 3·exp(−|p − (1.8, −1)|²/1.5)", TWO_DIPS,
            TWO_DIPS_GRADIENT, new double[] {-3.5, 3}, deep, window, levels(TWO_DIPS, window, 14), 1e-3);
    double cDeep = surface.cost(deep[0], deep[1]);
    IO.println("   %s, from (−3.5, 3)".formatted(surface.formula()));
    IO.println("   a shallow minimum C = %.4f at %s, the deep (global) one C* = %.4f at %s"
            .formatted(surface.cost(shallow[0], shallow[1]), show(shallow), cDeep, show(deep)));
    IO.println("""
               Tuning η for the lowest cost would here only pick whichever η happens to land in the deep
               dip. So every optimizer gets a usual step instead: η = 0.1 for SGD, momentum and Nesterov,
               η = 0.05 for RMSProp and Adam (whose steps are about η per coordinate).""".indent(3).stripTrailing());
    int steps = options.quick() ? 200 : 400;
    List<Path> paths = new ArrayList<>();
    for (Method method : METHODS) {
        double eta = method.name().equals("RMSProp") || method.name().equals("Adam") ? 0.05 : 0.1;
        paths.add(descend(surface, method, eta, steps));
    }
    table(surface, paths, cDeep);
    for (Path path : paths) {
        double[] end = {path.x()[path.steps()], path.y()[path.steps()]};
        String where = distance(end, deep) < 0.1 ? "the deep dip" : distance(end, shallow) < 0.1 ? "the shallow dip"
                : "neither dip yet";
        IO.println("   %-10s ends in %s".formatted(path.method().name(), where));
    }
    IO.println("""
               SGD stops in the first dip it meets: at its bottom the gradient is 0, and nothing pushes
               on. Momentum and Nesterov arrive with speed and roll over the rim into the deep dip. RMSProp
               and Adam, with steps of about η = 0.05, settle in the shallow dip like SGD (in the cost plot
               their three curves lie on top of each other). Which dip a method finds depends on its
               dynamics and its η, not on which dip is deeper: none of them knows about the other minimum.""".indent(3)
            .stripTrailing());
    plotSurface(options, surface, paths, cDeep, "two-dips", shallow);
}

/// The comparison of steps 2 and 3: every method with its tuned η, the table, and the paths.
List<Path> compare(Surface surface, int steps, double minimum) {
    List<Path> paths = new ArrayList<>();
    for (Method method : METHODS) {
        paths.add(tuned(surface, method, steps, minimum));
    }
    table(surface, paths, minimum);
    return paths;
}

/// Prints one row per path: optimizer, η, final cost, steps to reach the threshold, final point.
void table(Surface surface, List<Path> paths, double minimum) {
    IO.println("   %-10s   %9s   %12s   %-22s   %s".formatted("optimizer", "η", "final C",
            "steps to C − C* < %.0e".formatted(surface.threshold()), "final point"));
    for (Path path : paths) {
        int k = path.reached(minimum, surface.threshold());
        int last = path.steps();
        IO.println("   %-10s   %9.2e   %12.4e   %-22s   %s".formatted(path.method().name(), path.eta(),
                path.cost()[last], k >= 0 ? String.valueOf(k) : "not reached in " + last,
                show(new double[] {path.x()[last], path.y()[last]})));
    }
}

/// The two plots of a surface: its contours with the path of each optimizer, one panel each (two
/// paths often coincide, and a panel of its own keeps each one in sight), with the start, the
/// minimum and any other `localMinima` marked; and the cost above the minimum, C − C*, against the
/// step on a logarithmic axis, all five in one chart.
void plotSurface(Options options, Surface surface, List<Path> paths, double minimum, String name,
        double[]... localMinima) {
    double[] w = surface.window();
    int n = options.quick() ? 121 : 201;
    double[] xs = Plots.range(w[0], w[1], n);
    double[] ys = Plots.range(w[2], w[3], n);
    double[][] f = Contour.sample(xs, ys, surface.f());
    double spacing = 0.006 * Math.hypot(w[1] - w[0], w[3] - w[2]);
    List<XYChart> panels = new ArrayList<>();
    for (Path path : paths) {
        XYChart panel = Plots.lines("%s, η = %s".formatted(path.method().name(), eta(path.eta())), "x", "y",
                PANEL_WIDTH, PANEL_HEIGHT);
        panel.getStyler().setXAxisMin(w[0]).setXAxisMax(w[1]).setYAxisMin(w[2]).setYAxisMax(w[3])
                .setLegendVisible(false).setMarkerSize(6);
        Contour.draw(panel, xs, ys, f, surface.levels(), CONTOUR, "contours of C");
        double[][] kept = thin(path, spacing);
        XYSeries series = panel.addSeries(path.method().name(), kept[0], kept[1]);
        series.setLineColor(path.method().color()).setLineWidth(1.5f).setLineStyle(SeriesLines.SOLID);
        series.setMarker(path.method().marker()).setMarkerColor(path.method().color());
        mark(panel, surface.start(), SeriesMarkers.CROSS);
        mark(panel, surface.minimum(), SeriesMarkers.PLUS);
        for (double[] local : localMinima) {
            mark(panel, local, SeriesMarkers.DIAMOND);
        }
        ring(panel, surface.start(), 0.015 * (w[1] - w[0]), 0.015 * (w[3] - w[2]) * 1.6);
        ring(panel, surface.minimum(), 0.015 * (w[1] - w[0]), 0.015 * (w[3] - w[2]) * 1.6);
        panels.add(panel);
    }
    String key = "× start %s, + %s %s%s; grey: contours of C".formatted(show(surface.start()),
            localMinima.length > 0 ? "global minimum" : "minimum", show(surface.minimum()),
            Arrays.stream(localMinima).map(p -> ", ◆ local minimum " + show(p)).collect(Collectors.joining()));
    Plots.saveGrid("Paths of five optimizers on " + surface.name() + "\n" + key, panels, 3, options, name + "-paths");
    plotCosts(options, surface, paths, minimum, name);
}

/// The size in pixels of each panel of the paths: three to a row.
static final int PANEL_WIDTH = 460;
static final int PANEL_HEIGHT = 380;

/// Marks the point `p` on `chart` in black with `marker`, without a legend entry.
void mark(XYChart chart, double[] p, Marker marker) {
    XYSeries series = Plots.points(chart, show(p) + " " + marker, new double[] {p[0]}, new double[] {p[1]});
    series.setMarker(marker).setMarkerColor(Color.BLACK);
    series.setShowInLegend(false);
}

/// The cost chart of a surface: C − C* against the step, log scale, cut at [#FLOOR] (a grey line in
/// the legend says so).
void plotCosts(Options options, Surface surface, List<Path> paths, double minimum, String name) {
    XYChart chart = Plots.lines("Cost against step on " + surface.name(), "step k",
            "C(θ_k) − C* (log scale; C* = the global minimum)");
    int steps = paths.stream().mapToInt(Path::steps).max().orElse(1);
    chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(FLOOR).setXAxisMin(0.0).setXAxisMax((double) steps)
            .setXAxisDecimalPattern("#").setLegendPosition(Styler.LegendPosition.OutsideE);
    XYSeries floor = Plots.line(chart, "below 1e-10: drawn at 1e-10", new double[] {0, steps}, new double[] {FLOOR, FLOOR});
    floor.setLineColor(Color.GRAY).setLineWidth(1f).setLineStyle(Plots.stroke(1f, 3f, 3f));
    for (Path path : paths) {
        double[] gap = new double[path.cost().length];
        for (int k = 0; k < gap.length; k++) {
            // C − C*, kept at or above the floor so that the log scale can show it
            gap[k] = Math.max(path.cost()[k] - minimum, FLOOR);
        }
        XYSeries series = Plots.line(chart, "%s, η = %s".formatted(path.method().name(), eta(path.eta())),
                Plots.range(0, path.steps(), path.steps() + 1), gap);
        path.method().style(series);
    }
    Plots.save(chart, options, name + "-costs");
}

/// The bottom of the cost charts: a log scale cannot show C − C* = 0, and rounding leaves C − C*
/// around 1e-16 once a path has arrived, so smaller values are drawn at this floor.
static final double FLOOR = 1e-10;

/// A thin black ellipse with radii `rx`, `ry` around `p`, without a legend entry, so that the start and
/// the minimum stand out from the paths that cross them.
void ring(XYChart chart, double[] p, double rx, double ry) {
    double[] t = Plots.range(0, 2 * Math.PI, 41);
    double[] x = Arrays.stream(t).map(a -> p[0] + rx * Math.cos(a)).toArray();
    double[] y = Arrays.stream(t).map(a -> p[1] + ry * Math.sin(a)).toArray();
    XYSeries series = Plots.line(chart, "ring around " + show(p), x, y);
    series.setLineColor(Color.BLACK);
    series.setLineWidth(1.5f);
    series.setLineStyle(SeriesLines.SOLID);
    series.setShowInLegend(false);
}

/// The points of a path at least `spacing` apart (and the last one), so that thousands of tiny
/// steps do not pile up into a blot; the big steps, zig-zags included, all stay.
double[][] thin(Path path, double spacing) {
    List<double[]> kept = new ArrayList<>();
    kept.add(new double[] {path.x()[0], path.y()[0]});
    for (int k = 1; k <= path.steps(); k++) {
        double[] last = kept.getLast();
        if (Math.hypot(path.x()[k] - last[0], path.y()[k] - last[1]) >= spacing || k == path.steps()) {
            kept.add(new double[] {path.x()[k], path.y()[k]});
        }
    }
    return new double[][] {kept.stream().mapToDouble(p -> p[0]).toArray(),
        kept.stream().mapToDouble(p -> p[1]).toArray()};
}

/// The local minimum near (x, y), by many small steps of plain gradient descent.
double[] localMinimum(Gradient gradient, double x, double y) {
    double[] p = {x, y};
    for (int k = 0; k < 20_000; k++) {
        double[] g = gradient.at(p[0], p[1]);
        p[0] -= 0.05 * g[0];
        p[1] -= 0.05 * g[1];
    }
    return p;
}

/// `n` contour levels of `c`, evenly spaced between its lowest and highest value in the window
/// (x from w[0] to w[1], y from w[2] to w[3]), both ends left out.
double[] levels(DoubleBinaryOperator c, double[] w, int n) {
    double[][] f = Contour.sample(Plots.range(w[0], w[1], 101), Plots.range(w[2], w[3], 101), c);
    double low = Arrays.stream(f).flatMapToDouble(Arrays::stream).min().orElseThrow();
    double high = Arrays.stream(f).flatMapToDouble(Arrays::stream).max().orElseThrow();
    double step = (high - low) / (n + 1);
    return Contour.levels(low + step, high - step, n);
}

/// The data of step 5: two interleaved half moons, m points (rows of X, m×2) with labels Y (m×1, 0 or 1).
record Moons(DMatrixRMaj X, DMatrixRMaj Y) {}

/// 5. The five optimizers training the same small network on the two moons, from the same weights.
void step5_network(Options options) {
    Print.heading("5. Training a network: 2-16-16-1 with tanh on the two moons");
    Moons data = moons(200, 0.15, new Random(options.seed()));
    int epochs = options.quick() ? 40 : 300;
    IO.println("""
               200 points in two interleaved half moons (noise 0.15), the network
               X ─ Dense(2→16) ─ tanh ─ Dense(16→16) ─ tanh ─ Dense(16→1) ─ sigmoid, the mean squared error,
               mini-batches of 20 in a seeded order, %d epochs. Every optimizer starts from the same weights
               (seed %d) and sees the batches in the same order.""".formatted(epochs, options.seed())
            .indent(3).stripTrailing());
    IO.println("""
               The learning rates: SGD η = 1; momentum and Nesterov η = 0.1, because with μ = 0.9 their
               velocity grows to g/(1 − μ) = 10 g and so their long-run step η·10 g matches SGD's; RMSProp
               and Adam η = 0.01, their usual size, since their steps are about η per weight whatever g.""".indent(3)
            .stripTrailing());
    IO.println("   %-10s   %6s   %10s   %10s   %10s   %10s   %s".formatted("optimizer", "η", "start", "epoch 1",
            "epoch " + epochs / 4, "epoch " + epochs, "accuracy"));
    XYChart chart = Plots.lines("Training a 2-16-16-1 network on the two moons: cost per epoch",
            "epoch", "cost C on all 200 points (MSE, log scale)");
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE);
    List<Network> trained = new ArrayList<>();
    for (Method method : METHODS) {
        double eta = switch (method.name()) {
            case "SGD" -> 1;
            case "momentum", "Nesterov" -> 0.1;
            default -> 0.01;
        };
        Network network = network(options.seed());
        double[] costs = train(network, method.make().apply(eta), data, epochs, 20, options.seed());
        trained.add(network);
        IO.println("   %-10s   %6s   %10.4f   %10.4f   %10.4f   %10.4f   %.1f %%".formatted(method.name(), eta(eta),
                costs[0], costs[1], costs[epochs / 4], costs[epochs], 100 * accuracy(network, data)));
        XYSeries series = Plots.line(chart, "%s, η = %s".formatted(method.name(), eta(eta)),
                Plots.range(0, epochs, epochs + 1), costs);
        method.style(series);
    }
    IO.println("""
               Every optimizer gets the same number of mini-batch steps; the cost is measured on all 200
               points after each epoch. On this small problem all of them get there; what differs is how
               fast the cost falls and how smoothly.""".indent(3).stripTrailing());
    Plots.save(chart, options, "network-costs");
    plotBoundaries(options, data, trained);
}

/// The network of step 5 with weights from `seed`: the same for every optimizer.
Network network(long seed) {
    Random random = new Random(seed);
    return new Network(new Dense(2, 16, random), new ActivationLayer(new Tanh()), new Dense(16, 16, random),
            new ActivationLayer(new Tanh()), new Dense(16, 1, random), new ActivationLayer(new Sigmoid()));
}

/// Trains `network` with `optimizer` for `epochs` epochs of mini-batches of `batch` examples, in an
/// order drawn from `seed` (the same for every optimizer). Returns the cost on all the data before
/// training and after each epoch (length epochs + 1); NaN from the epoch the cost stops being finite.
double[] train(Network network, Optimizer optimizer, Moons data, int epochs, int batch, long seed) {
    Random order = new Random(seed + 1);
    int m = data.X().numRows;
    double[] costs = new double[epochs + 1];
    costs[0] = MeanSquaredError.value(network.forward(data.X()), data.Y());
    for (int e = 1; e <= epochs; e++) {
        int[] shuffled = MiniBatch.shuffle(m, order);
        for (int from = 0; from < m; from += batch) {
            int[] rows = Arrays.copyOfRange(shuffled, from, Math.min(m, from + batch));
            DMatrixRMaj X = rows(data.X(), rows);
            DMatrixRMaj Y = rows(data.Y(), rows);
            DMatrixRMaj A = network.forward(X);
            network.backward(MeanSquaredError.gradient(A, Y));
            optimizer.step(network.parameters());
        }
        costs[e] = MeanSquaredError.value(network.forward(data.X()), data.Y());
        if (!Double.isFinite(costs[e])) {
            Arrays.fill(costs, e, epochs + 1, Double.NaN);
            break;
        }
    }
    return costs;
}

/// The second plot of step 5: the moons and the boundary a = 0.5 of each trained network.
void plotBoundaries(Options options, Moons data, List<Network> trained) {
    XYChart chart = Plots.lines("The two moons and the boundaries a = 0.5 the networks learned", "x1", "x2");
    chart.getStyler().setXAxisMin(-1.6).setXAxisMax(2.6).setYAxisMin(-1.0).setYAxisMax(1.5)
            .setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(6);
    for (int label = 0; label <= 1; label++) {
        List<double[]> points = new ArrayList<>();
        for (int j = 0; j < data.X().numRows; j++) {
            if (data.Y().get(j, 0) == label) {
                points.add(new double[] {data.X().get(j, 0), data.X().get(j, 1)});
            }
        }
        XYSeries series = Plots.points(chart, "class " + label, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        series.setMarkerColor(label == 1 ? new Color(120, 120, 120) : new Color(30, 30, 30));
        series.setMarker(label == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.CROSS);
    }
    double[] xs = Plots.range(-1.6, 2.6, 85);
    double[] ys = Plots.range(-1.0, 1.5, 51);
    DMatrixRMaj grid = new DMatrixRMaj(xs.length * ys.length, 2);
    for (int i = 0; i < xs.length; i++) {
        for (int j = 0; j < ys.length; j++) {
            grid.set(i * ys.length + j, 0, xs[i]);
            grid.set(i * ys.length + j, 1, ys[j]);
        }
    }
    for (int s = 0; s < trained.size(); s++) {
        DMatrixRMaj A = trained.get(s).forward(grid);
        double[][] f = new double[xs.length][ys.length];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                f[i][j] = A.get(i * ys.length + j, 0);
            }
        }
        Method method = METHODS.get(s);
        for (XYSeries line : Contour.draw(chart, xs, ys, f, new double[] {0.5}, method.color(), method.name())) {
            method.style(line);
        }
    }
    Plots.save(chart, options, "network-boundaries");
}

/// Two interleaved half moons: class 0 on the upper arc (cos t, sin t), class 1 on the lower arc
/// (1 − cos t, 0.5 − sin t), t uniform in [0, π], plus Gaussian noise of standard deviation `noise`.
Moons moons(int m, double noise, Random random) {
    DMatrixRMaj X = new DMatrixRMaj(m, 2);
    DMatrixRMaj Y = new DMatrixRMaj(m, 1);
    for (int j = 0; j < m; j++) {
        int label = j % 2;
        double t = Math.PI * random.nextDouble();
        double x = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
        double y = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        X.set(j, 0, x + noise * random.nextGaussian());
        X.set(j, 1, y + noise * random.nextGaussian());
        Y.set(j, 0, label);
    }
    return new Moons(X, Y);
}

/// The fraction of points on the right side of a = 0.5.
double accuracy(Network network, Moons data) {
    DMatrixRMaj A = network.forward(data.X());
    int right = 0;
    for (int j = 0; j < A.numRows; j++) {
        right += (A.get(j, 0) >= 0.5 ? 1 : 0) == data.Y().get(j, 0) ? 1 : 0;
    }
    return (double) right / A.numRows;
}

/// The rows `rows` of `M`, in that order, as a new matrix.
DMatrixRMaj rows(DMatrixRMaj M, int[] rows) {
    DMatrixRMaj out = new DMatrixRMaj(rows.length, M.numCols);
    for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < M.numCols; c++) {
            out.set(r, c, M.get(rows[r], c));
        }
    }
    return out;
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch07/: one step of Momentum, Nesterov, RMSProp and Adam
                  (Sgd is written out as the example to follow).
               2. Grade them:                          ./jbang grade ch07
               3. Run this chapter on your own code:   ./jbang ch07 --mine
               Then chapter 8 (./jbang ch08): deeper networks, and why their gradients vanish or explode.""".indent(3));
}

/// "(0.50, -1.20)".
String show(double[] p) {
    return Print.vector(p);
}

/// A learning rate for a legend: "0.1", "3.16e-04".
String eta(double eta) {
    return eta >= 0.01 ? "%.3g".formatted(eta) : "%.2e".formatted(eta);
}

/// "✓" when both points of `byStep` equal those of `byHand`, else the largest difference.
String check(double[][] byStep, double[][] byHand) {
    double worst = 0;
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 2; i++) {
            worst = Math.max(worst, Math.abs(byStep[k][i] - byHand[k][i]));
        }
    }
    return worst < Print.SAME ? "✓ same as by hand" : "✗ off by %.2e".formatted(worst);
}

/// The Euclidean distance between two points.
double distance(double[] p, double[] q) {
    return Math.hypot(p[0] - q[0], p[1] - q[1]);
}

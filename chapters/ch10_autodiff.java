///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch01/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch04/*.java
//SOURCES ../solutions/ch06/*.java
//SOURCES ../solutions/ch10/*.java

import bp.*;
import ch04.ChainRule;
import ch04.Gradient;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.MeanSquaredError;
import ch06.Network;
import ch06.Parameter;
import ch06.ReLU;
import ch10.AutogradNetwork;
import ch10.GraphPicture;
import ch10.NeuronGraph;
import ch10.Node;
import ch10.Tensor;
import ch10.Topo;
import ch10.Value;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// # Chapter 10: automatic differentiation, or what `loss.backward()` does
///
/// Every gradient so far was derived by hand: chapter 4's ∂C/∂w = 2(a − y)·σ'(z)·x, chapter 6's
/// four equations. PyTorch derives nothing by hand, yet gives the same numbers:
///
///     C = (torch.sigmoid(w @ x + b) - y) ** 2
///     C.backward()                 # now w.grad is ∂C/∂w and b.grad is ∂C/∂b
///
/// The trick is to let the forward pass record itself. Every operation makes a node that keeps
/// its inputs and knows one thing only: its own local derivative. For out = u·v that is
/// ∂out/∂u = v and ∂out/∂v = u. The nodes form a graph from the leaves (w, b, x, y) to the cost
/// C, and `C.backward()` applies the chain rule to it mechanically:
///
///     1. order the nodes so that every node comes after its inputs (a topological order);
///     2. set ∂C/∂C = 1;
///     3. visit the nodes in the reverse order; each adds its share to its inputs' gradients:
///            ∂C/∂u += ∂C/∂out · ∂out/∂u
///
/// The reverse order makes sure a node's ∂C/∂out is complete before it is passed on: every
/// node that uses it came later in the forward order, so it comes earlier in the backward one.
/// The `+=` is the multivariate chain rule: a node used twice (x in x·y + x, the bias of a layer
/// used by every example) gets the sum of what flows back along each use. This is reverse-mode
/// automatic differentiation; its cost is a small multiple of the forward pass, whatever the
/// number of parameters, which is why it is backpropagation's general form.
///
/// `ch10.Value` is such a node for a number (+, −, ×, ÷, power, exp, log, tanh, σ, ReLU),
/// `ch10.Topo` orders and walks the graph, and `ch10.Tensor` does the same for matrices, just
/// enough for chapter 6's dense layers. The lesson checks that the mechanical chain rule gives
/// the hand-derived gradients of chapters 4 and 6 to the last bits, and that chapter 6's XOR
/// network trained with it has the same cost curve. It draws the graph of one neuron with the
/// value and gradient of every node (`out/ch10/neuron_graph.dot`, and a PNG picture: drawn by
/// Graphviz when its `dot` program is installed, by Java 2D otherwise).
///
/// The lesson computes with the `ch10` classes: the reference solutions by default, your own
/// code from `exercises/ch10/` with `--mine`.
void main(String[] args) {
    Chapter.run(args, "Chapter 10: automatic differentiation, or what loss.backward() does.", this::lesson);
}

/// The lesson, one step after the other: step 3 writes the graph of the neuron (DOT and PNG),
/// steps 5 and 7 a plot each, all in `out/ch10/` (or `--out DIR`). `--quick` checks fewer
/// random neurons, points and networks.
void lesson(Options options) {
    NeuronGraph neuron = step1_forward();
    step2_backward(options, neuron);
    step3_picture(options, neuron);
    step4_reuse();
    step5_localRules(options);
    step6_matrices(options);
    step7_xor(options);
    whatsNext();
}

// Chapter 4's worked example: z = 0.5 − 0.6 + 0.1 = 0, so a = 1/2, C = 1/4, and
// ∂C/∂w = 2(a − y)·σ'(z)·x = −1 · 1/4 · (1, 2) = (−0.25, −0.5), ∂C/∂b = −0.25.
static final double[] W = {0.5, -0.3};
static final double B = 0.1;
static final double[] X = {1.0, 2.0};
static final double Y = 1.0;

/// Chapter 6's XOR data and run: the four points (4×2), their targets (4×1), 1000 epochs of
/// full-batch gradient descent with η = 0.1.
static final DMatrixRMaj XOR_X = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
static final DMatrixRMaj XOR_Y = new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}});
static final int EPOCHS = 1000;
static final double ETA = 0.1;

// Colour-blind-safe colours (Okabe–Ito): blue, orange, bluish green, vermillion.
static final Color BLUE = new Color(0, 114, 178);
static final Color ORANGE = new Color(230, 159, 0);
static final Color GREEN = new Color(0, 158, 115);
static final Color VERMILLION = new Color(213, 94, 0);

/// 1. The forward pass of chapter 4's neuron, recorded: every node of the graph in a topological
/// order (`Topo.order`), with its inputs and its value.
NeuronGraph step1_forward() {
    Print.heading("1. The forward pass records a graph: z = w·x + b, a = σ(z), C = (a − y)²");
    IO.println("   Chapter 4's example: x = %s, w = %s, b = %.1f, y = %.0f. Each operation makes a node."
            .formatted(Print.vector(X), Print.vector(W), B, Y));
    NeuronGraph g = NeuronGraph.of(W, B, X, Y);
    List<Node> order = Topo.order(g.C());
    IO.println("   The %d nodes in a topological order (every node after its inputs):".formatted(order.size()));
    IO.println("   %3s  %-8s  %-16s  %9s".formatted("#", "node", "computed from", "data"));
    for (int k = 0; k < order.size(); k++) {
        Value v = (Value) order.get(k);
        IO.println("   %3d  %-8s  %-16s  %9.4f".formatted(k, name(v), inputsOf(v, order), v.data()));
    }
    Print.row("C = (a − y)², by hand (0.5 − 1)²", g.C().data(), 0.25);
    IO.println("   Nothing is differentiated yet: the graph only remembers how C was computed.");
    return g;
}

/// 2. `C.backward()`: ∂C/∂C = 1, then every node's local rule in the reverse order; the gradients
/// of w and b against chapter 4's hand-derived formula, on the example and on random neurons.
void step2_backward(Options options, NeuronGraph g) {
    Print.heading("2. backward(): the chain rule, one local rule at a time, from C back to the leaves");
    g.C().backward();
    List<Node> order = Topo.order(g.C());
    IO.println("   In reverse order, each node's ∂C/∂node is complete when its rule passes it on:");
    for (int k = order.size() - 1; k >= 0; k--) {
        Value v = (Value) order.get(k);
        IO.println("   %-8s  ∂C/∂%-6s = %+.4f   %s".formatted(name(v), shortName(v, k), v.grad(), ruleOf(v)));
    }
    Gradient byHand = ChainRule.neuron(W, B, X, Y);
    Print.row("∂C/∂w1 by backward()", g.w()[0].grad(), byHand.dw()[0]);
    Print.row("∂C/∂w2 by backward()", g.w()[1].grad(), byHand.dw()[1]);
    Print.row("∂C/∂b  by backward()", g.b().grad(), byHand.db());
    IO.println("   (the hand values are chapter 4's ChainRule.neuron: 2(a − y)·σ'(z)·x and 2(a − y)·σ'(z))");
    Random random = options.random();
    int neurons = options.quick() ? 20 : 200;
    double worst = 0;
    for (int k = 0; k < neurons; k++) {
        int n = 1 + random.nextInt(6);
        double[] w = gaussian(random, n), x = gaussian(random, n);
        double b = random.nextGaussian(), y = random.nextDouble();
        NeuronGraph random1 = NeuronGraph.of(w, b, x, y);
        random1.C().backward();
        Gradient hand = ChainRule.neuron(w, b, x, y);
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(random1.w()[i].grad() - hand.dw()[i]));
        }
        worst = Math.max(worst, Math.abs(random1.b().grad() - hand.db()));
    }
    IO.println("   On %d random neurons (seed %d, 1 to 6 inputs): largest |backward() − by hand| = %.1e  %s"
            .formatted(neurons, options.seed(), worst, worst <= 1e-12 ? "✓ (≤ 1e-12)" : "✗ above 1e-12"));
}

/// 3. The picture of step 2: the graph with every node's value and gradient, as Graphviz DOT
/// text and as a PNG (Graphviz's `dot` when installed, else Java 2D).
void step3_picture(Options options, NeuronGraph g) {
    Print.heading("3. The picture: every node with its forward value and its gradient");
    Path dot = options.out().resolve("neuron_graph.dot");
    Path png = options.out().resolve("neuron_graph.png");
    writeText(dot, GraphPicture.dot(g.C()));
    IO.println("  graph: %s (Graphviz DOT)".formatted(Repo.display(dot)));
    if (!renderWithGraphviz(dot, png)) {
        Pictures.save(GraphPicture.draw("The graph of a neuron and its cost: C = (σ(w·x + b) − y)²", g.C()),
                options, "neuron_graph");
    }
    IO.print("""
               Read the data line left to right (the forward pass) and the grad line right to left
               (the backward pass): every grad is the grad of the node it feeds times a local slope.
               x1 and x2 get gradients too: in a network they would flow on to the layer below.""".indent(3));
}

/// 4. Reused nodes: x·y + x, a·a and a neuron's weights shared by a batch. The `+=` of every
/// local rule adds the shares of the uses; an assignment would keep only the last one.
void step4_reuse() {
    Print.heading("4. A node used twice gets the sum of both gradients (the multivariate chain rule)");
    Value x = new Value(3, "x"), y = new Value(-2, "y");
    Value f = x.mul(y).add(x).named("f");
    f.backward();
    // ∂f/∂x = y (through x·y) + 1 (directly) = −2 + 1
    IO.println("   f = x·y + x at x = 3, y = −2:");
    Print.row("∂f/∂x by backward()", x.grad(), -1);
    IO.println("   by hand ∂f/∂x = y + 1 = −1: the share y = −2 from x·y plus the share 1 from + x.");
    IO.println("   A rule that assigned (x.grad = ...) instead of adding would keep only the last share.");
    Value a = new Value(1.5, "a");
    Value square = a.mul(a);
    square.backward();
    Print.row("a·a at a = 1.5: ∂(a·a)/∂a", a.grad(), 3);
    double[][] batch = {{1, 2}, {0.5, -1}, {-2, 0.3}};
    double[] targets = {1, 0, 1};
    Value[] w = NeuronGraph.leaves("w", W);
    Value b = new Value(B, "b");
    Value C = NeuronGraph.batchCost(w, b, batch, targets);
    C.backward();
    Gradient byHand = ChainRule.neuron(W, B, batch, targets);
    IO.println("   A batch of 3 examples reuses the same w and b three times: C = (1/3) Σⱼ (σ(w·xⱼ + b) − yⱼ)².");
    Print.row("∂C/∂w1, batch, backward()", w[0].grad(), byHand.dw()[0]);
    Print.row("∂C/∂b,  batch, backward()", b.grad(), byHand.db());
    IO.println("   That is chapter 4's batch gradient, the mean of the examples' gradients: the sum comes from +=.");
}

/// One operation of `Value` to check: its name, the operation on two leaves (unary ones ignore
/// the second), and how to draw inputs where it is smooth (log needs a > 0, ÷ needs b ≠ 0).
record Operation(String name, BinaryOperator<Value> f, UnaryOperator<double[]> domain) {}

/// 5. Every local rule against centred differences at random points; then the derivatives of
/// the activations by `backward()`, plotted against chapter 2's formulas.
void step5_localRules(Options options) {
    Print.heading("5. Every local rule against centred differences (bp.GradCheck)");
    List<Operation> operations = List.of(
            new Operation("a + b", Value::add, v -> v),
            new Operation("a − b", Value::sub, v -> v),
            new Operation("a × b", Value::mul, v -> v),
            new Operation("a ÷ b", Value::div, v -> new double[] {v[0], Math.copySign(0.5 + Math.abs(v[1]), v[1])}),
            new Operation("a ^ 3", (p, q) -> p.pow(3), v -> new double[] {Math.copySign(0.2 + Math.abs(v[0]), v[0]), v[1]}),
            new Operation("a ^ 0.5", (p, q) -> p.pow(0.5), v -> new double[] {0.2 + Math.abs(v[0]), v[1]}),
            new Operation("exp a", (p, q) -> p.exp(), v -> v),
            new Operation("log a", (p, q) -> p.log(), v -> new double[] {0.2 + Math.abs(v[0]), v[1]}),
            new Operation("tanh a", (p, q) -> p.tanh(), v -> v),
            new Operation("σ(a)", (p, q) -> p.sigmoid(), v -> v),
            new Operation("ReLU a", (p, q) -> p.relu(), v -> new double[] {v[0] + Math.copySign(0.1, v[0]), v[1]}));
    Random random = options.random();
    int points = options.quick() ? 10 : 100;
    IO.println("   %-8s  %-56s  %s".formatted("rule", "worst of %d random points (a, b)".formatted(points), "max rel. error"));
    double worstOfAll = 0;
    for (Operation op : operations) {
        double worst = 0;
        String where = "";
        for (int k = 0; k < points; k++) {
            double[] v = op.domain().apply(new double[] {random.nextGaussian(), random.nextGaussian()});
            Value p = new Value(v[0], "a"), q = new Value(v[1], "b");
            op.f().apply(p, q).backward();
            double[] numeric = GradCheck.numericGradient(u -> op.f().apply(new Value(u[0]), new Value(u[1])).data(), v);
            GradCheck.Report report = GradCheck.compare(op.name(), new double[] {p.grad(), q.grad()}, numeric);
            if (report.relError() >= worst) {
                worst = report.relError();
                where = "at (%+.3f, %+.3f): %s %+.6f, numeric %+.6f".formatted(v[0], v[1],
                        report.index() == 0 ? "∂/∂a" : "∂/∂b", report.analytic(), report.numeric());
            }
        }
        IO.println("   %-8s  %-56s  %.1e %s".formatted(op.name(), where, worst, worst < GradCheck.TOLERANCE ? "✓" : "✗"));
        worstOfAll = Math.max(worstOfAll, worst);
    }
    IO.println(worstOfAll < GradCheck.TOLERANCE
            ? "   ✓ below 1e-7 every time: each rule is the derivative of its operation."
            : "   ✗ a relative error of %.1e is above 1e-7: that rule is not the derivative of its operation.".formatted(worstOfAll));
    IO.println("   (ReLU's points stay 0.1 away from its kink at 0, where the centred difference straddles the");
    IO.println("   corner, and a³'s 0.2 away from 0, where its slope 3a² vanishes and the difference's own");
    IO.println("   error h² = 1e-10 would be most of the number.)");
    plotDerivatives(options);
}

/// The plot of step 5: f'(z) of tanh, σ and ReLU by `backward()` on a grid of z, as markers on
/// chapter 2's formulas (lines).
void plotDerivatives(Options options) {
    XYChart chart = Plots.lines("The derivative of an activation is z.grad after f(z).backward()", "z",
            "f'(z)");
    chart.getStyler().setYAxisMax(1.15).setMarkerSize(7).setLegendPosition(Styler.LegendPosition.InsideNW);
    double[] z = Plots.range(-4, 4, 41);
    List<UnaryOperator<Value>> fs = List.of(Value::tanh, Value::sigmoid, Value::relu);
    List<ch02.Activation> formulas = List.of(new ch02.Tanh(), new ch02.Sigmoid(), new ch02.ReLU());
    String[] names = {"tanh", "σ", "ReLU"};
    Color[] colors = {BLUE, ORANGE, GREEN};
    double[] fine = Plots.range(-4, 4, 401);
    for (int k = 0; k < fs.size(); k++) {
        ch02.Activation formula = formulas.get(k);
        Plots.line(chart, names[k] + "'(z), chapter 2's formula", fine, Arrays.stream(fine).map(formula::prime).toArray())
                .setLineColor(colors[k]);
        double[] byBackward = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            Value zi = new Value(z[i], "z");
            fs.get(k).apply(zi).backward();
            byBackward[i] = zi.grad();
        }
        XYSeries points = Plots.points(chart, names[k] + ": z.grad by backward()", z, byBackward);
        points.setMarkerColor(colors[k]);
        points.setMarker(SeriesMarkers.CIRCLE);
    }
    Plots.save(chart, options, "derivatives-by-backward");
}

/// 6. From numbers to matrices: `Tensor`'s graph of a whole network against chapter 6's
/// hand-written backward passes, every parameter of seeded random networks.
void step6_matrices(Options options) {
    Print.heading("6. Matrices: Tensor's backward() against chapter 6's backward passes");
    IO.print("""
               A Tensor is a Value whose data and grad are matrices. A dense layer is two operations,
               Z = X.matmul(W.transpose()).addRow(b), whose rules are chapter 6's equations in pieces:
               matmul passes G Bᵀ and Aᵀ G, transpose turns the gradient back, and addRow gives b the
               column sums of G, because b is reused by every row (BP4 is the multivariate chain rule).
               The cost E = A − Y, C = E.mul(E).mean() reuses E too: ∂C/∂E = 2E/N comes from two shares.""".indent(3));
    Random random = options.random();
    Dense dense = new Dense(2, 3, random);
    Tensor W = new Tensor(dense.W().copy()), b = new Tensor(dense.b().copy());
    // one dense layer on the four XOR points and the cost C = mean(Z ⊙ Z), whose ∂C/∂Z is 2Z/N
    Tensor Z = new Tensor(XOR_X).matmul(W.transpose()).addRow(b);
    Z.mul(Z).mean().backward();
    DMatrixRMaj dZ = Z.data().copy();
    CommonOps_DDRM.scale(2.0 / dZ.getNumElements(), dZ);
    dense.forward(XOR_X);
    dense.backward(dZ);
    IO.println("   One Dense(2→3) layer on the XOR points, C = mean(Z ⊙ Z): W.grad() by backward() against");
    IO.println("   chapter 6's Dense.backward(2Z/N): largest difference %.1e in ∂C/∂W, %.1e in ∂C/∂b."
            .formatted(maxDifference(W.grad(), dense.dW()), maxDifference(b.grad(), dense.db())));
    int networks = options.quick() ? 5 : 50;
    double worst = 0;
    int parameters = 0;
    for (int k = 0; k < networks; k++) {
        Network net = k % 2 == 0
                ? new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random))
                : new Network(new Dense(3, 5, random), new ReLU(), new Dense(5, 4, random),
                        new ActivationLayer(new ch02.Sigmoid()), new Dense(4, 2, random), new ActivationLayer(new ch02.Tanh()));
        int nIn = k % 2 == 0 ? 2 : 3, nOut = k % 2 == 0 ? 1 : 2, m = 1 + random.nextInt(6);
        DMatrixRMaj x = gaussian(random, m, nIn), y = gaussian(random, m, nOut);
        AutogradNetwork autograd = new AutogradNetwork(net);
        autograd.backward(x, y);
        net.backward(MeanSquaredError.gradient(net.forward(x), y));
        List<Parameter> byHand = net.parameters();
        for (int p = 0; p < byHand.size(); p++) {
            worst = Math.max(worst, maxDifference(autograd.parameters().get(p).grad(), byHand.get(p).gradient()));
            parameters++;
        }
    }
    IO.println("   %d seeded random networks (2-10-1 ReLU and 3-5-4-2 ReLU/σ/tanh, batches of 1 to 6), %d parameter"
            .formatted(networks, parameters));
    IO.println("   matrices: largest |backward() − chapter 6's backward pass| = %.1e  %s".formatted(worst,
            worst <= 1e-12 ? "✓ (≤ 1e-12)" : "✗ above 1e-12"));
}

/// 7. Chapter 6's XOR run (2-10-1, ReLU, MSE, η = 0.1, 1000 epochs) twice from the same seeded
/// weights: with chapter 6's hand-written backward pass and with `backward()`.
void step7_xor(Options options) {
    Print.heading("7. XOR trained with backward(): the same cost curve as chapter 6");
    Random random = options.random();
    Network byHand = new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random));
    AutogradNetwork autograd = new AutogradNetwork(byHand);
    double[] handCosts = new double[EPOCHS], autogradCosts = new double[EPOCHS];
    int identical = 0;
    double worst = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        handCosts[epoch] = byHand.trainStep(XOR_X, XOR_Y, ETA);
        autogradCosts[epoch] = autograd.trainStep(XOR_X, XOR_Y, ETA);
        identical += handCosts[epoch] == autogradCosts[epoch] ? 1 : 0;
        worst = Math.max(worst, Math.abs(handCosts[epoch] - autogradCosts[epoch]));
    }
    IO.println("   Both start from chapter 6's initialisation with seed %d (the autograd network copies it).".formatted(options.seed()));
    IO.println("   %5s   %-22s   %s".formatted("epoch", "C, chapter 6 by hand", "C, backward()"));
    for (int epoch : new int[] {1, 10, 100, 500, EPOCHS}) {
        IO.println("   %5d   %-22.15e   %.15e".formatted(epoch, handCosts[epoch - 1], autogradCosts[epoch - 1]));
    }
    IO.println("   largest difference over the %d epochs = %.1e; %d of %d costs are the same double  %s".formatted(
            EPOCHS, worst, identical, EPOCHS, worst <= 1e-12 ? "✓" : "✗"));
    IO.print((identical == EPOCHS ? """
               Bit for bit: every rule does chapter 6's arithmetic in the same order, so even the rounding
               errors agree. A different order of the same sums (another library) would agree to about
               1e-16, as chapter 6's PyTorch comparison does."""
            : """
               Not bit for bit: some rule does the arithmetic of chapter 6 in another order, so the rounding
               errors differ; the same sums in another order agree to about 1e-16 per step.""").indent(3));
    plotXor(options, handCosts, autogradCosts);
}

/// The plot of step 7: log₁₀ C against the epoch for both runs, the autograd one dashed on top.
void plotXor(Options options, double[] handCosts, double[] autogradCosts) {
    XYChart chart = Plots.lines("XOR 2-10-1: chapter 6's backward pass and backward() give one cost curve",
            "epoch", "log₁₀ C  (−10 means C = 1e-10)");
    chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) EPOCHS).setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] epochs = Plots.range(1, EPOCHS, EPOCHS);
    XYSeries hand = Plots.line(chart, "chapter 6: Network.trainStep (backward by hand)", epochs, log10(handCosts));
    hand.setLineColor(BLUE);
    hand.setLineWidth(6f);
    XYSeries autograd = Plots.line(chart, "chapter 10: AutogradNetwork.trainStep (backward())", epochs, log10(autogradCosts));
    autograd.setLineColor(VERMILLION);
    autograd.setLineStyle(SeriesLines.DASH_DASH);
    Plots.save(chart, options, "xor-cost-autodiff");
}

/// What the reader does next.
void whatsNext() {
    Print.heading("What's next");
    IO.println("""
               1. Write the exercises in exercises/ch10/: Topo.order and Topo.propagate, then the local
                  rules of Value (add, sub, mul, div, pow, exp, log, tanh, sigmoid, relu) and of Tensor
                  (matmul, addRow). Use += in every rule: a node used twice must get both shares.
               2. Grade them:                          ./jbang grade ch10
               3. Run this chapter on your own code:   ./jbang ch10 --mine
               4. Add an operation of your own, say Value.sin() with the rule ∂(sin a)/∂a = cos a, and
                  check it the way step 5 does. Or a softmax cross-entropy Tensor operation, checked
                  against chapter 9's (P − Y)/m.
               This is what PyTorch's autograd does at scale: the same graph, the same reverse order,
               the same local rules, for a few hundred operations on tensors of any shape.""".indent(3));
}

/// The node's name in a table: its label, or its operation when it has none.
static String name(Value v) {
    return v.label().isEmpty() ? v.op() : v.label();
}

/// The name used in ∂C/∂name: the label, or "#k" for an unnamed node.
static String shortName(Value v, int k) {
    return v.label().isEmpty() ? "#" + k : v.label();
}

/// "w1, x1" or "#2, #5": the inputs of `v`, by name or by their number in `order`.
static String inputsOf(Value v, List<Node> order) {
    if (v.inputs().isEmpty()) {
        return "(leaf)";
    }
    List<String> names = new ArrayList<>();
    for (Value input : v.inputs()) {
        names.add(input.label().isEmpty() ? "#" + order.indexOf(input) : input.label());
    }
    return v.op() + " of " + String.join(", ", names);
}

/// The local rule a node applied, as the text of the chain rule.
static String ruleOf(Value v) {
    return switch (v.op()) {
        case "" -> "a leaf: keeps the sum of what its users passed back";
        case "+" -> "passes ∂C/∂out to both inputs (slope 1)";
        case "−" -> "passes ∂C/∂out to its first input, −∂C/∂out to its second";
        case "×" -> "passes ∂C/∂out · (the other input) to each input";
        case "σ" -> "passes ∂C/∂out · σ(z)(1 − σ(z))";
        case "^2" -> "∂C/∂C = 1 to start; passes ∂C/∂out · 2·(its input)";
        default -> "";
    };
}

/// The largest |A − B| over the entries of two matrices of the same shape.
static double maxDifference(DMatrixRMaj A, DMatrixRMaj B) {
    double worst = 0;
    for (int i = 0; i < A.getNumElements(); i++) {
        worst = Math.max(worst, Math.abs(A.data[i] - B.data[i]));
    }
    return worst;
}

/// `n` standard normal draws.
static double[] gaussian(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
    }
    return v;
}

/// A rows×cols matrix of standard normal draws.
static DMatrixRMaj gaussian(Random random, int rows, int cols) {
    return DMatrixRMaj.wrap(rows, cols, gaussian(random, rows * cols));
}

/// log₁₀ of each cost, with a floor of −30 for a cost of exactly 0.
static double[] log10(double[] costs) {
    return Arrays.stream(costs).map(c -> Math.log10(Math.max(c, 1e-30))).toArray();
}

/// Writes `text` to `file`, creating its folder.
static void writeText(Path file, String text) {
    try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    } catch (IOException e) {
        throw new UserError("cannot write " + file + " (" + e.getMessage() + "); check that the folder is writable or pass --out DIR.");
    }
}

/// Renders the DOT file `dot` to the PNG `png` with Graphviz's `dot` program when it is on the
/// PATH; false, after one line saying why, when it is not there or fails.
static boolean renderWithGraphviz(Path dot, Path png) {
    boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot")));
    if (!installed) {
        IO.println("   Graphviz is not installed, so Java 2D draws the picture (for Graphviz's layout: sudo apt-get install graphviz).");
        return false;
    }
    try {
        Process process = new ProcessBuilder("dot", "-Tpng", "-o", png.toString(), dot.toString())
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            IO.println("   Graphviz's dot did not finish within 60 s; drawing with Java 2D instead.");
            return false;
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.exitValue() == 0 && Files.exists(png)) {
            IO.println("  plot: %s (drawn by Graphviz)".formatted(Repo.display(png)));
            return true;
        }
        IO.println("   Graphviz's dot failed (%s); drawing with Java 2D instead.".formatted(output.isEmpty() ? "no message" : output));
    } catch (IOException e) {
        IO.println("   Graphviz's dot could not run (%s); drawing with Java 2D instead.".formatted(e.getMessage()));
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    }
    return false;
}

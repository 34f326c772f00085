// The prelude of `./jbang shell`: JShell with the project's library and the reference solutions
// of every chapter on the class path (tools/shell/classes.java), the packages imported, and a few
// shortcuts. Try:
//
//     sigmoid(0.5)
//     var neuron = new Neuron(new double[] {2, -1}, 0.5);  neuron.a(new double[] {1, 1})
//     plot("σ", range(-6, 6, 200), map(range(-6, 6, 200), z -> sigmoid(z)))
//     var net = new Network(new Dense(2, 10, new Random(42)), new ch06.ReLU(), new Dense(10, 1, new Random(43)))
//     var x = new Value(3, "x");  var f = x.mul(x).add(x);  f.backward();  x.grad()
//
// Names that two chapters share (ReLU, Sigmoid, MeanSquaredError, ...) are written with their
// package: ch02.ReLU is the activation function, ch06.ReLU the layer.

import bp.*;
import ch01.Activations;
import ch01.Neuron;
import ch04.ChainRule;
import ch05.GradientDescent;
import ch06.Dense;
import ch06.Network;
import ch07.Adam;
import ch07.Momentum;
import ch07.Sgd;
import ch09.Mlp;
import ch10.Value;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/// σ(z) = 1 / (1 + e^(−z)), chapter 1.
double sigmoid(double z) { return Activations.sigmoid(z); }

/// ReLU(z) = max(0, z), chapter 1.
double relu(double z) { return Activations.relu(z); }

/// `n` evenly spaced numbers from `from` to `to`.
double[] range(double from, double to, int n) { return Plots.range(from, to, n); }

/// f applied to every entry of `x`.
double[] map(double[] x, DoubleUnaryOperator f) { return Arrays.stream(x).map(f).toArray(); }

/// A matrix from its rows: matrix(new double[][] {{1, 2}, {3, 4}}).
DMatrixRMaj matrix(double[][] rows) { return new DMatrixRMaj(rows); }

/// Plots y against x as a line, saves it as out/shell/<title>.png and prints the path.
java.nio.file.Path plot(String title, double[] x, double[] y) {
    var chart = Plots.lines(title, "x", "y");
    Plots.line(chart, title, x, y);
    return Plots.save(chart, Repo.root().resolve("out/shell"), title.replaceAll("[^A-Za-z0-9_-]+", "_"));
}

System.out.println("backprop shell: the library and every chapter's solutions are loaded. Try sigmoid(0.5); /exit to leave.");

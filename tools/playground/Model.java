package playground;

import ch02.Activation;
import ch02.LeakyReLU;
import ch02.ReLU;
import ch02.Sigmoid;
import ch02.Tanh;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.Layer;
import ch06.Network;
import ch07.Adam;
import ch07.Momentum;
import ch07.Nesterov;
import ch07.Optimizer;
import ch07.RMSProp;
import ch07.Sgd;
import ch08.BatchNorm;
import ch08.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/// The student's network, built from chapter 6's layers, and its training: chapter 3's cost,
/// chapter 6's backward pass, chapter 7's optimizer, chapter 8's initialisation and batch norm.
///
/// The network is a [Network] of stages, one per layer of neurons:
///
///     X ─ Dense ─ [BatchNorm] ─ ActivationLayer ─ … ─ Dense ─ [ActivationLayer] ─ out
///
/// Batch norm, when on, sits between the weighted sum z and the activation of every hidden layer.
/// The output layer has k neurons: one for two classes (its a is the probability of class 1),
/// one per class otherwise, and always one per class with the cross-entropy, whose softmax is part
/// of the cost ([Loss]). Shapes: every matrix holds m examples, one per row.
final class Model {

    /// One layer of neurons: its dense layer (z = W a⁻ + b), its batch norm (or null) and its
    /// activation layer (or null for the output with the cross-entropy).
    record Stage(Dense dense, BatchNorm norm, ActivationLayer activation) {

        /// The number of neurons of the stage.
        int width() {
            return dense.nOut();
        }
    }

    /// The values of one stage for a batch: z (the dense layer's output, m×n), the batch norm's
    /// output (m×n, or null) and a (m×n: the activation's output, or softmax(z) at a softmax output).
    record Values(DMatrixRMaj z, DMatrixRMaj normed, DMatrixRMaj a) {}

    final Spec spec;
    final Network network;
    final List<Stage> stages;
    final Loss loss;
    final Optimizer optimizer;
    final int outputs;
    private final Random random;

    /// The network of `spec` for data with `classes` classes, its weights drawn with the spec's seed.
    Model(Spec spec, int classes) {
        this.spec = spec;
        this.loss = Loss.of(spec.cost());
        this.outputs = spec.cost().equals("cross-entropy") || classes > 2 ? classes : 1;
        this.random = new Random(spec.seed());
        List<Layer> layers = new ArrayList<>();
        List<Stage> built = new ArrayList<>();
        int nIn = 2;
        List<Integer> widths = new ArrayList<>(spec.hidden());
        widths.add(outputs);
        for (int l = 0; l < widths.size(); l++) {
            int nOut = widths.get(l);
            boolean output = l == widths.size() - 1;
            Dense dense = dense(spec.init(), nIn, nOut, random);
            BatchNorm norm = spec.batchNorm() && !output ? new BatchNorm(nOut) : null;
            ActivationLayer activation = output && !loss.outputActivation()
                    ? null : new ActivationLayer(activation(spec.activations().get(l)));
            layers.add(dense);
            if (norm != null) {
                layers.add(norm);
            }
            if (activation != null) {
                layers.add(activation);
            }
            built.add(new Stage(dense, norm, activation));
            nIn = nOut;
        }
        this.network = new Network(layers);
        this.stages = List.copyOf(built);
        this.optimizer = optimizer(spec);
    }

    /// One epoch of mini-batch training on `train`: the examples in a random order, then for each batch of the spec's size
    ///
    ///     out = forward(X);  backward(∂C/∂out);  optimizer.step(every parameter)
    ///
    /// With batch norm a last batch of a single example is left out (it has no variance).
    void epoch(DataSet train) {
        int m = train.size();
        int[] order = shuffled(m, random);
        for (int start = 0; start < m; start += spec.batchSize()) {
            int end = Math.min(m, start + spec.batchSize());
            if (spec.batchNorm() && end - start < 2) {
                break;
            }
            int[] rows = java.util.Arrays.copyOfRange(order, start, end);
            DataSet batch = train.rows(rows);
            DMatrixRMaj out = network.forward(inputs(batch.X()));
            network.backward(loss.gradient(out, targets(batch)));
            optimizer.step(network.parameters());
        }
    }

    /// The cost C on a whole data set, in inference mode (batch norm with its running averages).
    double cost(DataSet data) {
        return loss.value(evaluate(inputs(data.X())), targets(data));
    }

    /// The fraction of the points of `data` whose predicted class is their label.
    double accuracy(DataSet data) {
        DMatrixRMaj P = loss.probabilities(evaluate(inputs(data.X())));
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            right += predictedClass(P, i) == data.label()[i] ? 1 : 0;
        }
        return (double) right / data.size();
    }

    /// The class predicted for row `i` of the probabilities `P`: a ≥ 0.5 for one output, the
    /// largest probability otherwise.
    int predictedClass(DMatrixRMaj P, int i) {
        if (P.numCols == 1) {
            return P.get(i, 0) >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < P.numCols; j++) {
            if (P.get(i, j) > P.get(i, best)) {
                best = j;
            }
        }
        return best;
    }

    /// The network's output for `X` (m×2) in inference mode: batch norm uses its running
    /// averages, so that a point's output does not depend on the others.
    DMatrixRMaj evaluate(DMatrixRMaj X) {
        return inference(() -> network.forward(X));
    }

    /// Every stage's values for `X` (m×2) in inference mode, the layers applied one by one as
    /// [Network#forward] does, keeping what each stage computed.
    List<Values> stageValues(DMatrixRMaj X) {
        return inference(() -> forwardStages(X));
    }

    /// The stages' values for `X` in the current mode (training mode: batch statistics).
    List<Values> forwardStages(DMatrixRMaj X) {
        List<Values> values = new ArrayList<>();
        DMatrixRMaj a = X;
        for (Stage stage : stages) {
            DMatrixRMaj z = stage.dense().forward(a);
            DMatrixRMaj normed = stage.norm() != null ? stage.norm().forward(z) : null;
            DMatrixRMaj in = normed != null ? normed : z;
            a = stage.activation() != null ? stage.activation().forward(in) : in;
            values.add(new Values(z, normed, stage.activation() != null ? a : loss.probabilities(z)));
        }
        return values;
    }

    private <T> T inference(java.util.function.Supplier<T> work) {
        stages.stream().filter(s -> s.norm() != null).forEach(s -> s.norm().eval());
        try {
            return work.get();
        } finally {
            stages.stream().filter(s -> s.norm() != null).forEach(s -> s.norm().train());
        }
    }

    /// 0, 1, …, m − 1 in a random order drawn with `random` (the same seed gives the same order).
    static int[] shuffled(int m, Random random) {
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, m).boxed().toList());
        java.util.Collections.shuffle(order, random);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /// The points `X` (m rows of x1, x2) as an m×2 matrix.
    static DMatrixRMaj inputs(double[][] X) {
        return new DMatrixRMaj(X);
    }

    /// The targets of `data` (m×k): the label itself (0 or 1) for one output, one-hot rows otherwise.
    DMatrixRMaj targets(DataSet data) {
        DMatrixRMaj Y = new DMatrixRMaj(data.size(), outputs);
        for (int i = 0; i < data.size(); i++) {
            if (outputs == 1) {
                Y.set(i, 0, data.label()[i]);
            } else {
                Y.set(i, data.label()[i], 1);
            }
        }
        return Y;
    }

    /// Chapter 2's activation `name`.
    static Activation activation(String name) {
        return switch (name) {
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            case "leaky-relu" -> new LeakyReLU();
            default -> throw new IllegalArgumentException("no activation " + name);
        };
    }

    /// A dense layer nIn → nOut with chapter 6's uniform weights and biases, or chapter 8's Xavier
    /// or He weights and zero biases.
    private static Dense dense(String init, int nIn, int nOut, Random random) {
        return switch (init) {
            case "uniform" -> new Dense(nIn, nOut, random);
            case "xavier" -> new Dense(Init.xavier(nIn, nOut, random), new DMatrixRMaj(1, nOut));
            case "he" -> new Dense(Init.he(nIn, nOut, random), new DMatrixRMaj(1, nOut));
            default -> throw new IllegalArgumentException("no initialisation " + init);
        };
    }

    /// Chapter 7's optimizer of the spec with its settings.
    private static Optimizer optimizer(Spec spec) {
        return switch (spec.optimizer()) {
            case "sgd" -> new Sgd(spec.eta());
            case "momentum" -> new Momentum(spec.eta(), spec.mu());
            case "nesterov" -> new Nesterov(spec.eta(), spec.mu());
            case "rmsprop" -> new RMSProp(spec.eta(), spec.rho(), spec.eps());
            case "adam" -> new Adam(spec.eta(), spec.beta1(), spec.beta2(), spec.eps());
            default -> throw new IllegalArgumentException("no optimizer " + spec.optimizer());
        };
    }
}

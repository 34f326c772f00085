package playground;

import bp.GradCheck;
import ch06.Parameter;
import ch08.BatchNorm;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// One example through one step of backpropagation, with every number of it, for the page.
///
/// Forward, stage by stage: z = W a⁻ + b, then a = f(z). Backward, from the cost down, the same
/// layers' `backward` methods the training uses, keeping what each one hands to the next:
///
///     ∂C/∂a_j          what the layer above sends down (the cost's gradient at the output)
///     ∂a_j/∂z_j = f'(z_j)               chapter 2's derivative, at z
///     δ_j = ∂C/∂z_j = ∂C/∂a_j · f'(z_j)  what the activation layer's backward returns
///     ∂C/∂w_jk = δ_j · a⁻_k             chapter 4's ∂C/∂a · ∂a/∂z · ∂z/∂w, from the dense layer's backward
///
/// With the cross-entropy the output's δ is (p − y) straight from the cost; with batch norm the
/// path from a to z goes through the normalisation (so there is no single f'(z) factor), and the
/// example needs a batch to be normalised with: it is traced in a batch of the spec's size (itself
/// first, then the training examples that follow it), its own row is shown, and ∂C/∂w is the
/// batch's gradient. The running averages of batch norm are put back afterwards: a trace does not
/// change the model.
///
/// The step ends with a gradient check of every parameter: centred differences of the same cost
/// against the gradients the backward passes stored.
final class Trace {

    private Trace() {}

    /// The trace of training example `example` of `train` through `model`.
    static JsonObject of(Model model, DataSet train, int example) {
        int B = model.spec.batchNorm() ? Math.min(model.spec.batchSize(), train.size()) : 1;
        int[] rows = new int[B];
        for (int i = 0; i < B; i++) {
            rows[i] = (example + i) % train.size();
        }
        DataSet batch = train.rows(rows);
        DMatrixRMaj X = Model.inputs(batch.X());
        DMatrixRMaj Y = model.targets(batch);
        List<DMatrixRMaj[]> saved = saveRunningAverages(model);
        try {
            List<Model.Values> values = model.forwardStages(X);
            Model.Values last = values.getLast();
            DMatrixRMaj out = model.stages.getLast().activation() != null ? last.a() : last.z();
            double C = model.loss.value(out, Y);
            int L = model.stages.size();
            DMatrixRMaj[] dA = new DMatrixRMaj[L];
            DMatrixRMaj[] delta = new DMatrixRMaj[L];
            DMatrixRMaj upstream = model.loss.gradient(out, Y);
            for (int l = L - 1; l >= 0; l--) {
                Model.Stage stage = model.stages.get(l);
                DMatrixRMaj g = upstream;
                if (stage.activation() != null) {
                    dA[l] = g;
                    g = stage.activation().backward(g);
                }
                if (stage.norm() != null) {
                    g = stage.norm().backward(g);
                }
                delta[l] = g;
                upstream = stage.dense().backward(g);
            }
            JsonObject trace = new JsonObject();
            trace.addProperty("example", example);
            trace.add("x", array(batch.X()[0]));
            trace.addProperty("label", batch.label()[0]);
            trace.add("y", array(row(Y, 0)));
            trace.addProperty("batch", B);
            trace.addProperty("cost", C);
            JsonArray stages = new JsonArray();
            for (int l = 0; l < L; l++) {
                DMatrixRMaj below = l == 0 ? X : values.get(l - 1).a();
                stages.add(stage(model.stages.get(l), values.get(l), dA[l], delta[l], below));
            }
            trace.add("stages", stages);
            trace.add("check", gradientCheck(model, X, Y));
            return trace;
        } finally {
            restoreRunningAverages(model, saved);
        }
    }

    /// The numbers of one stage for row 0 of the batch: per neuron z, a, ∂C/∂a, f'(z), δ, b and
    /// ∂C/∂b; per weight w_jk, ∂C/∂w_jk and its factors.
    private static JsonObject stage(Model.Stage stage, Model.Values v, DMatrixRMaj dA, DMatrixRMaj delta, DMatrixRMaj below) {
        JsonObject json = new JsonObject();
        json.addProperty("activation", stage.activation() != null ? stage.activation().activation().name() : "softmax (in the cost)");
        json.addProperty("batchNorm", stage.norm() != null);
        JsonArray neurons = new JsonArray();
        double[] dadz = new double[stage.width()];
        for (int j = 0; j < stage.width(); j++) {
            JsonObject neuron = new JsonObject();
            neuron.addProperty("z", v.z().get(0, j));
            if (v.normed() != null) {
                neuron.addProperty("normed", v.normed().get(0, j));
            }
            neuron.addProperty("a", v.a().get(0, j));
            neuron.addProperty("delta", delta.get(0, j));
            neuron.addProperty("b", stage.dense().b().get(0, j));
            neuron.addProperty("db", stage.dense().db().get(0, j));
            if (dA != null) {
                neuron.addProperty("dCda", dA.get(0, j));
                if (stage.norm() == null) {
                    // ∂a/∂z = f'(z): chapter 2's derivative at this neuron's z
                    dadz[j] = stage.activation().activation().prime(v.z().get(0, j));
                    neuron.addProperty("dadz", dadz[j]);
                }
            }
            neurons.add(neuron);
        }
        json.add("neurons", neurons);
        JsonArray weights = new JsonArray();
        DMatrixRMaj W = stage.dense().W();
        DMatrixRMaj dW = stage.dense().dW();
        for (int j = 0; j < W.numRows; j++) {
            JsonArray row = new JsonArray();
            for (int k = 0; k < W.numCols; k++) {
                JsonObject w = new JsonObject();
                w.addProperty("w", W.get(j, k));
                w.addProperty("dw", dW.get(j, k));
                // ∂z_j/∂w_jk = a⁻_k, the input the weight multiplies
                w.addProperty("dzdw", below.get(0, k));
                // this example's chain: ∂C/∂a · ∂a/∂z · ∂z/∂w, or δ · ∂z/∂w where there is no single ∂a/∂z
                boolean threeFactors = dA != null && stage.norm() == null;
                w.addProperty("chain", threeFactors
                        ? dA.get(0, j) * dadz[j] * below.get(0, k)
                        : delta.get(0, j) * below.get(0, k));
                row.add(w);
            }
            weights.add(row);
        }
        json.add("weights", weights);
        return json;
    }

    /// Centred differences of the batch's cost with respect to every parameter, against the
    /// gradients the backward passes stored, compared as one vector of all the parameters:
    ///
    ///     ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖)
    ///
    /// One entry's relative error would say little here: after some training many gradients are
    /// tiny (1e-8 at a saturated unit, exactly 0 for the bias of a layer before batch norm, whose
    /// shift the normalisation takes away), and their relative error is nothing but the rounding
    /// of the difference quotient. The entry that is off most is named too. When the whole gradient
    /// is below 1e-6, ‖analytic − numeric‖ itself is the error.
    private static JsonObject gradientCheck(Model model, DMatrixRMaj X, DMatrixRMaj Y) {
        double difference = 0;
        double size = 0;
        double sizeNumeric = 0;
        GradCheck.Report worst = null;
        for (Parameter p : model.network.parameters()) {
            DMatrixRMaj theta = p.value();
            int n = theta.getNumElements();
            double[] analytic = Arrays.copyOf(p.gradient().data, n);
            double[] numeric = Arrays.copyOf(GradCheck.numericGradient(ignored -> {
                List<Model.Values> values = model.forwardStages(X);
                Model.Values last = values.getLast();
                return model.loss.value(model.stages.getLast().activation() != null ? last.a() : last.z(), Y);
            }, theta.data), n);
            for (int i = 0; i < n; i++) {
                difference += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                size += analytic[i] * analytic[i];
                sizeNumeric += numeric[i] * numeric[i];
            }
            GradCheck.Report report = GradCheck.compare("∂C/∂" + p.name(), analytic, numeric, theta.numCols);
            if (worst == null || Math.abs(report.analytic() - report.numeric()) > Math.abs(worst.analytic() - worst.numeric())) {
                worst = report;
            }
        }
        double scale = Math.sqrt(size) + Math.sqrt(sizeNumeric);
        double error = Math.sqrt(difference) / (scale < 1e-6 ? 1 : scale);
        JsonObject check = new JsonObject();
        check.addProperty("relError", error);
        check.addProperty("worst", "the entry off most: " + worst);
        check.addProperty("tolerance", GradCheck.TOLERANCE);
        check.addProperty("passes", error < GradCheck.TOLERANCE);
        return check;
    }

    private static List<DMatrixRMaj[]> saveRunningAverages(Model model) {
        List<DMatrixRMaj[]> saved = new ArrayList<>();
        for (Model.Stage stage : model.stages) {
            BatchNorm norm = stage.norm();
            saved.add(norm == null ? null : new DMatrixRMaj[] {norm.runningMean().copy(), norm.runningVariance().copy()});
        }
        return saved;
    }

    private static void restoreRunningAverages(Model model, List<DMatrixRMaj[]> saved) {
        for (int l = 0; l < saved.size(); l++) {
            if (saved.get(l) != null) {
                model.stages.get(l).norm().runningMean().setTo(saved.get(l)[0]);
                model.stages.get(l).norm().runningVariance().setTo(saved.get(l)[1]);
            }
        }
    }

    private static double[] row(DMatrixRMaj M, int i) {
        double[] row = new double[M.numCols];
        for (int j = 0; j < M.numCols; j++) {
            row[j] = M.get(i, j);
        }
        return row;
    }

    static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }
}

package playground;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// One picture of the model, sent to every page as a server-sent event: the epoch, the cost
/// curves, the weights, the decision boundary on a grid and every neuron's output on a smaller grid.
///
/// The grids are computed here, by the network itself (in inference mode), and sent as bytes in
/// Base64 so that a frame stays small (27 kB for a 2-8-8-1 network, 117 kB for six layers of 16):
///
/// - `boundary`: [#GRID]×[#GRID] points of the plane, row by row from the top (x2 largest) and
///   left to right; `cls` holds the predicted class of each point and `conf` how sure the network
///   is, 0 to 255 (for one output: |2a − 1|; for several: the largest probability, rescaled
///   from 1/k … 1 to 0 … 255);
/// - `neurons[l][j]`: neuron j of layer l on [#SMALL]×[#SMALL] points, a as a byte q with
///   a ≈ (q − 128) / 127 · scale, where scale = max |a| over the grid.
final class Frame {

    /// The side of the decision boundary's grid and of a neuron's picture.
    static final int GRID = 64;
    static final int SMALL = 24;

    /// JSON with NaN and ∞ allowed in, so that a diverged model still makes a frame (the numbers
    /// that are not finite are written as null: see [#number]).
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Frame() {}

    /// The frame's JSON for `model` (null when it could not be built) on the data `all`.
    static String of(Model model, DataSet all, int epoch, boolean playing, List<double[]> history, String message,
                     int dataVersion, String code) {
        JsonObject frame = new JsonObject();
        frame.addProperty("epoch", epoch);
        frame.addProperty("playing", playing);
        frame.addProperty("message", message);
        frame.addProperty("dataVersion", dataVersion);
        frame.addProperty("code", code);
        String[] series = {"epoch", "trainCost", "testCost", "trainAccuracy", "testAccuracy"};
        JsonObject curves = new JsonObject();
        for (int s = 0; s < series.length; s++) {
            JsonArray values = new JsonArray();
            for (double[] point : history) {
                values.add(number(point[s]));
            }
            curves.add(series[s], values);
        }
        frame.add("history", curves);
        if (all != null) {
            double[] domain = domain(all);
            frame.add("domain", Trace.array(domain));
            if (model != null) {
                try {
                    frame.add("network", network(model));
                    frame.add("boundary", boundary(model, domain));
                    frame.add("neurons", neurons(model, domain));
                } catch (RuntimeException | Error e) {
                    frame.addProperty("message", Errors.sentence(e, code));
                    frame.remove("network");
                    frame.remove("boundary");
                }
            }
        }
        return GSON.toJson(frame);
    }

    /// The square [x1min, x1max, x2min, x2max] around every point, with a margin of 10 %.
    static double[] domain(DataSet data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] min = {lo, lo};
        double[] max = {hi, hi};
        for (double[] p : data.X()) {
            for (int d = 0; d < 2; d++) {
                min[d] = Math.min(min[d], p[d]);
                max[d] = Math.max(max[d], p[d]);
            }
        }
        double half = Math.max(1e-9, Math.max(max[0] - min[0], max[1] - min[1])) * 0.55;
        double c0 = (min[0] + max[0]) / 2;
        double c1 = (min[1] + max[1]) / 2;
        return new double[] {c0 - half, c0 + half, c1 - half, c1 + half};
    }

    /// The points of an n×n grid over `domain`, row by row from the top: an n²×2 matrix.
    static DMatrixRMaj grid(double[] domain, int n) {
        DMatrixRMaj X = new DMatrixRMaj(n * n, 2);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                X.set(r * n + c, 0, domain[0] + (c + 0.5) / n * (domain[1] - domain[0]));
                X.set(r * n + c, 1, domain[3] - (r + 0.5) / n * (domain[3] - domain[2]));
            }
        }
        return X;
    }

    /// The layer widths (2 inputs first), each layer's activation, and every weight and bias.
    private static JsonObject network(Model model) {
        JsonObject json = new JsonObject();
        JsonArray widths = new JsonArray();
        widths.add(2);
        JsonArray activations = new JsonArray();
        JsonArray weights = new JsonArray();
        JsonArray biases = new JsonArray();
        for (Model.Stage stage : model.stages) {
            widths.add(stage.width());
            activations.add(stage.activation() != null ? stage.activation().activation().name() : "softmax");
            weights.add(matrix(stage.dense().W()));
            biases.add(matrix(stage.dense().b()).get(0));
        }
        json.add("widths", widths);
        json.add("activations", activations);
        json.add("weights", weights);
        json.add("biases", biases);
        json.addProperty("batchNorm", model.spec.batchNorm());
        json.addProperty("text", model.network.toString());
        return json;
    }

    private static JsonObject boundary(Model model, double[] domain) {
        DMatrixRMaj P = model.loss.probabilities(model.evaluate(grid(domain, GRID)));
        byte[] cls = new byte[GRID * GRID];
        byte[] conf = new byte[GRID * GRID];
        for (int i = 0; i < cls.length; i++) {
            int k = model.predictedClass(P, i);
            cls[i] = (byte) k;
            double sure = P.numCols == 1 ? Math.abs(2 * P.get(i, 0) - 1)
                    : (P.get(i, k) - 1.0 / P.numCols) / (1 - 1.0 / P.numCols);
            conf[i] = (byte) Math.round(255 * clamp(sure));
        }
        JsonObject json = new JsonObject();
        json.addProperty("n", GRID);
        json.addProperty("cls", Base64.getEncoder().encodeToString(cls));
        json.addProperty("conf", Base64.getEncoder().encodeToString(conf));
        return json;
    }

    private static JsonArray neurons(Model model, double[] domain) {
        List<Model.Values> values = model.stageValues(grid(domain, SMALL));
        JsonArray layers = new JsonArray();
        for (Model.Values v : values) {
            JsonArray layer = new JsonArray();
            for (int j = 0; j < v.a().numCols; j++) {
                double scale = 0;
                for (int i = 0; i < v.a().numRows; i++) {
                    scale = Math.max(scale, Math.abs(v.a().get(i, j)));
                }
                byte[] q = new byte[v.a().numRows];
                for (int i = 0; i < q.length; i++) {
                    double a = scale > 0 && Double.isFinite(scale) ? v.a().get(i, j) / scale : 0;
                    q[i] = (byte) (128 + Math.round(127 * clampSigned(a)));
                }
                JsonObject neuron = new JsonObject();
                neuron.add("scale", number(scale));
                neuron.addProperty("a", Base64.getEncoder().encodeToString(q));
                layer.add(neuron);
            }
            layers.add(layer);
        }
        return layers;
    }

    private static JsonArray matrix(DMatrixRMaj M) {
        JsonArray rows = new JsonArray();
        for (int i = 0; i < M.numRows; i++) {
            JsonArray row = new JsonArray();
            for (int j = 0; j < M.numCols; j++) {
                row.add(number(M.get(i, j)));
            }
            rows.add(row);
        }
        return rows;
    }

    /// `x` as JSON: null when it is not a finite number (JSON has no NaN).
    static com.google.gson.JsonElement number(double x) {
        return Double.isFinite(x) ? new JsonPrimitive(x) : JsonNull.INSTANCE;
    }

    private static double clamp(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    private static double clampSigned(double x) {
        return Double.isNaN(x) ? 0 : Math.max(-1, Math.min(1, x));
    }
}

package playground;

import bp.UserError;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/// Everything the student chose on the page: the data and the network, its training and its seed.
///
/// `hidden` holds the widths of the hidden layers (none is a single layer, chapter 1's neuron),
/// `activations` the activation of each hidden layer and then of the output layer (one more entry
/// than `hidden`; the output's is ignored with the cross-entropy cost, which puts a softmax there).
/// Every number is checked when the page sends it: a bad one ends in one sentence ([UserError]).
public record Spec(String data, int points, double noise, double testFraction,
                   List<Integer> hidden, List<String> activations, String cost,
                   String optimizer, double eta, double mu, double rho, double beta1, double beta2, double eps,
                   String init, int batchSize, boolean batchNorm, long seed) {

    /// The activations of chapter 2 a layer can have.
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "leaky-relu");

    /// The costs of chapter 3.
    public static final List<String> COSTS = List.of("mse", "mae", "bce", "cross-entropy");

    /// The optimizers of chapter 7.
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam");

    /// The initialisations: chapter 6's uniform U(−1/√nIn, 1/√nIn), chapter 8's Xavier and He.
    public static final List<String> INITS = List.of("uniform", "xavier", "he");

    /// The most hidden layers and the widest layer the page can draw.
    public static final int MAX_LAYERS = 6;
    public static final int MAX_WIDTH = 16;

    /// What the page starts with: XOR, 2-8-8-1 with tanh and a sigmoid output, cross-entropy of
    /// chapter 3 (binary), Adam with η = 0.03, Xavier initialisation, batches of 16.
    public static Spec defaults() {
        return new Spec("xor", 200, 0.0, 0.2, List.of(8, 8), List.of("tanh", "tanh", "sigmoid"), "bce",
                "adam", 0.03, 0.9, 0.9, 0.9, 0.999, 1e-8, "xavier", 16, false, 42);
    }

    /// This spec with the fields present in `json` replaced (the names are those of the record).
    public Spec with(JsonObject json) {
        List<Integer> newHidden = json.has("hidden") ? widths(json.getAsJsonArray("hidden")) : hidden;
        List<String> newActivations = json.has("activations") ? names(json.getAsJsonArray("activations")) : activations;
        Spec spec = new Spec(
                text(json, "data", data), whole(json, "points", points), number(json, "noise", noise),
                number(json, "testFraction", testFraction), newHidden, newActivations, text(json, "cost", cost),
                text(json, "optimizer", optimizer), number(json, "eta", eta), number(json, "mu", mu),
                number(json, "rho", rho), number(json, "beta1", beta1), number(json, "beta2", beta2),
                number(json, "eps", eps), text(json, "init", init), whole(json, "batchSize", batchSize),
                json.has("batchNorm") ? bool(json, "batchNorm") : batchNorm, (long) number(json, "seed", seed));
        spec.check();
        return spec;
    }

    /// The spec as JSON, the way [#with] reads it.
    public JsonObject json() {
        JsonObject json = new JsonObject();
        json.addProperty("data", data);
        json.addProperty("points", points);
        json.addProperty("noise", noise);
        json.addProperty("testFraction", testFraction);
        JsonArray widths = new JsonArray();
        hidden.forEach(widths::add);
        json.add("hidden", widths);
        JsonArray acts = new JsonArray();
        activations.forEach(acts::add);
        json.add("activations", acts);
        json.addProperty("cost", cost);
        json.addProperty("optimizer", optimizer);
        json.addProperty("eta", eta);
        json.addProperty("mu", mu);
        json.addProperty("rho", rho);
        json.addProperty("beta1", beta1);
        json.addProperty("beta2", beta2);
        json.addProperty("eps", eps);
        json.addProperty("init", init);
        json.addProperty("batchSize", batchSize);
        json.addProperty("batchNorm", batchNorm);
        json.addProperty("seed", seed);
        return json;
    }

    private void check() {
        if (!(DataSet.GENERATED.contains(data) || data.equals("csv"))) {
            throw new UserError("there is no data set \"" + data + "\"; choose one of " + String.join(", ", DataSet.GENERATED) + " or csv.");
        }
        if (!(testFraction >= 0 && testFraction <= 0.5)) {
            throw new UserError("the test fraction must be between 0 and 0.5, but it is " + testFraction + ".");
        }
        if (activations.size() != hidden.size() + 1) {
            throw new UserError("give one activation per hidden layer and one for the output: " + (hidden.size() + 1)
                    + " for " + hidden.size() + " hidden layers, but there are " + activations.size() + ".");
        }
        activations.forEach(a -> oneOf("activation", a, ACTIVATIONS));
        oneOf("cost", cost, COSTS);
        oneOf("optimizer", optimizer, OPTIMIZERS);
        oneOf("initialisation", init, INITS);
        if (!(eta > 0 && eta <= 10)) {
            throw new UserError("the learning rate η must be a number in (0, 10], but it is " + eta + ".");
        }
        decay("μ", mu);
        decay("ρ", rho);
        decay("β₁", beta1);
        decay("β₂", beta2);
        if (!(eps > 0 && eps < 1)) {
            throw new UserError("ε must be a small positive number such as 1e-8, but it is " + eps + ".");
        }
        if (batchSize < 1 || batchSize > DataSet.MAX_POINTS) {
            throw new UserError("the batch size must be between 1 and " + DataSet.MAX_POINTS + ", but it is " + batchSize + ".");
        }
        if (batchNorm && batchSize < 2) {
            throw new UserError("batch norm needs at least 2 examples per batch to take a variance; set the batch size to 2 or more.");
        }
    }

    private static void oneOf(String what, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new UserError("there is no " + what + " \"" + value + "\"; choose one of " + String.join(", ", allowed) + ".");
        }
    }

    private static void decay(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new UserError(name + " must be in [0, 1), but it is " + value + ".");
        }
    }

    private static List<Integer> widths(JsonArray array) {
        if (array.size() > MAX_LAYERS) {
            throw new UserError("the playground draws at most " + MAX_LAYERS + " hidden layers, but " + array.size() + " were given.");
        }
        List<Integer> widths = new ArrayList<>();
        for (JsonElement e : array) {
            int width = asWhole(e, "a layer's width");
            if (width < 1 || width > MAX_WIDTH) {
                throw new UserError("a hidden layer must have between 1 and " + MAX_WIDTH + " neurons, but one has " + width + ".");
            }
            widths.add(width);
        }
        return List.copyOf(widths);
    }

    private static List<String> names(JsonArray array) {
        List<String> names = new ArrayList<>();
        array.forEach(e -> names.add(e.getAsString()));
        return List.copyOf(names);
    }

    private static String text(JsonObject json, String key, String otherwise) {
        return json.has(key) ? json.get(key).getAsString() : otherwise;
    }

    private static boolean bool(JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new UserError(key + " must be true or false, but it is " + e + ".");
        }
        return e.getAsBoolean();
    }

    private static double number(JsonObject json, String key, double otherwise) {
        if (!json.has(key)) {
            return otherwise;
        }
        try {
            double value = json.get(key).getAsDouble();
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new UserError(key + " must be a number, but it is " + json.get(key) + ".");
    }

    private static int whole(JsonObject json, String key, int otherwise) {
        return json.has(key) ? asWhole(json.get(key), key) : otherwise;
    }

    private static int asWhole(JsonElement e, String what) {
        try {
            double value = e.getAsDouble();
            if (value == Math.rint(value) && Math.abs(value) < 1e9) {
                return (int) value;
            }
        } catch (RuntimeException ex) {
            // reported below
        }
        throw new UserError(what + " must be a whole number, but it is " + e + ".");
    }
}

package playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.Repo;
import ch02.Sigmoid;
import ch02.Tanh;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.Network;
import ch06.Parameter;
import ch06.Weights;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/// The playground's web API on loopback: the page and nothing else is served, settings and files
/// are checked with one-sentence errors, training solves XOR, the backprop trace is the chain rule
/// and passes its gradient check, the weights export loads into chapter 6's network, and `--mine`
/// runs on the student's classes and names an unfinished exercise.
@DisplayName("playground server")
class ServerTest {

    private Playground playground;
    private Api api;

    @BeforeEach
    void start() {
        playground = Server.start(0, "the reference solutions");
        api = new Api(playground);
    }

    @AfterEach
    void stop() {
        playground.close();
    }

    @Test
    @DisplayName("serves the page and its modules, nothing outside tools/playground/web, only to its own host name, and takes changes only from its own page")
    void servesThePage() throws Exception {
        var page = api.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"main.js\">"), page.body());
        for (String module : List.of("main.js", "api.js", "draw.js", "trace.js", "style.css")) {
            var file = api.get("/" + module);
            assertEquals(200, file.statusCode(), module);
            assertEquals(Files.readString(Repo.path("tools/playground/web/" + module)), file.body(), module);
        }
        assertEquals(404, api.get("/nothing.js").statusCode());
        assertEquals(404, api.get("/%2e%2e/%2e%2e/README.md").statusCode());
        assertEquals(404, api.get("/api/nothing").statusCode());
        try (Socket socket = new Socket("127.0.0.1", playground.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: attacker.example:" + playground.uri().getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
        var foreign = Api.HTTP.send(java.net.http.HttpRequest.newBuilder(playground.uri().resolve("/api/play"))
                .header("Origin", "http://attacker.example").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());
        assertFalse(api.frame().get("playing").getAsBoolean());
    }

    @Test
    @DisplayName("the options and the state: XOR, 2-8-8-1 with tanh, 160 training and 40 test points")
    void optionsAndState() throws Exception {
        JsonObject options = api.json("/api/options");
        assertEquals("[\"xor\",\"circles\",\"moons\",\"spirals\",\"blobs\",\"csv\"]", options.get("data").toString());
        assertEquals("[\"sgd\",\"momentum\",\"nesterov\",\"rmsprop\",\"adam\"]", options.get("optimizers").toString());
        JsonObject state = api.json("/api/state");
        assertEquals(160, state.getAsJsonArray("train").size());
        assertEquals(40, state.getAsJsonArray("test").size());
        JsonObject frame = api.frame();
        assertEquals("[2,8,8,1]", frame.getAsJsonObject("network").get("widths").toString());
        assertEquals(Frame.GRID * Frame.GRID, Base64.getDecoder().decode(frame.getAsJsonObject("boundary").get("cls").getAsString()).length);
        assertEquals(8, frame.getAsJsonArray("neurons").get(0).getAsJsonArray().size());
    }

    @Test
    @Timeout(30)
    @DisplayName("play trains XOR until every training and test point is right and the boundary puts each corner in its class")
    void solvesXor() throws Exception {
        api.postJson("/api/play", "");
        JsonObject solved = api.frame(f -> Api.last(f, "trainAccuracy") == 1.0 && Api.last(f, "testAccuracy") == 1.0,
                Duration.ofSeconds(25));
        api.postJson("/api/pause", "");
        assertTrue(solved.get("epoch").getAsInt() > 0);
        JsonArray d = solved.getAsJsonArray("domain");
        byte[] cls = Base64.getDecoder().decode(solved.getAsJsonObject("boundary").get("cls").getAsString());
        int n = Frame.GRID;
        double[][] corners = {{-0.5, -0.5, 0}, {0.5, 0.5, 0}, {-0.5, 0.5, 1}, {0.5, -0.5, 1}};
        for (double[] corner : corners) {
            int c = (int) ((corner[0] - d.get(0).getAsDouble()) / (d.get(1).getAsDouble() - d.get(0).getAsDouble()) * n);
            int r = (int) ((d.get(3).getAsDouble() - corner[1]) / (d.get(3).getAsDouble() - d.get(2).getAsDouble()) * n);
            assertEquals((int) corner[2], cls[r * n + c], "class at (" + corner[0] + ", " + corner[1] + ")");
        }
    }

    @Test
    @DisplayName("one example's trace is the chain rule: δ = ∂C/∂a · f'(z), ∂C/∂w = δ · a⁻ = Dense's ∂C/∂w, δ = ∂C/∂b, output δ = a − y, gradient check below 1e-6")
    void traceIsTheChainRule() throws Exception {
        api.postJson("/api/step", "");
        JsonObject trace = api.json("/api/trace?example=3");
        assertEquals(1, trace.get("batch").getAsInt());
        JsonArray stages = trace.getAsJsonArray("stages");
        assertEquals(3, stages.size());
        for (int l = 0; l < stages.size(); l++) {
            JsonObject stage = stages.get(l).getAsJsonObject();
            JsonArray neurons = stage.getAsJsonArray("neurons");
            for (int j = 0; j < neurons.size(); j++) {
                JsonObject neuron = neurons.get(j).getAsJsonObject();
                double z = neuron.get("z").getAsDouble();
                double delta = neuron.get("delta").getAsDouble();
                if (l < 2) {
                    assertEquals(Math.tanh(z), neuron.get("a").getAsDouble(), 1e-14);
                    assertEquals(1 - Math.tanh(z) * Math.tanh(z), neuron.get("dadz").getAsDouble(), 1e-12);
                }
                assertEquals(neuron.get("dCda").getAsDouble() * neuron.get("dadz").getAsDouble(), delta, 1e-15);
                // with one example, ∂C/∂b_j = δ_j: the bias's input is 1
                assertEquals(delta, neuron.get("db").getAsDouble(), 0);
                JsonArray row = stage.getAsJsonArray("weights").get(j).getAsJsonArray();
                for (JsonElement w : row) {
                    double dw = w.getAsJsonObject().get("dw").getAsDouble();
                    assertEquals(dw, w.getAsJsonObject().get("chain").getAsDouble(), 1e-14 + 1e-12 * Math.abs(dw));
                    assertEquals(dw, delta * w.getAsJsonObject().get("dzdw").getAsDouble(), 1e-14 + 1e-12 * Math.abs(dw));
                }
            }
        }
        // binary cross-entropy after a sigmoid: δ = (a − y)/(a(1 − a)) · a(1 − a) = a − y
        JsonObject output = stages.get(2).getAsJsonObject().getAsJsonArray("neurons").get(0).getAsJsonObject();
        double a = output.get("a").getAsDouble();
        double y = trace.getAsJsonArray("y").get(0).getAsDouble();
        assertEquals(a - y, output.get("delta").getAsDouble(), 1e-12);
        JsonObject check = trace.getAsJsonObject("check");
        assertTrue(check.get("relError").getAsDouble() < 1e-7 && check.get("passes").getAsBoolean(), check.toString());
    }

    @Test
    @DisplayName("with batch norm and softmax cross-entropy on the blobs the trace uses a batch, its output δ is (p − y)/B and its gradient check passes")
    void traceWithBatchNorm() throws Exception {
        api.postJson("/api/config", "{\"data\": \"blobs\", \"batchNorm\": true, \"cost\": \"cross-entropy\", \"activations\": [\"relu\", \"tanh\", \"sigmoid\"]}");
        api.postJson("/api/step", "");
        JsonObject trace = api.json("/api/trace?example=0");
        int B = trace.get("batch").getAsInt();
        assertEquals(16, B);
        JsonArray stages = trace.getAsJsonArray("stages");
        assertTrue(stages.get(0).getAsJsonObject().get("batchNorm").getAsBoolean());
        JsonArray out = stages.get(2).getAsJsonObject().getAsJsonArray("neurons");
        assertEquals(3, out.size());
        for (int k = 0; k < 3; k++) {
            JsonObject neuron = out.get(k).getAsJsonObject();
            double p = neuron.get("a").getAsDouble();
            double y = trace.getAsJsonArray("y").get(k).getAsDouble();
            assertEquals((p - y) / B, neuron.get("delta").getAsDouble(), 1e-15);
        }
        JsonObject check = trace.getAsJsonObject("check");
        assertTrue(check.get("relError").getAsDouble() < 1e-5, check.toString());
    }

    @Test
    @DisplayName("bad settings get one sentence each and status 400")
    void badSettings() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"eta\": -1}", "the learning rate η must be a number in (0, 10], but it is -1.0.",
                "{\"data\": \"waves\"}", "there is no data set \"waves\"; choose one of xor, circles, moons, spirals, blobs or csv.",
                "{\"hidden\": [0], \"activations\": [\"tanh\", \"sigmoid\"]}", "a hidden layer must have between 1 and 16 neurons, but one has 0.",
                "{\"batchNorm\": true, \"batchSize\": 1}", "batch norm needs at least 2 examples per batch to take a variance; set the batch size to 2 or more.",
                "{\"hidden\": [4]}", "give one activation per hidden layer and one for the output: 2 for 1 hidden layers, but there are 3.",
                "{\"data\": \"csv\"}", "no CSV file has been uploaded yet; choose a file with x1,x2,label on each line first.");
        for (var c : cases.entrySet()) {
            assertEquals(c.getValue(), Api.error(api.post("/api/config", c.getKey())), c.getKey());
        }
        assertTrue(Api.error(api.post("/api/config", "not json")).startsWith("the settings are not a JSON object"));
        assertEquals("there is no training example 999; the training set has examples 0 to 159.",
                Api.error(api.get("/api/trace?example=999")));
        assertEquals("the number of points must be between 4 and 5000, but it is 2.", Api.error(api.post("/api/config", "{\"points\": 2}")));
        assertEquals(200, api.json("/api/state").get("spec").getAsJsonObject().get("points").getAsInt(), "a refused change changes nothing");
    }

    @Test
    @DisplayName("a CSV file with a header and named classes becomes the data; a bad one gets one sentence naming the line")
    void csvUpload() throws Exception {
        StringBuilder good = new StringBuilder("x1,x2,label\n");
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            good.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(',').append(i % 2 == 0 ? "red" : "blue").append('\n');
        }
        JsonObject state = api.postJson("/api/csv?name=points.csv", good.toString());
        assertEquals("[\"blue\",\"red\"]", state.get("classes").toString());
        assertEquals(50, state.getAsJsonArray("train").size() + state.getAsJsonArray("test").size());
        assertEquals("csv", state.getAsJsonObject("spec").get("data").getAsString());
        Map<String, String> bad = Map.of(
                "0.1,0.2,0\n0.3,0.4\n", "bad.csv line 2 has 2 fields but every line must be x1,x2,label (two numbers and a class).",
                "0.1,0.2,0\n0.3,oops,1\n", "bad.csv line 2: \"oops\" is not a finite number; x1 and x2 must be numbers such as 0.5 or -1.2e-3.",
                "0,0,a\n1,1,a\n2,2,a\n3,3,a\n", "bad.csv has 1 class (a) but the playground needs between 2 and 8 distinct labels.",
                "x,y,label\n0,0,a\n1,1,b\n", "bad.csv has 2 points but the playground needs at least 4 lines x1,x2,label.");
        for (var c : bad.entrySet()) {
            assertEquals(c.getValue(), Api.error(api.post("/api/csv?name=bad.csv", c.getKey())), c.getKey());
        }
    }

    @Test
    @DisplayName("the exported weights load into chapter 6's 2-8-8-1 network with exactly the frame's values")
    void weightsExport(@TempDir Path dir) throws Exception {
        api.postJson("/api/step", "");
        var answer = api.get("/api/weights");
        assertEquals(200, answer.statusCode());
        Path file = Files.writeString(dir.resolve("w.txt"), answer.body());
        Random random = new Random(7);
        Network network = new Network(new Dense(2, 8, random), new ActivationLayer(new Tanh()), new Dense(8, 8, random),
                new ActivationLayer(new Tanh()), new Dense(8, 1, random), new ActivationLayer(new Sigmoid()));
        Weights.load(file, network);
        JsonArray weights = api.frame().getAsJsonObject("network").getAsJsonArray("weights");
        List<Parameter> parameters = network.parameters();
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), parameters.stream().map(Parameter::name).toList());
        for (int l = 0; l < 3; l++) {
            JsonArray W = weights.get(l).getAsJsonArray();
            for (int j = 0; j < W.size(); j++) {
                for (int k = 0; k < W.get(j).getAsJsonArray().size(); k++) {
                    assertEquals(W.get(j).getAsJsonArray().get(k).getAsDouble(), parameters.get(2 * l).value().get(j, k), 0);
                }
            }
        }
    }

    @Test
    @Timeout(20)
    @DisplayName("a learning rate far too large stops training with one sentence about η")
    void divergence() throws Exception {
        api.postJson("/api/config", "{\"optimizer\": \"sgd\", \"eta\": 10, \"cost\": \"mse\", \"activations\": [\"leaky-relu\", \"leaky-relu\", \"leaky-relu\"], \"init\": \"he\"}");
        api.postJson("/api/play", "");
        JsonObject stopped = api.frame(f -> !f.get("message").getAsString().isEmpty(), Duration.ofSeconds(8));
        assertFalse(stopped.get("playing").getAsBoolean());
        assertTrue(stopped.get("message").getAsString().matches("the cost became (NaN|Infinity) at epoch \\d+: the learning rate η = 10.0 is too large for sgd; lower it and press reset\\."),
                stopped.get("message").getAsString());
        assertTrue(Api.error(api.get("/api/trace?example=0")).startsWith("the network's outputs are no longer finite numbers"));
    }

    @Test
    @Timeout(30)
    @DisplayName("--mine on the untouched exercises names the unfinished exercise in one sentence, on the page and for a trace")
    void mineOnStubs() throws Exception {
        try (Playground mine = StudentCode.start(Repo.path("exercises"), 0)) {
            Api student = new Api(mine);
            String message = student.frame().get("message").getAsString();
            assertEquals("TODO(ch08-xavier) in exercises/ch08/Init.java is not written yet: finish it (./jbang grade ch08 shows what is left), or run the playground without --mine.", message);
            assertEquals(message, Api.error(student.get("/api/trace?example=0")));
            student.postJson("/api/config", "{\"init\": \"uniform\"}");
            String next = student.frame().get("message").getAsString();
            assertTrue(next.startsWith("TODO(ch0") && next.contains(" is not written yet: finish it (./jbang grade ch0") && !next.contains("Exception"), next);
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("--mine on code with a typical mistake (tanh'(z) = 1 − a instead of 1 − a²): the trace's gradient check fails")
    void gradientCheckCatchesAMistake(@TempDir Path dir) throws Exception {
        copySolutions(dir);
        Path tanh = dir.resolve("ch02/Tanh.java");
        String right = Files.readString(tanh);
        assertTrue(right.contains("return 1.0 - a * a;"));
        Files.writeString(tanh, right.replace("return 1.0 - a * a;", "return 1.0 - a;"));
        try (Playground mine = StudentCode.start(dir, 0)) {
            JsonObject check = new Api(mine).json("/api/trace?example=0").getAsJsonObject("check");
            assertFalse(check.get("passes").getAsBoolean(), check.toString());
            assertTrue(check.get("relError").getAsDouble() > 1e-3, check.toString());
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("--mine on code that does not compile ends in one sentence, and on a folder without the exercises too")
    void mineThatDoesNotCompile(@TempDir Path dir) throws Exception {
        copySolutions(dir);
        Files.writeString(dir.resolve("ch02/Tanh.java"), Files.readString(dir.resolve("ch02/Tanh.java")).replace("return 1.0 - a * a;", "return 1.0 - a * a"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(bp.UserError.class, () -> StudentCode.start(dir, 0));
        assertTrue(e.getMessage().startsWith("your code in ") && e.getMessage().endsWith(" does not compile (the compiler's messages are above); fix it, or run the playground without --mine."), e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = org.junit.jupiter.api.Assertions.assertThrows(bp.UserError.class, () -> StudentCode.start(empty, 0));
        assertTrue(e.getMessage().startsWith("there are no exercises in ") && e.getMessage().contains("ch02"), e.getMessage());
    }

    /// Copies the exercise packages of solutions/ into `dir`, as a student's finished exercises/.
    private static void copySolutions(Path dir) throws Exception {
        for (String name : StudentCode.PACKAGES) {
            Files.createDirectories(dir.resolve(name));
            try (var files = Files.list(Repo.path("solutions/" + name))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(name).resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("--mine on a folder of finished classes (solutions/) trains: the cost falls after five epochs")
    void mineOnFinishedCode() throws Exception {
        try (Playground mine = StudentCode.start(Repo.path("solutions"), 0)) {
            Api student = new Api(mine);
            assertTrue(student.json("/api/state").get("code").getAsString().contains("solutions"));
            for (int i = 0; i < 5; i++) {
                student.postJson("/api/step", "");
            }
            JsonObject frame = student.frame();
            assertEquals("", frame.get("message").getAsString());
            assertEquals(5, frame.get("epoch").getAsInt());
            JsonArray cost = frame.getAsJsonObject("history").getAsJsonArray("trainCost");
            assertTrue(cost.get(5).getAsDouble() < cost.get(0).getAsDouble(), cost.toString());
        }
    }
}

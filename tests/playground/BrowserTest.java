package playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.Repo;
import ch02.Sigmoid;
import ch02.Tanh;
import ch06.ActivationLayer;
import ch06.Dense;
import ch06.Network;
import ch06.Weights;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/// The page in a real headless browser (Debian's chromium, see [Browser]): it loads, trains XOR
/// to a boundary that puts every corner in its class, shows for a traced example the δ values
/// that chapter 6's classes compute on the Java side, explains a weight's chain rule on hover,
/// downloads the weights file and the picture, shows the one-sentence error of a bad CSV file, and its screenshot is written to
/// `out/playground/playground.png`.
@DisplayName("playground page in chromium")
class BrowserTest {

    /// The training example the test traces.
    static final int EXAMPLE = 5;

    @Test
    @Timeout(90)
    @DisplayName("loads, trains XOR to a solved boundary, shows δ equal to the Java side, explains a weight, exports the weights and a PNG, shows a bad CSV's error, and writes a screenshot")
    void page(@TempDir Path dir) throws Exception {
        try (Playground playground = Server.start(0, "the reference solutions");
             Browser browser = Browser.launch()) {
            Api api = new Api(playground);
            browser.open(playground.uri());
            browser.await("window.playground && window.playground.frame && window.playground.frame.network"
                    + " && document.getElementById('connection').textContent === 'live'", Duration.ofSeconds(20), "the page loading");
            assertEquals("backprop playground", browser.eval("document.title").getAsString());
            assertEquals("running on the reference solutions", browser.eval("document.getElementById('code').textContent").getAsString());
            assertEquals("xor", browser.eval("document.getElementById('data').value").getAsString());

            // train: play until the page reports every training and test point right, then pause
            browser.eval("document.getElementById('play').click()");
            browser.await("document.getElementById('train-accuracy') && document.getElementById('train-accuracy').textContent === '100.0%'"
                    + " && document.getElementById('test-accuracy').textContent === '100.0%'", Duration.ofSeconds(30), "XOR being solved");
            browser.eval("document.getElementById('play').click()");
            browser.await("!window.playground.frame.playing && document.getElementById('play').textContent.includes('play')",
                    Duration.ofSeconds(5), "training pausing");
            // the boundary as drawn: in each quadrant, a pixel away from every point has its class's colour
            JsonArray corners = browser.eval(QUADRANT_COLOURS).getAsJsonArray();
            for (JsonElement corner : corners) {
                JsonArray c = corner.getAsJsonArray();
                int red = c.get(1).getAsInt();
                int blue = c.get(3).getAsInt();
                if (c.get(0).getAsInt() == 1) {
                    assertTrue(blue - red > 40, "class 1 (blue) at quadrant " + c);
                } else {
                    assertTrue(red - blue > 40, "class 0 (orange) at quadrant " + c);
                }
            }

            // one backprop step of one example: the page's δ against chapter 6's network on the Java side
            browser.eval("document.getElementById('example').value = '" + EXAMPLE + "'; document.getElementById('trace').click()");
            browser.await("window.playground.trace && window.playground.trace.example === " + EXAMPLE
                    + " && document.querySelectorAll('#trace-table td.delta').length === 17", Duration.ofSeconds(10), "the trace showing");
            JsonArray shown = browser.eval("[...document.querySelectorAll('#trace-table td.delta')]"
                    + ".map(td => [Number(td.dataset.layer), Number(td.dataset.neuron), Number(td.dataset.value)])").getAsJsonArray();
            DMatrixRMaj[] deltas = javaDeltas(api, dir);
            for (JsonElement e : shown) {
                JsonArray d = e.getAsJsonArray();
                double expected = deltas[d.get(0).getAsInt()].get(0, d.get(1).getAsInt());
                assertEquals(expected, d.get(2).getAsDouble(), 1e-15 + 1e-12 * Math.abs(expected), "δ of layer " + d.get(0) + " neuron " + d.get(1));
            }
            String summary = browser.eval("document.getElementById('trace-summary').textContent").getAsString();
            assertTrue(summary.contains(", right ("), summary);

            // hover the weight from x1 to the first hidden neuron: the tooltip shows chapter 4's three factors
            String tip = browser.eval(HOVER_FIRST_WEIGHT).getAsString();
            assertTrue(tip.contains("∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w") && tip.contains("Dense.backward stored ∂C/∂w"), tip);
            byte[] png = browser.screenshot();
            Path shot = Repo.path("out/playground/playground.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, png);
            assertTrue(png.length > 20_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of " + png.length + " bytes");

            // the export buttons: the weights in chapter 6's format, the picture as a PNG
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            browser.downloadsTo(downloads);
            browser.eval("document.getElementById('export-weights').click(); document.getElementById('export-png').click()");
            Path weights = downloads.resolve("playground-weights.txt");
            Path picture = downloads.resolve("playground.png");
            Browser.until(() -> Files.isRegularFile(weights) && Files.isRegularFile(picture), Duration.ofSeconds(10), "both downloads");
            Browser.until(() -> size(picture) > 10_000, Duration.ofSeconds(5), "the PNG being written");
            assertEquals(api.get("/api/weights").body(), Files.readString(weights));
            byte[] exported = Files.readAllBytes(picture);
            assertTrue(exported[1] == 'P' && exported[2] == 'N' && exported[3] == 'G', "a PNG");

            // a bad CSV file: the page shows the server's sentence
            browser.eval("(() => { const t = new DataTransfer();"
                    + " t.items.add(new File(['x1,x2,label\\n0.1,0.2,0\\n0.3,oops,1\\n'], 'bad.csv', {type: 'text/csv'}));"
                    + " const input = document.getElementById('csv'); input.files = t.files;"
                    + " input.dispatchEvent(new Event('change')); })()");
            browser.await("!document.getElementById('message').hidden", Duration.ofSeconds(10), "the CSV error showing");
            assertEquals("bad.csv line 3: \"oops\" is not a finite number; x1 and x2 must be numbers such as 0.5 or -1.2e-3.",
                    browser.eval("document.getElementById('message').textContent").getAsString());
            assertEquals(java.util.List.of(), browser.errors(), "uncaught errors in the page");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /// The δ = ∂C/∂z of every layer for the traced example, computed on the Java side from the
    /// exported weights with chapter 6's classes: forward, the binary cross-entropy's gradient,
    /// Network.backward, and δ read off ∂C/∂b (for one example the two are equal).
    private static DMatrixRMaj[] javaDeltas(Api api, Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("weights.txt"), api.get("/api/weights").body());
        Random random = new Random(1);
        Dense[] dense = {new Dense(2, 8, random), new Dense(8, 8, random), new Dense(8, 1, random)};
        Network network = new Network(dense[0], new ActivationLayer(new Tanh()), dense[1], new ActivationLayer(new Tanh()),
                dense[2], new ActivationLayer(new Sigmoid()));
        Weights.load(file, network);
        JsonArray point = api.json("/api/state").getAsJsonArray("train").get(EXAMPLE).getAsJsonArray();
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{point.get(0).getAsDouble(), point.get(1).getAsDouble()}});
        double y = point.get(2).getAsDouble();
        DMatrixRMaj a = network.forward(x);
        double[] dCda = new ch03.BinaryCrossEntropy().gradient(new double[] {a.get(0, 0)}, new double[] {y});
        network.backward(DMatrixRMaj.wrap(1, 1, dCda));
        return new DMatrixRMaj[] {dense[0].db(), dense[1].db(), dense[2].db()};
    }

    /// For each XOR quadrant, [expected class, r, g, b] of a boundary pixel at least 8 pixels away
    /// from every point (the points are drawn in their class's colour, the boundary is what counts).
    static final String QUADRANT_COLOURS = """
            (() => {
              const v = window.playground, canvas = document.getElementById('boundary');
              const d = v.frame.domain, ctx = canvas.getContext('2d');
              const px = (x1, x2) => [(x1 - d[0]) / (d[1] - d[0]) * canvas.width, (d[3] - x2) / (d[3] - d[2]) * canvas.height];
              const points = [...v.state.train, ...v.state.test].map(p => px(p[0], p[1]));
              return [[1, 1, 0], [-1, -1, 0], [-1, 1, 1], [1, -1, 1]].map(([sx, sy, cls]) => {
                for (let r = 0.3; r <= 0.8; r += 0.05) for (let s = 0.3; s <= 0.8; s += 0.05) {
                  const [x, y] = px(sx * r, sy * s);
                  if (points.every(([a, b]) => Math.hypot(a - x, b - y) > 8)) {
                    const c = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
                    return [cls, c[0], c[1], c[2]];
                  }
                }
                return [cls, -1, -1, -1];
              });
            })()""";

    /// Moves the mouse onto the middle of the line from x1 to the first hidden neuron and returns
    /// the tooltip's text.
    static final String HOVER_FIRST_WEIGHT = """
            (() => {
              const canvas = document.getElementById('network'), p = window.playground.places, r = canvas.getBoundingClientRect();
              const x = (p[0][0].x + 40 + p[1][0].x) / 2, y = (p[0][0].y + p[1][0].y) / 2 + 20;
              canvas.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + x, clientY: r.top + y, bubbles: true}));
              return document.getElementById('tooltip').textContent;
            })()""";
}

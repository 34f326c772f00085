package playground;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/// A real headless browser for the page's tests: Debian's `chromium`, driven through the Chrome
/// DevTools Protocol over the JDK's own WebSocket client (java.net.http).
///
/// Why the DevTools protocol and not `chromium --dump-dom` or `--screenshot`: the page keeps an
/// event stream open, so it never "finishes loading" for those one-shot modes, and the tests must
/// click, wait for training and read values in between. With the protocol the test evaluates
/// JavaScript in the page (`Runtime.evaluate`, awaiting promises) and takes the screenshot when it
/// chooses (`Page.captureScreenshot`); no extra library is needed.
///
/// Chromium refuses to start as root with its sandbox (it needs user namespaces set up for an
/// unprivileged user), so `--no-sandbox` is given only when the tests run as root; the page it
/// opens is the playground's own, on 127.0.0.1.
final class Browser implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<String> console = new ArrayList<>();

    private Browser(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /// The chromium program on the PATH (Debian's is /usr/bin/chromium), or Google Chrome where
    /// there is no Chromium (GitHub's Ubuntu images, whose apt chromium is a snap). Fails with a
    /// sentence that says how to install it.
    static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("chromium is not installed, so the page cannot be tested in a real browser: "
                + "install Debian's package (apt-get install -y chromium; .ci/run installs it when it can)");
    }

    /// Starts a headless chromium with a fresh profile and opens a page on about:blank.
    static Browser launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("backprop-chromium-");
        List<String> command = new ArrayList<>(List.of(chromium().toString(), "--headless=new", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,1500",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox");
        }
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) {
                        endpoint.complete(line.substring(at + "DevTools listening on ".length()).strip());
                    }
                }
            } catch (IOException e) {
                // chromium ended
            }
            endpoint.complete(null);
        });
        String browserUrl;
        try {
            browserUrl = endpoint.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            browserUrl = null;
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not start its DevTools endpoint within 30 s; it said: "
                    + String.join(" | ", output.subList(Math.max(0, output.size() - 5), output.size())));
        }
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonElement target : JsonParser.parseString(list).getAsJsonArray()) {
                if (target.getAsJsonObject().get("type").getAsString().equals("page")) {
                    pageSocket = target.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(100);
            }
        }
        if (pageSocket == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium opened no page to drive");
        }
        Browser[] self = new Browser[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    self[0].receive(JsonParser.parseString(text.toString()).getAsJsonObject());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).join();
        self[0] = new Browser(process, profile, socket);
        self[0].send("Runtime.enable", new JsonObject());
        self[0].send("Page.enable", new JsonObject());
        return self[0];
    }

    private void receive(JsonObject message) {
        if (message.has("id")) {
            CompletableFuture<JsonObject> reply = pending.remove(message.get("id").getAsInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else if (message.has("method") && message.get("method").getAsString().equals("Runtime.exceptionThrown")) {
            synchronized (console) {
                console.add(message.getAsJsonObject("params").getAsJsonObject("exceptionDetails").toString());
            }
        }
    }

    /// Sends one DevTools command and returns its result; a protocol error fails the test.
    JsonObject send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        socket.sendText(message.toString(), true).join();
        JsonObject answer;
        try {
            answer = reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("chromium did not answer " + method + " within 30 s", e);
        }
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    /// Opens `uri` in the page.
    void open(URI uri) {
        JsonObject params = new JsonObject();
        params.addProperty("url", uri.toString());
        send("Page.navigate", params);
    }

    /// The value of the JavaScript `expression` in the page (a promise is awaited), as JSON; an
    /// exception in the page fails the test with its text.
    JsonElement eval(String expression) {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("awaitPromise", true);
        params.addProperty("returnByValue", true);
        JsonObject result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on `" + expression + "`: " + result.getAsJsonObject("exceptionDetails"));
        }
        JsonObject value = result.getAsJsonObject("result");
        return value.has("value") ? value.get("value") : com.google.gson.JsonNull.INSTANCE;
    }

    /// Waits until the JavaScript `condition` is true in the page, at most `timeout`; fails with
    /// `what` otherwise.
    void await(String condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonElement value = eval("!!(" + condition + ")");
            if (value.isJsonPrimitive() && value.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s (page errors: " + errors() + ")");
    }

    /// Waits for `condition` in Java, polling every 100 ms.
    static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /// The uncaught JavaScript exceptions the page has had so far.
    List<String> errors() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /// Lets the page download files into `dir` (the export buttons).
    void downloadsTo(Path dir) {
        JsonObject params = new JsonObject();
        params.addProperty("behavior", "allow");
        params.addProperty("downloadPath", dir.toString());
        send("Browser.setDownloadBehavior", params);
    }

    /// A PNG screenshot of the page as it is now.
    byte[] screenshot() {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.addProperty("captureBeyondViewport", true);
        return Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data").getAsString());
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

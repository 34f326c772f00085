package playground;

import bp.Repo;
import bp.UserError;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/// The playground's web server: the JDK's own HTTP server on 127.0.0.1, one virtual thread per
/// request, so that every page's event stream can wait for the next frame without holding a
/// platform thread.
///
/// | request                         | answer                                                     |
/// |---------------------------------|------------------------------------------------------------|
/// | `GET /` and `GET /NAME.js|css`  | the page, from `tools/playground/web/`                     |
/// | `GET /api/events`               | server-sent events: every [Frame] of the session           |
/// | `GET /api/state`                | the settings, the points, the classes ([Session#state])    |
/// | `GET /api/options`              | the choices of every setting                               |
/// | `POST /api/config` (JSON)       | new settings ([Spec]), and new weights                     |
/// | `POST /api/play|pause|step|reset` | training control                                         |
/// | `POST /api/csv?name=F` (text)   | a CSV file of points as the data set                       |
/// | `GET /api/trace?example=i`      | one example through one backprop step ([Trace])            |
/// | `GET /api/weights`              | the weights in chapter 6's format                          |
/// | `GET /api/health`               | how many event streams are open                            |
///
/// A request the student's settings or file make fail gets status 400 and `{"error": sentence}`.
/// Requests must name the playground's own host (127.0.0.1 or localhost with its port), so that
/// another web site cannot reach it through a renamed host (DNS rebinding), and a change (POST)
/// sent by a browser must come from the playground's own page (its `Origin`).
public final class Server implements Playground {

    /// The most bytes a request body may have: a CSV file of [DataSet#MAX_POINTS] points is far less.
    static final int MAX_BODY = 1 << 20;

    /// The page's files and their content types; nothing else is served.
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png");

    private final HttpServer http;
    private final ExecutorService threads;
    private final Hub hub = new Hub();
    private final Session session;
    private final Path web;
    private final AtomicInteger streams = new AtomicInteger();
    private final URI uri;

    private Server(HttpServer http, ExecutorService threads, String code) {
        this.http = http;
        this.threads = threads;
        this.session = new Session(code, hub);
        this.web = Repo.path("tools/playground/web");
        this.uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    /// Starts a playground on 127.0.0.1:`port` (0: any free port) running on the classes this
    /// class was loaded with; `code` says which they are ("the reference solutions").
    public static Server start(int port, String code) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        } catch (BindException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is already in use (another playground?); stop it or choose another port with --port N (0 picks a free one).");
        } catch (IOException e) {
            throw new UserError("cannot open a server on 127.0.0.1:" + port + " (" + e.getMessage() + ").");
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        Server server = new Server(http, threads, code);
        http.setExecutor(threads);
        http.createContext("/", server::handle);
        server.session.start();
        http.start();
        return server;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        session.close();
        hub.close();
        http.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ownHost(ex.getRequestHeaders().getFirst("Host"))) {
                send(ex, 403, "text/plain; charset=utf-8", "this playground answers only at " + uri);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (!method.equals("GET") && origin != null && !ownHost(origin.replaceFirst("^http://", ""))) {
                send(ex, 403, "text/plain; charset=utf-8", "this playground takes changes only from its own page at " + uri);
                return;
            }
            try {
                if (path.equals("/api/events") && method.equals("GET")) {
                    stream(ex);
                } else if (path.startsWith("/api/")) {
                    api(ex, path.substring(5), method);
                } else if (method.equals("GET")) {
                    file(ex, path.equals("/") ? "index.html" : path.substring(1));
                } else {
                    error(ex, 405, method + " " + path + " is not something the playground does.");
                }
            } catch (UserError e) {
                error(ex, 400, e.getMessage());
            } catch (RuntimeException | Error e) {
                error(ex, 500, Errors.sentence(e, session.code));
            }
        }
    }

    private void api(HttpExchange ex, String name, String method) throws IOException {
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        switch (method + " " + name) {
            case "GET state" -> json(ex, session.state());
            case "GET options" -> json(ex, Choices.json());
            case "GET health" -> {
                JsonObject health = new JsonObject();
                health.addProperty("streams", streams.get());
                json(ex, health);
            }
            case "GET trace" -> json(ex, session.trace(whole(query.get("example"), "example")));
            case "GET weights" -> {
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"playground-weights.txt\"");
                send(ex, 200, "text/plain; charset=utf-8", session.weights());
            }
            case "POST config" -> {
                session.configure(object(body(ex)));
                json(ex, session.state());
            }
            case "POST csv" -> {
                session.upload(query.getOrDefault("name", "the file"), body(ex));
                json(ex, session.state());
            }
            case "POST play" -> ok(ex, session::play);
            case "POST pause" -> ok(ex, session::pause);
            case "POST step" -> ok(ex, session::step);
            case "POST reset" -> ok(ex, session::reset);
            default -> error(ex, 404, method + " /api/" + name + " is not part of the playground's API.");
        }
    }

    /// Server-sent events: one `data:` line per frame, a comment every 15 s when nothing happens.
    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        streams.incrementAndGet();
        try {
            OutputStream out = ex.getResponseBody();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long seen = 0;
            while (!hub.closed()) {
                Hub.Versioned next = hub.await(seen, 15_000);
                if (next == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    seen = next.version();
                    out.write(("data: " + next.frame() + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (IOException e) {
            // the page went away: its stream ends here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.decrementAndGet();
        }
    }

    private void file(HttpExchange ex, String name) throws IOException {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        Path file = web.resolve(name).normalize();
        if (!name.matches("[a-z][a-z0-9-]*\\.[a-z]+") || !TYPES.containsKey(extension) || !Files.isRegularFile(file)) {
            error(ex, 404, "there is no file /" + name + " in the playground.");
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        send(ex, 200, TYPES.get(extension), Files.readAllBytes(file));
    }

    private boolean ownHost(String host) {
        int port = http.getAddress().getPort();
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port) || host.equals("[::1]:" + port));
    }

    private static void ok(HttpExchange ex, Runnable action) throws IOException {
        action.run();
        json(ex, new JsonObject());
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new UserError("the upload is larger than " + (MAX_BODY >> 10) + " KiB; a file of " + DataSet.MAX_POINTS + " points x1,x2,label is far smaller.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static JsonObject object(String text) {
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new UserError("the settings are not a JSON object: " + e.getMessage() + ".");
        }
    }

    private static int whole(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserError(name + " must be a whole number, but it is \"" + text + "\".");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void json(HttpExchange ex, JsonObject json) throws IOException {
        send(ex, 200, "application/json; charset=utf-8", Frame.GSON.toJson(json));
    }

    private static void error(HttpExchange ex, int status, String sentence) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("error", sentence);
        send(ex, status, "application/json; charset=utf-8", Frame.GSON.toJson(json));
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        send(ex, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

package playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/// The playground's web API as a test calls it: plain HTTP with the JDK's client.
record Api(URI base) {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Api(Playground playground) {
        this(playground.uri());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /// The JSON answer of GET `path`, which must succeed.
    JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path);
        assertEquals(200, answer.statusCode(), "GET " + path + ": " + answer.body());
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /// The JSON answer of POST `path` with `body`, which must succeed.
    JsonObject postJson(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = post(path, body);
        assertEquals(200, answer.statusCode(), "POST " + path + ": " + answer.body());
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /// The one-sentence error of a request that must fail with status 400.
    static String error(HttpResponse<String> answer) {
        assertEquals(400, answer.statusCode(), answer.body());
        return JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString();
    }

    /// The first frame of the event stream that satisfies `wanted`, read within `timeout`.
    JsonObject frame(Predicate<JsonObject> wanted, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, answer.statusCode());
        long end = System.nanoTime() + timeout.toNanos();
        try (Stream<String> lines = answer.body()) {
            Iterator<String> it = lines.iterator();
            while (System.nanoTime() < end && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data: ")) {
                    JsonObject frame = JsonParser.parseString(line.substring(6)).getAsJsonObject();
                    if (wanted.test(frame)) {
                        return frame;
                    }
                }
            }
        }
        throw new AssertionError("no frame as wanted arrived within " + timeout.toSeconds() + " s");
    }

    /// The newest frame.
    JsonObject frame() throws IOException, InterruptedException {
        return frame(f -> true, Duration.ofSeconds(10));
    }

    /// The last value of the history series `name` of `frame` ("trainAccuracy", ...).
    static double last(JsonObject frame, String name) {
        var series = frame.getAsJsonObject("history").getAsJsonArray(name);
        return series.get(series.size() - 1).getAsDouble();
    }
}

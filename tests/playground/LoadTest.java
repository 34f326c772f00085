package playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// A bounded load check: one playground, training, and 200 pages listening at once on loopback.
@DisplayName("playground under load")
class LoadTest {

    static final int CLIENTS = 200;
    static final int FRAMES = 5;

    /// The most the heap (after a full collection) may grow over two rounds of 200 streams.
    static final long HEAP_BOUND = 48L << 20;

    @Test
    @Timeout(30)
    @DisplayName("200 event streams at once all receive 5 frames while training, with no error; all close again and the heap stays within 48 MiB of where it was")
    void twoHundredStreams() throws Exception {
        try (Playground playground = Server.start(0, "the reference solutions")) {
            Api api = new Api(playground);
            api.postJson("/api/play", "");
            round(api);
            long before = heapAfterGc();
            round(api);
            long after = heapAfterGc();
            api.postJson("/api/pause", "");
            assertTrue(after - before < HEAP_BOUND, "the heap grew by " + ((after - before) >> 20) + " MiB over a round of 200 streams");
        }
    }

    /// Opens 200 streams, waits until all are open at once, reads 5 frames on each, closes them,
    /// and waits until the playground counts none.
    private static void round(Api api) throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(CLIENTS);
        CountDownLatch finished = new CountDownLatch(CLIENTS);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<InputStream> answer = Api.HTTP.send(HttpRequest.newBuilder(api.base().resolve("/api/events")).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (answer.statusCode() != 200) {
                        problems.add("status " + answer.statusCode());
                        return;
                    }
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                        open.countDown();
                        int frames = 0;
                        String line;
                        while (frames < FRAMES && (line = lines.readLine()) != null) {
                            if (line.startsWith("data: {")) {
                                frames++;
                            }
                        }
                        if (frames < FRAMES) {
                            problems.add("a stream ended after " + frames + " frames");
                        } else {
                            done.incrementAndGet();
                        }
                        release.await();
                    }
                } catch (Exception e) {
                    problems.add(e.toString());
                } finally {
                    finished.countDown();
                }
            }));
        }
        assertTrue(open.await(15, TimeUnit.SECONDS), "only " + (CLIENTS - open.getCount()) + " streams opened within 15 s: " + problems);
        Browser.until(() -> streams(api) == CLIENTS, Duration.ofSeconds(5), "the playground counting " + CLIENTS + " open streams");
        Browser.until(() -> done.get() + problems.size() == CLIENTS, Duration.ofSeconds(15), "every stream receiving " + FRAMES + " frames");
        release.countDown();
        assertTrue(finished.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(), List.copyOf(problems));
        assertEquals(CLIENTS, done.get());
        Browser.until(() -> streams(api) == 0, Duration.ofSeconds(5), "every stream closing on the server");
    }

    private static int streams(Api api) {
        try {
            return api.json("/api/health").get("streams").getAsInt();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}

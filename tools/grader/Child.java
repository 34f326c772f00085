package grader;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/// The child JVM of isolated grading ([Isolated] starts it): runs the tests of one chapter of
/// one submission, compiled by the parent into a classes folder, and tells the parent what
/// happens, one line per event on its standard output, each line [#PREFIX] followed by a JSON
/// object:
///
/// | event      | fields                                     | when                           |
/// |------------|--------------------------------------------|--------------------------------|
/// | `planned`  | `tests`: unique id → outcome "did not run" | before the first test          |
/// | `started`  | `uid`                                      | a test starts                  |
/// | `finished` | `uid`, `outcome`                           | a test ends (or could not run) |
/// | `end`      | `hiddenTests`, `hiddenPoints`              | every test is decided          |
///
/// What the tests print goes elsewhere (it is captured per test), so the parent reads only these
/// lines. When the JVM dies during a test (System.exit, out of memory, killed after the time
/// limit), the parent knows which test it was and starts a new child for the rest, which skips the
/// tests already decided.
///
/// Arguments: `CLASSES TIMEOUT_MS HIDDEN SKIP_FILE`.
public final class Child {

    /// The start of every protocol line.
    static final String PREFIX = "##grader ";

    /// At most this many characters of a test's output are sent to the parent.
    static final int MAX_TEST_OUTPUT = 8 * 1024;

    private static final Gson GSON = new Gson();

    private Child() {}

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Duration timeout = Duration.ofMillis(Long.parseLong(args[1]));
        boolean hidden = Boolean.parseBoolean(args[2]);
        Path skipFile = Path.of(args[3]);
        Set<String> skip = Files.exists(skipFile) ? Set.copyOf(Files.readAllLines(skipFile)) : Set.of();
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Suite.Result result = Suite.execute(classes, new Suite.Settings(hidden, timeout, skip, new Streamed(protocol)));
        send(protocol, "end", Map.of("hiddenTests", result.hiddenTests(), "hiddenPoints", result.hiddenPoints()));
        protocol.flush();
        // Threads the tests left running (a loop past its time limit) end with the JVM.
        Runtime.getRuntime().halt(0);
    }

    private static void send(PrintStream protocol, String event, Map<String, ?> fields) {
        JsonObject line = GSON.toJsonTree(fields).getAsJsonObject();
        line.addProperty("event", event);
        synchronized (protocol) {
            protocol.println(PREFIX + GSON.toJson(line));
        }
    }

    /// Sends each test's events to the parent. After a test that ran out of time, its thread may
    /// still be looping: this JVM stops there, and the parent starts a fresh one for the rest.
    private record Streamed(PrintStream protocol) implements Suite.Events {
        @Override
        public void planned(Map<String, Suite.Outcome> tests) {
            send(protocol, "planned", Map.of("tests", tests));
        }

        @Override
        public void started(String uid) {
            send(protocol, "started", Map.of("uid", uid));
        }

        @Override
        public void finished(String uid, Suite.Outcome outcome) {
            String output = outcome.output().length() <= MAX_TEST_OUTPUT ? outcome.output()
                    : outcome.output().substring(0, MAX_TEST_OUTPUT) + "\n[... cut at " + MAX_TEST_OUTPUT + " characters]";
            Suite.Outcome sent = new Suite.Outcome(outcome.name(), outcome.passed(), outcome.hint(), output,
                    outcome.points(), outcome.earned(), outcome.hidden());
            send(protocol, "finished", Map.of("uid", uid, "outcome", sent));
            if (!outcome.passed() && outcome.hint() != null && outcome.hint().startsWith("took longer than")) {
                protocol.flush();
                Runtime.getRuntime().halt(0);
            }
        }
    }
}

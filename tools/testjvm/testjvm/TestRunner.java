package testjvm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/// The test JVM of instructor grading: runs the tests the grader asks for and reports each one
/// on a [Channel] signed with a key that only this module holds.
///
/// Arguments: `TIMEOUT_MS TESTCLASS...` (the test classes, named by the grader from the
/// project's `tests/` sources, never found in the compiled folder). Standard input: the key in hex
/// on the first line, then the unique ids of the tests to run, one per line; it is read and
/// closed before any test class is loaded, so the tests cannot read it.
///
/// Events: `started UID`, `finished UID PASSED SHARE HINT OUTPUT` (PASSED `true`/`false`, SHARE the
/// partial credit `right/cases` or empty), `end`. The grader alone turns them into points: it
/// knows the tests and what each is worth from its own discovery.
final class TestRunner {

    /// At most this many bytes of one test's output are sent (docs/grading.md says so).
    static final int MAX_TEST_OUTPUT = 8 * 1024;

    /// The report entry key of partial credit (`grader.PartialCredit.KEY`).
    private static final String PARTIAL_CREDIT = "partial-credit";

    private TestRunner() {}

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        byte[] key = HexFormat.of().parseHex(in.readLine());
        Set<String> run = new HashSet<>();
        for (String uid = in.readLine(); uid != null; uid = in.readLine()) {
            run.add(uid);
        }
        System.in.close();
        Channel channel = new Channel(key, new FileOutputStream(FileDescriptor.out));
        long timeoutMillis = Long.parseLong(args[0]);
        List<ClassSelector> selectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            selectors.add(selectClass(Class.forName(args[i], false, ClassLoader.getSystemClassLoader())));
        }
        var captured = new Captured();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        LauncherFactory.create().execute(request(selectors, run, timeoutMillis), new Listener(channel, captured));
        channel.send("end");
        // threads the tests left running (a loop past its time limit) end with the JVM
        Runtime.getRuntime().halt(0);
    }

    /// The tests of `selectors` whose unique id is in `run`, in `@Order`, each with the time limit.
    private static LauncherDiscoveryRequest request(List<ClassSelector> selectors, Set<String> run, long timeoutMillis) {
        PostDiscoveryFilter selected = descriptor -> !descriptor.isTest() || run.contains(descriptor.getUniqueId().toString())
                ? FilterResult.included("asked for") : FilterResult.excluded("not asked for");
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(selected)
                .configurationParameter("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.execution.timeout.default", timeoutMillis + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
    }

    /// Reports each test as it starts and ends. A test that did not run (skipped, or its class
    /// could not start) is reported failed with the reason.
    private static final class Listener implements TestExecutionListener {
        private final Channel channel;
        private final Captured captured;
        private final Map<String, String> share = new HashMap<>();
        private final Set<String> reported = new HashSet<>();
        private TestPlan plan;

        Listener(Channel channel, Captured captured) {
            this.channel = channel;
            this.captured = captured;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            this.plan = plan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                captured.restart();
                channel.send("started", id.getUniqueId());
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            String value = entry.getKeyValuePairs().get(PARTIAL_CREDIT);
            if (value != null && id.isTest()) {
                share.put(id.getUniqueId(), value);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            for (TestIdentifier test : tests(id)) {
                finished(test.getUniqueId(), false, "skipped: " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (id.isTest()) {
                String hint = passed ? "" : grader.Hints.of(result.getThrowable().orElse(null));
                finished(id.getUniqueId(), passed, hint);
                if (hint.startsWith("took longer than")) {
                    // its thread may still be looping: the grader starts a fresh JVM for the rest
                    Runtime.getRuntime().halt(0);
                }
            } else if (!passed) {
                String hint = "the test class could not run: " + grader.Hints.of(result.getThrowable().orElse(null));
                for (TestIdentifier test : tests(id)) {
                    finished(test.getUniqueId(), false, hint);
                }
            }
        }

        private void finished(String uid, boolean passed, String hint) {
            if (reported.add(uid)) {
                channel.send("finished", uid, Boolean.toString(passed), share.getOrDefault(uid, ""), hint, captured.text());
            }
        }

        /// `id` itself when it is a test, else the tests below it.
        private List<TestIdentifier> tests(TestIdentifier id) {
            List<TestIdentifier> found = new ArrayList<>();
            collect(id, found);
            return found;
        }

        private void collect(TestIdentifier node, List<TestIdentifier> into) {
            if (node.isTest()) {
                into.add(node);
            }
            plan.getChildren(node).forEach(child -> collect(child, into));
        }
    }

    /// What the tests print since the current test started: the first [#MAX_TEST_OUTPUT] bytes,
    /// and how many more were dropped.
    private static final class Captured extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        synchronized void restart() {
            kept.reset();
            dropped = 0;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, MAX_TEST_OUTPUT - kept.size()));
            kept.write(b, off, room);
            dropped += len - room;
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[... " + dropped + " more bytes of output dropped: the grader keeps "
                    + MAX_TEST_OUTPUT + " bytes per test]";
        }
    }
}

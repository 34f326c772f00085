package grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import bp.ChildFirstLoader;
import bp.Javac;
import bp.TempFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/// One set of JUnit tests, compiled and run in this JVM: the tests of a chapter against
/// `exercises/` or `solutions/`, or the library's own tests.
///
/// The sources are compiled against the running program's class path (the library and JUnit)
/// into a temporary folder, whose classes are loaded before the parent's: a test of package `bp`
/// then sees the `bp` classes compiled with it. Test classes are the top-level classes whose
/// name ends in `Test`; their methods run in `@Order`, each with a time limit.
public final class Suite {

    /// The time limit of one test; a test that runs longer fails (a loop that never ends).
    public static final String TIMEOUT = "10 s";

    /// One test's outcome: its display name, whether it passed, a one-line hint when not, and
    /// what it printed (empty when nothing).
    public record Outcome(String name, boolean passed, String hint, String output) {
        public Outcome(String name, boolean passed, String hint) {
            this(name, passed, hint, "");
        }
    }

    /// At most this many characters of what the tests print are kept: a test that prints without
    /// end cannot flood the report or the memory.
    static final int MAX_OUTPUT = 64 * 1024;

    /// The outcomes of a suite, or the compiler's messages when its sources do not compile.
    public record Result(List<Outcome> outcomes, String compileErrors) {
        public boolean compiled() {
            return compileErrors == null;
        }

        public long passed() {
            return outcomes.stream().filter(Outcome::passed).count();
        }

        public long failed() {
            return outcomes.size() - passed();
        }
    }

    private Suite() {}

    /// Compiles `sources` and runs every test class among them.
    public static Result run(List<Path> sources) {
        return withCompiled(sources, (loader, classes) -> new Result(execute(loader, classes), null));
    }

    /// Compiles `sources` and lists their tests' display names without running them.
    public static List<String> names(List<Path> sources) {
        Result listed = withCompiled(sources, (loader, classes) -> {
            TestPlan plan = LauncherFactory.create().discover(request(classes));
            List<Outcome> tests = new ArrayList<>();
            for (TestIdentifier id : tests(plan)) {
                tests.add(new Outcome(id.getDisplayName(), false, null));
            }
            return new Result(tests, null);
        });
        if (!listed.compiled()) {
            throw new IllegalStateException("the tests do not compile with the solutions:\n" + listed.compileErrors());
        }
        return listed.outcomes().stream().map(Outcome::name).toList();
    }

    private interface Body {
        Result apply(ClassLoader loader, List<Class<?>> testClasses) throws Exception;
    }

    private static Result withCompiled(List<Path> sources, Body body) {
        try (var tmp = TempFolder.create("backprop-suite-")) {
            Path classes = tmp.path();
            Javac.Result build = Javac.compile(sources, classes, null);
            if (!build.ok()) {
                return new Result(List.of(), build.messages());
            }
            try (var loader = localFirst(classes)) {
                List<Class<?>> testClasses = new ArrayList<>();
                for (String name : testClassNames(classes)) {
                    testClasses.add(Class.forName(name, false, loader));
                }
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    return body.apply(loader, testClasses);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /// Runs the tests with System.out and System.err captured, so that what a test prints is
    /// reported with that test instead of interleaved with the report.
    private static List<Outcome> execute(ClassLoader loader, List<Class<?>> classes) {
        var captured = new CappedOutput(MAX_OUTPUT);
        var listener = new Collector(captured);
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            LauncherFactory.create().execute(request(classes), listener);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return listener.outcomes();
    }

    private static LauncherDiscoveryRequest request(List<Class<?>> classes) {
        List<ClassSelector> selectors = classes.stream().map(c -> selectClass(c)).toList();
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.testmethod.order.default",
                        "org.junit.jupiter.api.MethodOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.execution.timeout.default", TIMEOUT)
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
    }

    private static List<TestIdentifier> tests(TestPlan plan) {
        List<TestIdentifier> tests = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, tests);
        }
        return tests;
    }

    private static void collect(TestPlan plan, TestIdentifier node, List<TestIdentifier> into) {
        if (node.isTest()) {
            into.add(node);
        }
        for (TestIdentifier child : plan.getChildren(node)) {
            collect(plan, child, into);
        }
    }

    /// Records every test's outcome, in plan order. A test that never ran because its class could
    /// not start, or that was skipped, counts as failed: a skipped check proves nothing.
    private static final class Collector implements TestExecutionListener {
        private final Map<UniqueId, Outcome> outcomes = new LinkedHashMap<>();
        private final Map<UniqueId, String> containerFailures = new LinkedHashMap<>();
        private final CappedOutput output;
        private TestPlan plan;
        private int outputStart;

        Collector(CappedOutput output) {
            this.output = output;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                outputStart = output.size();
            }
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            this.plan = plan;
            for (TestIdentifier test : tests(plan)) {
                outcomes.put(test.getUniqueIdObject(), null);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            for (TestIdentifier test : id.isTest() ? List.of(id) : descendants(id)) {
                outcomes.put(test.getUniqueIdObject(), new Outcome(test.getDisplayName(), false, "skipped: " + reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String hint = passed ? null : Hints.of(result.getThrowable().orElse(null));
                outcomes.put(id.getUniqueIdObject(), new Outcome(id.getDisplayName(), passed, hint, output.since(outputStart)));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String hint = "the test class could not run: " + Hints.of(result.getThrowable().orElse(null));
                for (TestIdentifier test : descendants(id)) {
                    containerFailures.putIfAbsent(test.getUniqueIdObject(), hint);
                }
            }
        }

        private List<TestIdentifier> descendants(TestIdentifier id) {
            List<TestIdentifier> found = new ArrayList<>();
            collect(plan, id, found);
            return found;
        }

        List<Outcome> outcomes() {
            List<Outcome> list = new ArrayList<>();
            outcomes.forEach((uid, outcome) -> {
                if (outcome != null) {
                    list.add(outcome);
                } else {
                    String name = plan.getTestIdentifier(uid).getDisplayName();
                    list.add(new Outcome(name, false, containerFailures.getOrDefault(uid, "did not run")));
                }
            });
            return list;
        }
    }

    /// A byte sink that keeps the first `limit` bytes and counts the rest.
    static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private long dropped;

        CappedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.size() < limit) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, limit - kept.size()));
            kept.write(b, off, room);
            dropped += len - room;
        }

        synchronized int size() {
            return kept.size();
        }

        /// What was printed from byte `start` on, with a note when output was dropped.
        synchronized String since(int start) {
            byte[] bytes = kept.toByteArray();
            int from = Math.min(start, bytes.length);
            String part = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            return dropped > 0 && kept.size() >= limit ? part + "\n[... " + dropped + " more bytes of output dropped]" : part;
        }
    }

    private static List<String> testClassNames(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith("Test.class") && !p.contains("$"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }

    /// A loader that takes the classes compiled into `classes` before the same-named ones on the
    /// class path (a test of package `bp` sees the `bp` compiled with it).
    private static ChildFirstLoader localFirst(Path classes) throws MalformedURLException {
        return new ChildFirstLoader(new URL[] {classes.toUri().toURL()}, Suite.class.getClassLoader(),
                name -> Files.exists(classes.resolve(name.replace('.', '/') + ".class")));
    }
}

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
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/// One set of JUnit tests, compiled and run in this JVM: the tests of a chapter against
/// `exercises/` or `solutions/`, or the library's own tests. (The instructor's grader runs the
/// same code in a child JVM per submission and chapter: [Isolated] and [Child].)
///
/// The sources are compiled against the running program's class path (the library and JUnit)
/// into a temporary folder, whose classes are loaded before the parent's: a test of package `bp`
/// then sees the `bp` classes compiled with it. Test classes are the top-level classes whose
/// name ends in `Test`; their methods run in `@Order`, each with a time limit. A test is worth
/// its [Points] (1 when it does not say), may grant [PartialCredit], and may be [Hidden].
public final class Suite {

    /// The default time limit of one test; a test that runs longer fails (a loop that never ends).
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /// One test's outcome: its display name, whether it passed, a one-line hint when not, what it
    /// printed (empty when nothing), the points it is worth, the points it earned (all when it
    /// passed, its partial credit or 0 when not), and whether it is a hidden test.
    public record Outcome(String name, boolean passed, String hint, String output, double points, double earned, boolean hidden) {
        public Outcome(String name, boolean passed, String hint, String output) {
            this(name, passed, hint, output, 1, passed ? 1 : 0, false);
        }

        public Outcome(String name, boolean passed, String hint) {
            this(name, passed, hint, "");
        }

        /// The same test, failed for the reason `hint`, with no points earned.
        public Outcome failed(String hint) {
            return new Outcome(name, false, hint, output, points, 0, hidden);
        }
    }

    /// At most this many characters of what the tests print are kept: a test that prints without
    /// end cannot flood the report or the memory.
    static final int MAX_OUTPUT = 64 * 1024;

    /// The outcomes of a suite, or the compiler's messages when its sources do not compile; and
    /// how many hidden tests (worth how many points) were left out because a student grades.
    public record Result(List<Outcome> outcomes, String compileErrors, int hiddenTests, double hiddenPoints) {
        public Result(List<Outcome> outcomes, String compileErrors) {
            this(outcomes, compileErrors, 0, 0);
        }

        public boolean compiled() {
            return compileErrors == null;
        }

        public long passed() {
            return outcomes.stream().filter(Outcome::passed).count();
        }

        public long failed() {
            return outcomes.size() - passed();
        }

        /// The points of the tests that ran.
        public double points() {
            return outcomes.stream().mapToDouble(Outcome::points).sum();
        }

        /// The points earned, partial credit included.
        public double earned() {
            return outcomes.stream().mapToDouble(Outcome::earned).sum();
        }
    }

    /// How a suite runs: with or without the [Hidden] tests, the time limit of each test, the
    /// unique ids of tests not to run again, and who hears of each test as it starts and ends.
    public record Settings(boolean hidden, Duration timeout, Set<String> skip, Events events) {
        /// Every test, hidden ones included, with the default time limit: the project's own checks.
        public static final Settings ALL = new Settings(true, TIMEOUT, Set.of(), new Events() {});

        /// What a student runs: the hidden tests are counted, not run.
        public static Settings student(Duration timeout) {
            return new Settings(false, timeout, Set.of(), new Events() {});
        }

        public Settings withEvents(Events events) {
            return new Settings(hidden, timeout, skip, events);
        }

        public Settings withSkip(Set<String> skip) {
            return new Settings(hidden, timeout, skip, events);
        }
    }

    /// Hears of each test as it runs, by its JUnit unique id (the child JVM streams them).
    public interface Events {
        /// The tests that will run, in order, as outcomes not yet decided (failed, "did not run").
        default void planned(Map<String, Outcome> tests) {}

        default void started(String uid) {}

        default void finished(String uid, Outcome outcome) {}
    }

    private Suite() {}

    /// Compiles `sources` and runs every test class among them, hidden tests included.
    public static Result run(List<Path> sources) {
        return run(sources, Settings.ALL);
    }

    /// Compiles `sources` and runs their tests as `settings` say.
    public static Result run(List<Path> sources, Settings settings) {
        try (var tmp = TempFolder.create("backprop-suite-")) {
            Javac.Result build = compile(sources, tmp.path());
            if (!build.ok()) {
                return new Result(List.of(), build.messages());
            }
            return execute(tmp.path(), settings);
        }
    }

    /// Compiles `sources` into the folder `classes`.
    public static Javac.Result compile(List<Path> sources, Path classes) {
        return Javac.compile(sources, classes, null);
    }

    /// Runs the tests compiled into `classes`.
    public static Result execute(Path classes, Settings settings) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        return withLoaded(classes, settings, (request, hidden) -> {
            var captured = new CappedOutput(MAX_OUTPUT);
            var listener = new Collector(captured, settings.events());
            PrintStream out = System.out;
            PrintStream err = System.err;
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                LauncherFactory.create().execute(request, listener);
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            outcomes.putAll(listener.outcomes());
            return new Result(List.copyOf(outcomes.values()), null, hidden.size(), points(hidden));
        });
    }

    /// The tests compiled into `classes` as `settings` select them, not run: each a failed
    /// outcome "did not run", with its name, points and hidden flag, by unique id.
    public static Result planned(Path classes, Settings settings) {
        return withLoaded(classes, settings, (request, hidden) -> {
            TestPlan plan = LauncherFactory.create().discover(request);
            List<Outcome> tests = new ArrayList<>();
            for (TestIdentifier id : tests(plan)) {
                tests.add(notRun(id));
            }
            return new Result(tests, null, hidden.size(), points(hidden));
        });
    }

    /// The tests of `sources` as `settings` select them, not run (see [#planned(Path, Settings)]).
    public static Result planned(List<Path> sources, Settings settings) {
        try (var tmp = TempFolder.create("backprop-suite-")) {
            Javac.Result build = compile(sources, tmp.path());
            if (!build.ok()) {
                throw new IllegalStateException("the tests do not compile with the solutions:\n" + build.messages());
            }
            return planned(tmp.path(), settings);
        }
    }

    /// The display names of the tests of `sources`, hidden ones included, without running them.
    public static List<String> names(List<Path> sources) {
        return planned(sources, Settings.ALL).outcomes().stream().map(Outcome::name).toList();
    }

    private interface Body {
        Result apply(LauncherDiscoveryRequest request, Map<String, Double> hiddenLeftOut) throws Exception;
    }

    private static Result withLoaded(Path classes, Settings settings, Body body) {
        try (var loader = localFirst(classes)) {
            List<Class<?>> testClasses = new ArrayList<>();
            for (String name : testClassNames(classes)) {
                testClasses.add(Class.forName(name, false, loader));
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Map<String, Double> hidden = new LinkedHashMap<>();
                return body.apply(request(testClasses, settings, hidden), hidden);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double points(Map<String, Double> tests) {
        return tests.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /// The request for `classes`, leaving out the tests `settings` skip, and the hidden ones
    /// (recorded in `hiddenLeftOut` with their points) unless `settings` include them.
    private static LauncherDiscoveryRequest request(List<Class<?>> classes, Settings settings, Map<String, Double> hiddenLeftOut) {
        List<ClassSelector> selectors = classes.stream().map(c -> selectClass(c)).toList();
        PostDiscoveryFilter select = descriptor -> {
            if (!descriptor.isTest()) {
                return FilterResult.included("a container");
            }
            String uid = descriptor.getUniqueId().toString();
            if (settings.skip().contains(uid)) {
                return FilterResult.excluded("already graded");
            }
            if (!settings.hidden() && isHidden(descriptor.getTags())) {
                hiddenLeftOut.put(uid, pointsOf(descriptor.getSource().orElse(null)));
                return FilterResult.excluded("hidden");
            }
            return FilterResult.included("selected");
        };
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(select)
                .configurationParameter("junit.jupiter.testmethod.order.default",
                        "org.junit.jupiter.api.MethodOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.execution.timeout.default", settings.timeout().toMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
    }

    private static boolean isHidden(Set<TestTag> tags) {
        return tags.contains(TestTag.create(Hidden.TAG));
    }

    /// The [Points] declared on a test's method, else on its class, else 1. Read by name, so
    /// that a suite which compiles its own copy of the grader (the tools' tests) is read too.
    static double pointsOf(TestSource source) {
        if (source instanceof MethodSource method) {
            try {
                Double declared = declaredPoints(method.getJavaMethod().getAnnotations());
                if (declared == null) {
                    declared = declaredPoints(method.getJavaClass().getAnnotations());
                }
                return declared == null ? 1 : declared;
            } catch (RuntimeException notLoadable) {
                return 1;
            }
        }
        return 1;
    }

    private static Double declaredPoints(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(Points.class.getName())) {
                try {
                    return ((Number) annotation.annotationType().getMethod("value").invoke(annotation)).doubleValue();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private static Outcome notRun(TestIdentifier id) {
        double points = pointsOf(id.getSource().orElse(null));
        return new Outcome(id.getDisplayName(), false, "did not run", "", points, 0, isHidden(id.getTags()));
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
        private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
        private final Map<String, Outcome> planned = new LinkedHashMap<>();
        private final Map<String, String> containerFailures = new LinkedHashMap<>();
        private final Map<String, Double> credit = new LinkedHashMap<>();
        private final CappedOutput output;
        private final Events events;
        private TestPlan plan;
        private int outputStart;

        Collector(CappedOutput output, Events events) {
            this.output = output;
            this.events = events;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            this.plan = plan;
            for (TestIdentifier test : tests(plan)) {
                planned.put(test.getUniqueId(), notRun(test));
            }
            events.planned(Collections.unmodifiableMap(planned));
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                outputStart = output.size();
                events.started(id.getUniqueId());
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            String share = entry.getKeyValuePairs().get(PartialCredit.KEY);
            if (share != null && share.matches("\\d+/[1-9]\\d*")) {
                String[] parts = share.split("/");
                credit.put(id.getUniqueId(), Math.min(1, Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            for (TestIdentifier test : id.isTest() ? List.of(id) : descendants(id)) {
                decide(test.getUniqueId(), planned.get(test.getUniqueId()).failed("skipped: " + reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String uid = id.getUniqueId();
            if (id.isTest()) {
                Outcome template = planned.get(uid);
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String hint = passed ? null : Hints.of(result.getThrowable().orElse(null));
                double earned = passed ? template.points() : template.points() * credit.getOrDefault(uid, 0.0);
                decide(uid, new Outcome(template.name(), passed, hint, output.since(outputStart), template.points(), earned, template.hidden()));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String hint = "the test class could not run: " + Hints.of(result.getThrowable().orElse(null));
                for (TestIdentifier test : descendants(id)) {
                    if (!outcomes.containsKey(test.getUniqueId())) {
                        containerFailures.putIfAbsent(test.getUniqueId(), hint);
                    }
                }
            }
        }

        private void decide(String uid, Outcome outcome) {
            outcomes.put(uid, outcome);
            events.finished(uid, outcome);
        }

        private List<TestIdentifier> descendants(TestIdentifier id) {
            List<TestIdentifier> found = new ArrayList<>();
            collect(plan, id, found);
            return found;
        }

        /// Every planned test's outcome by unique id, in plan order; a test that never finished
        /// (its class could not start) is decided now.
        Map<String, Outcome> outcomes() {
            planned.forEach((uid, template) -> {
                if (!outcomes.containsKey(uid)) {
                    decide(uid, template.failed(containerFailures.getOrDefault(uid, "did not run")));
                }
            });
            Map<String, Outcome> all = new LinkedHashMap<>();
            planned.keySet().forEach(uid -> all.put(uid, outcomes.get(uid)));
            return all;
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

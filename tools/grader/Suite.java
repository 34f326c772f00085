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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
/// tests in a child JVM per submission and chapter: [Isolated], and `tools/testjvm`.)
///
/// The sources are compiled against the running program's class path (the library and JUnit)
/// into a temporary folder, whose classes are loaded before the parent's: a test of package `bp`
/// then sees the `bp` classes compiled with it. Test classes are named by the test sources (each
/// `XTest.java`), never found among the compiled classes, so code under test cannot add a test;
/// their methods run in `@Order`, each with a time limit. A test is worth
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

    /// How a suite runs: with or without the [Hidden] tests, and the time limit of each test.
    public record Settings(boolean hidden, Duration timeout) {
        /// Every test, hidden ones included, with the default time limit: the project's own checks.
        public static final Settings ALL = new Settings(true, TIMEOUT);

        /// What a student runs: the hidden tests are counted, not run.
        public static Settings student(Duration timeout) {
            return new Settings(false, timeout);
        }
    }

    private Suite() {}

    /// Compiles `code` with the tests `tests` and runs them, hidden tests included.
    public static Result run(List<Path> code, List<Path> tests) {
        return run(code, tests, Settings.ALL);
    }

    /// Compiles `code` with the tests `tests` and runs them as `settings` say. The test classes
    /// are the top-level classes of `tests` whose name ends in `Test`: a class of `code` is never
    /// taken for a test, whatever its name.
    public static Result run(List<Path> code, List<Path> tests, Settings settings) {
        try (var tmp = TempFolder.create("backprop-suite-")) {
            Javac.Result build = compile(concat(code, tests), tmp.path());
            if (!build.ok()) {
                return new Result(List.of(), build.messages());
            }
            return execute(tmp.path(), testClasses(tests), settings);
        }
    }

    /// Compiles `sources` into the folder `classes`.
    public static Javac.Result compile(List<Path> sources, Path classes) {
        return Javac.compile(sources, classes, null);
    }

    /// Runs the test classes `testClasses`, compiled into `classes`.
    public static Result execute(Path classes, List<String> testClasses, Settings settings) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        return withLoaded(classes, testClasses, settings, (request, hidden) -> {
            var captured = new CappedOutput(MAX_OUTPUT);
            var listener = new Collector(captured);
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

    /// The tests of a suite as `settings` select them, not run: each a failed outcome "did not
    /// run" with its name, points and hidden flag, by JUnit unique id in the order they run; and
    /// how many hidden tests (worth how many points) were left out.
    public record Plan(Map<String, Outcome> tests, int hiddenTests, double hiddenPoints) {}

    /// The plan of the test classes `testClasses`, compiled into `classes`. Discovery loads the
    /// classes without initialising them: none of their code runs.
    public static Plan plan(Path classes, List<String> testClasses, Settings settings) {
        return withLoaded(classes, testClasses, settings, (request, hidden) -> {
            Map<String, Outcome> tests = new LinkedHashMap<>();
            for (TestIdentifier id : tests(LauncherFactory.create().discover(request))) {
                tests.put(id.getUniqueId(), notRun(id));
            }
            return new Plan(Collections.unmodifiableMap(tests), hidden.size(), points(hidden));
        });
    }

    /// The tests of `code` and `tests` as `settings` select them, not run (see [#plan]).
    public static Result planned(List<Path> code, List<Path> tests, Settings settings) {
        try (var tmp = TempFolder.create("backprop-suite-")) {
            Javac.Result build = compile(concat(code, tests), tmp.path());
            if (!build.ok()) {
                throw new IllegalStateException("the tests do not compile with the solutions:\n" + build.messages());
            }
            Plan plan = plan(tmp.path(), testClasses(tests), settings);
            return new Result(List.copyOf(plan.tests().values()), null, plan.hiddenTests(), plan.hiddenPoints());
        }
    }

    /// The test classes among `tests`: each file `XTest.java` names the class `X Test` of the
    /// package its `package` line declares.
    public static List<String> testClasses(List<Path> tests) {
        List<String> names = new ArrayList<>();
        for (Path file : tests) {
            String simple = file.getFileName().toString().replaceFirst("\\.java$", "");
            if (simple.endsWith("Test")) {
                Matcher declared = PACKAGE.matcher(ExerciseGenerator.read(file));
                names.add(declared.find() ? declared.group(1) + "." + simple : simple);
            }
        }
        return names.stream().sorted().toList();
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private interface Body<T> {
        T apply(LauncherDiscoveryRequest request, Map<String, Double> hiddenLeftOut) throws Exception;
    }

    private static <T> T withLoaded(Path classes, List<String> names, Settings settings, Body<T> body) {
        try (var loader = localFirst(classes)) {
            List<Class<?>> testClasses = new ArrayList<>();
            for (String name : names) {
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

    /// The request for `classes`, leaving out the hidden tests
    /// (recorded in `hiddenLeftOut` with their points) unless `settings` include them.
    private static LauncherDiscoveryRequest request(List<Class<?>> classes, Settings settings, Map<String, Double> hiddenLeftOut) {
        List<ClassSelector> selectors = classes.stream().map(c -> selectClass(c)).toList();
        PostDiscoveryFilter select = descriptor -> {
            if (!descriptor.isTest()) {
                return FilterResult.included("a container");
            }
            String uid = descriptor.getUniqueId().toString();
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
        private TestPlan plan;
        private int outputStart;

        Collector(CappedOutput output) {
            this.output = output;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            this.plan = plan;
            for (TestIdentifier test : tests(plan)) {
                planned.put(test.getUniqueId(), notRun(test));
            }
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                outputStart = output.size();
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

    /// A loader that takes the classes compiled into `classes` before the same-named ones on the
    /// class path (a test of package `bp` sees the `bp` compiled with it).
    private static ChildFirstLoader localFirst(Path classes) throws MalformedURLException {
        return new ChildFirstLoader(new URL[] {classes.toUri().toURL()}, Suite.class.getClassLoader(),
                name -> Files.exists(classes.resolve(name.replace('.', '/') + ".class")));
    }
}

package grader;

import bp.Javac;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// Grades one chapter of one submission in a child JVM ([Child]), so that whatever the code
/// does costs its own tests and nothing more. The chapter is compiled here (javac runs none of
/// the submission's code), the tests run in the child:
///
/// - the child has a heap cap (`-Xmx`) and exits on the first OutOfMemoryError;
/// - each test has a time limit, enforced in the child by JUnit, and by this parent too: a test
///   that runs more than [#GRACE] past its limit gets its JVM killed;
/// - a child that dies during a test (System.exit, out of memory, killed) has that test failed
///   with the cause, and a new child runs the tests not yet decided;
/// - what the tests print is captured in the child, and this parent reads at most
///   [#MAX_LINE] characters of any line, so output without end floods nothing;
/// - the child runs in the submission's work folder (a copy), with `user.home`, `HOME`,
///   `java.io.tmpdir` and `TMPDIR` inside it and an environment of its own; under bubblewrap
///   ([Sandbox]) everything outside that folder is read-only and there is no network.
final class Isolated {

    /// How the child runs: the time limit of a test, the heap cap (as for `-Xmx`, `256m`),
    /// whether hidden tests run, and the sandbox (null for none).
    record Limits(Duration timeout, String memory, boolean hidden, Sandbox sandbox) {}

    /// How long past a test's time limit the parent waits before it kills the child.
    static final Duration GRACE = Duration.ofSeconds(10);

    /// How long a child may take to compile and start before its first test.
    static final Duration START_LIMIT = Duration.ofSeconds(120);

    /// How long the parent keeps reading after the child died (its last lines may still be in the pipe).
    static final Duration PIPE_GRACE = Duration.ofSeconds(5);

    /// The longest protocol line read; anything longer is dropped.
    static final int MAX_LINE = 1 << 20;

    private static final Gson GSON = new Gson();

    private Isolated() {}

    /// Grades `chapter` of the submission copied into `work` (which holds `exercises/`).
    static Suite.Result grade(Path root, String chapter, Path work, Limits limits) {
        try {
            return new Run(root, chapter, work, limits).grade();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// One chapter's grading: the tests planned and those decided so far.
    private static final class Run {
        private final Path root;
        private final String chapter;
        private final Path work;
        private final Limits limits;
        private Map<String, Suite.Outcome> planned;
        private final Map<String, Suite.Outcome> decided = new LinkedHashMap<>();
        private int hiddenTests;
        private double hiddenPoints;

        Run(Path root, String chapter, Path work, Limits limits) {
            this.root = root;
            this.chapter = chapter;
            this.work = work;
            this.limits = limits;
        }

        Suite.Result grade() throws IOException {
            Files.createDirectories(work.resolve("home"));
            Files.createDirectories(work.resolve("tmp"));
            Path classes = work.resolve("classes-" + chapter);
            if (!Files.exists(classes.resolve(".compiled"))) {
                // javac runs none of the submission's code (-proc:none), so it may run here, warm
                Path exercises = work.resolve("exercises");
                Javac.Result build = Suite.compile(Grader.sources(root, chapter, exercises), classes);
                if (!build.ok()) {
                    String messages = build.messages().replace(work.toAbsolutePath() + "/", "");
                    Suite.Settings settings = new Suite.Settings(limits.hidden(), limits.timeout(), Set.of(), new Suite.Events() {});
                    return Grader.notCompiled(root, chapter, exercises, messages, settings);
                }
                Files.createFile(classes.resolve(".compiled"));
            }
            // each run decides at least one test, or the loop ends: at most one run per test, plus one
            while (true) {
                int before = decided.size();
                Running child = start();
                boolean ended = child.follow();
                if (ended || planned != null && decided.keySet().containsAll(planned.keySet())) {
                    break;
                }
                if (child.current != null) {
                    decided.put(child.current, planned.get(child.current).failed(child.cause()));
                } else if (decided.size() == before) {
                    String why = "the grader's JVM stopped before this test could run (" + child.cause() + ")";
                    if (planned == null) {
                        return new Suite.Result(List.of(new Suite.Outcome(chapter + " could not be graded", false, why)), null);
                    }
                    planned.forEach((uid, test) -> decided.putIfAbsent(uid, test.failed(why)));
                    break;
                }
            }
            List<Suite.Outcome> outcomes = new ArrayList<>();
            if (planned != null) {
                planned.forEach((uid, test) -> outcomes.add(decided.getOrDefault(uid, test)));
            }
            return new Suite.Result(outcomes, null, hiddenTests, hiddenPoints);
        }

        private Running start() throws IOException {
            Path skip = Files.write(work.resolve("skip-" + chapter + ".txt"), decided.keySet());
            Path classes = work.resolve("classes-" + chapter);
            List<String> command = new ArrayList<>();
            if (limits.sandbox() != null) {
                command.addAll(limits.sandbox().prefix(work));
            }
            command.addAll(List.of(javaCommand(), "-Xmx" + limits.memory(), "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-UsePerfData", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "-Duser.home=" + work.resolve("home"), "-Djava.io.tmpdir=" + work.resolve("tmp"),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                    classes.toString(), Long.toString(limits.timeout().toMillis()), Boolean.toString(limits.hidden()), skip.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            env.clear();
            env.put("PATH", path);
            env.put("LANG", "C.UTF-8");
            env.put("HOME", work.resolve("home").toString());
            env.put("TMPDIR", work.resolve("tmp").toString());
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return new Running(builder.start());
        }

        /// A running child: its protocol lines, the test it is in, and the tail of its other output.
        private final class Running {
            private final Process process;
            private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            private final Tail tail = new Tail(8 * 1024);
            private String current;
            private String killed;

            private final Thread events;

            Running(Process process) {
                this.process = process;
                events = reader(process.getInputStream(), true);
                events.start();
                reader(process.getErrorStream(), false).start();
            }

            /// Reads the child's events until it exits; true when it reported the end.
            boolean follow() throws IOException {
                long lastEvent = System.nanoTime();
                long startedAt = 0;
                long deadSince = 0;
                boolean ended = false;
                try {
                    while (true) {
                        String line = lines.poll(100, TimeUnit.MILLISECONDS);
                        long now = System.nanoTime();
                        if (line != null) {
                            lastEvent = now;
                            JsonObject event = JsonParser.parseString(line).getAsJsonObject();
                            switch (event.get("event").getAsString()) {
                                case "planned" -> {
                                    if (planned == null) {
                                        planned = GSON.fromJson(event.get("tests"), new TypeToken<LinkedHashMap<String, Suite.Outcome>>() {}.getType());
                                    }
                                }
                                case "started" -> {
                                    current = event.get("uid").getAsString();
                                    startedAt = now;
                                }
                                case "finished" -> {
                                    decided.put(event.get("uid").getAsString(), GSON.fromJson(event.get("outcome"), Suite.Outcome.class));
                                    current = null;
                                }
                                case "end" -> {
                                    ended = true;
                                    hiddenTests = event.get("hiddenTests").getAsInt();
                                    hiddenPoints = event.get("hiddenPoints").getAsDouble();
                                }
                                default -> { }
                            }
                        } else if (!process.isAlive() && lines.isEmpty()) {
                            deadSince = deadSince == 0 ? now : deadSince;
                            // every line it wrote has been read, or a process it started holds the pipe open
                            if (!events.isAlive() || now - deadSince > PIPE_GRACE.toNanos()) {
                                break;
                            }
                        }
                        if (current != null && now - startedAt > limits.timeout().plus(GRACE).toNanos()) {
                            stop("took longer than " + limits.timeout().toSeconds() + " seconds and the grader stopped its JVM: is there a loop that never ends?");
                        } else if (current == null && !ended && now - lastEvent > START_LIMIT.toNanos()) {
                            stop("nothing happened for " + START_LIMIT.toSeconds() + " seconds");
                        }
                    }
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop("interrupted");
                }
                return ended;
            }

            private void stop(String why) {
                if (killed == null) {
                    killed = why;
                }
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }

            /// Why the child died during the current test.
            String cause() {
                if (killed != null) {
                    return killed;
                }
                String output = tail.text();
                if (output.contains("OutOfMemoryError")) {
                    return "ran out of memory (the heap limit is " + limits.memory() + "): does something grow without end?";
                }
                int status = process.exitValue();
                return "the JVM exited with status " + status + " during this test: does the code call System.exit?";
            }

            /// A thread that reads `in`: protocol lines go to the queue, the rest to the tail.
            private Thread reader(InputStream in, boolean protocol) {
                Thread thread = new Thread(() -> {
                    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        StringBuilder line = new StringBuilder();
                        boolean tooLong = false;
                        int c;
                        while ((c = reader.read()) >= 0) {
                            if (c == '\n') {
                                if (!tooLong) {
                                    take(line.toString(), protocol);
                                }
                                line.setLength(0);
                                tooLong = false;
                            } else if (line.length() < MAX_LINE) {
                                line.append((char) c);
                            } else {
                                tooLong = true;
                            }
                        }
                    } catch (IOException ignored) {
                        // the child is gone; what it wrote so far is all there is
                    }
                });
                thread.setDaemon(true);
                return thread;
            }

            private void take(String line, boolean protocol) {
                if (protocol && line.startsWith(Child.PREFIX)) {
                    lines.add(line.substring(Child.PREFIX.length()));
                } else {
                    tail.add(line);
                }
            }
        }
    }

    /// The `java` of the running JDK.
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /// The last characters of a stream of lines.
    private static final class Tail {
        private final int limit;
        private final StringBuilder text = new StringBuilder();

        Tail(int limit) {
            this.limit = limit;
        }

        synchronized void add(String line) {
            text.append(line, 0, Math.min(line.length(), limit)).append('\n');
            if (text.length() > limit) {
                text.delete(0, text.length() - limit);
            }
        }

        synchronized String text() {
            return text.toString();
        }
    }
}

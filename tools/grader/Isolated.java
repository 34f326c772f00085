package grader;

import bp.Javac;
import bp.TempFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// Grades one chapter of one submission so that whatever its code does costs its own tests and
/// nothing more, and no result can be forged.
///
/// 1. The chapter's files are written from the [Snapshot] into a fresh folder of its own, and
///    compiled here (javac runs none of the submission's code) into `classes/`, which the test
///    JVM can read and not write, with the chapter's files that hold no exercise from
///    `solutions/` (the submission's copies of those are ignored, with a note; no file that holds
///    an answer of the chapter is compiled, see [bp.ChapterSources]). Every class must belong to
///    a chapter's package.
/// 2. This grader discovers the tests itself ([Suite#plan]): their ids, names and points.
/// 3. A test JVM (`tools/testjvm`) runs the tests not decided yet and reports each on lines
///    signed with a fresh key it alone holds ([Signed]). Only a signed result of a planned test
///    counts, once; the points are this grader's. Anything else the JVM prints is its output.
/// 4. A JVM that dies during a test (System.exit, out of memory, killed after the time limit) has
///    that test failed with the cause, and a new JVM runs the rest. After each JVM, everything it
///    started is killed. When the compiled classes changed while a JVM ran (a SHA-256 before and
///    after), nothing it reported counts, and the chapter is compiled and tested again from the
///    snapshot, up to [#ATTEMPTS] times.
///
/// The test JVM runs in bubblewrap ([Sandbox]) when it can, else as [Unsandboxed] says, with a
/// heap cap, a time limit per test (JUnit's, and this grader's [#GRACE] later), native access,
/// `Unsafe` memory access and agents switched off, an empty environment, and a scratch folder
/// for its home and temporary files.
final class Isolated {

    /// How the test JVMs run: the time limit of a test, the heap cap (as for `-Xmx`, `256m`),
    /// whether hidden tests run, and whether to use bubblewrap when it is there.
    record Limits(Duration timeout, String memory, boolean hidden, boolean sandbox) {}

    /// A chapter's result, and the grader's notes about what its code did.
    record Graded(Suite.Result result, List<String> notes) {}

    /// What the test JVMs run on and in: the class path and module, and bubblewrap (null when
    /// it was not `wanted`, or is not installed or cannot run here) or what runs them without it.
    record Setup(ChildJvm jvm, Sandbox sandbox, Unsandboxed plain, boolean wanted) {}

    /// How long past a test's time limit the grader waits before it kills the JVM.
    static final Duration GRACE = Duration.ofSeconds(10);

    /// How long a JVM may take to start before its first test.
    static final Duration START_LIMIT = Duration.ofSeconds(120);

    /// How long the grader keeps reading after the JVM died (its last lines may still be in the pipe).
    static final Duration PIPE_GRACE = Duration.ofSeconds(5);

    /// The longest line read from the JVM; anything longer is dropped.
    static final int MAX_LINE = 1 << 20;

    /// How many times a chapter is compiled and tested when its compiled classes keep changing
    /// under its tests (without bubblewrap, code of another submission graded at the same time can
    /// write there).
    static final int ATTEMPTS = 3;

    /// The longest hint kept (the student's code writes the exception messages).
    static final int MAX_HINT = 500;

    private static final Map<Boolean, Setup> SETUPS = new LinkedHashMap<>();

    private Isolated() {}

    /// The setup of this grader, made once: with bubblewrap when `sandbox` and it works here.
    static synchronized Setup setup(Path root, boolean sandbox) {
        return SETUPS.computeIfAbsent(sandbox, wanted -> {
            ChildJvm jvm = ChildJvm.get(root);
            Sandbox found = wanted ? Sandbox.find(jvm) : null;
            return new Setup(jvm, found, found == null ? Unsandboxed.find(jvm) : null, wanted);
        });
    }

    /// Grades `chapter` of `submission`.
    static Graded grade(Path root, String chapter, Snapshot submission, Limits limits) {
        try (var folder = TempFolder.create("backprop-" + chapter + "-")) {
            return new Run(root, chapter, folder.path(), setup(root, limits.sandbox()), limits).grade(submission);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// One chapter's grading: the tests planned and those decided so far.
    private static final class Run {
        private final Path root;
        private final String chapter;
        private final Path folder;
        /// The chapter's test classes, named by its `tests/` sources.
        private final List<String> testClasses;
        private Path classes;
        private final Setup setup;
        private final Limits limits;
        private final Map<String, Suite.Outcome> decided = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private Suite.Plan plan;
        private String classesPrint;
        private int forged;
        /// The user id this chapter's test JVMs run as, or -1 for the grader's own.
        private int user;

        Run(Path root, String chapter, Path folder, Setup setup, Limits limits) {
            this.root = root;
            this.chapter = chapter;
            this.folder = folder;
            this.testClasses = Suite.testClasses(Grader.tests(root, chapter));
            this.setup = setup;
            this.limits = limits;
        }

        Graded grade(Snapshot submission) throws IOException {
            Suite.Settings settings = new Suite.Settings(limits.hidden(), limits.timeout());
            user = setup.sandbox() == null ? setup.plain().newUser() : -1;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                decided.clear();
                classes = folder.resolve("classes-" + attempt);
                Path src = folder.resolve("src-" + attempt);
                submission.writeChapter(chapter, src);
                String srcPrint = Snapshot.fingerprint(src);
                if (attempt == 1) {
                    notes.addAll(Grader.notes(root, chapter, src, ""));
                }
                Javac.Result build = Suite.compile(Suite.concat(Grader.sources(root, chapter, src), Grader.tests(root, chapter)), classes);
                if (!Snapshot.fingerprint(src).equals(srcPrint)) {
                    notes.add(chapter + ": its sources were changed while they were compiled (by code of the class); compiled again");
                    continue;
                }
                if (!build.ok()) {
                    String messages = build.messages().replace(src.toAbsolutePath() + "/", "exercises/")
                            .replace(root.toAbsolutePath() + "/", "");
                    return new Graded(Grader.notCompiled(root, chapter, Path.of("exercises"), messages, settings), notes);
                }
                String outside = Grader.outsideChapters(classes);
                if (outside != null) {
                    String why = "exercises/" + chapter + " is not graded: " + outside;
                    Suite.Result refused = Grader.notCompiled(root, chapter, Path.of("exercises"), why, settings);
                    return new Graded(new Suite.Result(refused.outcomes().stream().map(test -> test.failed(why)).toList(), why,
                            refused.hiddenTests(), refused.hiddenPoints()), notes);
                }
                grantRead(src);
                classesPrint = Snapshot.fingerprint(classes);
                plan = Suite.plan(classes, testClasses, settings);
                if (runTests()) {
                    return result();
                }
                notes.add(chapter + ": its compiled classes were changed while its tests ran (by code of the class); "
                        + (attempt < ATTEMPTS ? "graded again from the submission as read" : "the tests not yet decided fail"));
            }
            decided.clear();
            decideAll("its compiled classes were changed while its tests ran, " + ATTEMPTS + " times");
            return result();
        }

        /// Runs test JVMs until every planned test is decided; false when the compiled classes
        /// changed meanwhile (nothing the JVM that saw them reported counts).
        private boolean runTests() throws IOException {
            // each JVM decides at least one test, or the loop ends: at most one JVM per test, plus one
            while (!undecided().isEmpty()) {
                int before = decided.size();
                Running jvm = start(undecided());
                boolean ended = jvm.follow();
                jvm.killAll();
                if (!Snapshot.fingerprint(classes).equals(classesPrint)) {
                    return false;
                }
                if (ended) {
                    decideAll("did not run: its result never reached the grader (did the code close or flood standard output?)");
                } else if (jvm.current != null) {
                    decide(jvm.current, plan.tests().get(jvm.current).failed(jvm.cause()));
                } else if (decided.size() == before) {
                    decideAll("the grader's JVM stopped before this test could run (" + jvm.cause() + ")");
                }
            }
            return true;
        }

        private Graded result() {
            if (forged > 0) {
                notes.add(chapter + ": its code wrote " + forged + (forged == 1 ? " line" : " lines")
                        + " that imitate the grader's results; they were ignored");
            }
            List<Suite.Outcome> outcomes = new ArrayList<>();
            plan.tests().forEach((uid, test) -> outcomes.add(decided.getOrDefault(uid, test)));
            return new Graded(new Suite.Result(outcomes, null, plan.hiddenTests(), plan.hiddenPoints()), notes);
        }

        /// Lets this chapter's test JVMs read its folder and compiled classes, and no one else's:
        /// when they run as a user id of their own, the classes belong to the grader and to that
        /// id's group (read, not write), and the sources to the grader alone; otherwise everyone
        /// may read them (bubblewrap binds them read-only; the grader's own user could read them anyway).
        private void grantRead(Path src) throws IOException {
            if (user < 0) {
                ChildJvm.readableByAll(folder);
                return;
            }
            Files.setAttribute(folder, "unix:gid", user);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
            Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwx------"));
            try (var walk = Files.walk(classes)) {
                for (Path p : walk.toList()) {
                    Files.setAttribute(p, "unix:gid", user);
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-x---" : "rw-r-----"));
                }
            }
        }

        private List<String> undecided() {
            return plan.tests().keySet().stream().filter(uid -> !decided.containsKey(uid)).toList();
        }

        private void decide(String uid, Suite.Outcome outcome) {
            decided.putIfAbsent(uid, outcome);
        }

        private void decideAll(String why) {
            undecided().forEach(uid -> decide(uid, plan.tests().get(uid).failed(why)));
        }

        /// Starts a test JVM for the tests `todo`, in a fresh scratch folder.
        private Running start(List<String> todo) throws IOException {
            Path scratch = Files.createTempDirectory(folder, "scratch-");
            Files.createDirectories(scratch.resolve("home"));
            Files.createDirectories(scratch.resolve("tmp"));
            Sandbox sandbox = setup.sandbox();
            List<String> command = new ArrayList<>(sandbox != null ? sandbox.prefix(classes, scratch, setup.jvm()) : setup.plain().prefix(user));
            if (user >= 0) {
                for (Path p : List.of(scratch, scratch.resolve("home"), scratch.resolve("tmp"))) {
                    Files.setAttribute(p, "unix:uid", user);
                    Files.setAttribute(p, "unix:gid", user);
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                }
            }
            List<String> classPath = new ArrayList<>(List.of(inside(classes, scratch).toString()));
            setup.jvm().classPath().forEach(entry -> classPath.add(inside(entry, scratch).toString()));
            command.addAll(List.of(setup.jvm().javaCommand(), "-Xmx" + limits.memory(), "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-UsePerfData", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading",
                    "--illegal-native-access=deny", "--sun-misc-unsafe-memory-access=deny",
                    "-Duser.home=" + inside(scratch.resolve("home"), scratch), "-Djava.io.tmpdir=" + inside(scratch.resolve("tmp"), scratch),
                    "-cp", String.join(java.io.File.pathSeparator, classPath),
                    "--module-path", inside(setup.jvm().module(), scratch).toString(), "--add-reads", "testjvm=ALL-UNNAMED",
                    "-m", ChildJvm.MAIN, Long.toString(limits.timeout().toMillis())));
            command.addAll(testClasses);
            ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", "/usr/bin:/bin");
            env.put("LANG", "C.UTF-8");
            env.put("HOME", inside(scratch.resolve("home"), scratch).toString());
            env.put("TMPDIR", inside(scratch.resolve("tmp"), scratch).toString());
            Signed key = new Signed();
            Running running = new Running(builder.start(), key, user);
            try (OutputStream in = running.process.getOutputStream()) {
                in.write((key.hex() + "\n" + String.join("\n", todo) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // the JVM died before it read its key: follow() reports why
            }
            return running;
        }

        private Path inside(Path path, Path scratch) {
            return setup.sandbox() == null ? path : setup.sandbox().inside(path, classes, scratch, setup.jvm());
        }

        /// A running test JVM: its signed events, the test it is in, and the tail of its other output.
        private final class Running {
            private final Process process;
            private final Signed key;
            private final int uid;
            private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            private final Tail tail = new Tail(8 * 1024);
            private final Set<ProcessHandle> seen = new HashSet<>();
            private final Thread events;
            private String current;
            private String killed;

            Running(Process process, Signed key, int uid) {
                this.process = process;
                this.key = key;
                this.uid = uid;
                events = reader(process.getInputStream(), true);
                events.start();
                reader(process.getErrorStream(), false).start();
            }

            /// Reads the JVM's events until it exits; true when it reported the end.
            boolean follow() {
                long lastEvent = System.nanoTime();
                long startedAt = 0;
                long deadSince = 0;
                boolean ended = false;
                try {
                    while (true) {
                        String line = lines.poll(100, TimeUnit.MILLISECONDS);
                        long now = System.nanoTime();
                        if (setup.sandbox() == null) {
                            // in bubblewrap the JVM's process namespace ends with it; outside, its descendants are tracked
                            process.descendants().forEach(seen::add);
                        }
                        if (line != null) {
                            Signed.Event event = key.verify(line);
                            if (event == null) {
                                forged++;
                                tail.add(Signed.PREFIX + line);
                                continue;
                            }
                            lastEvent = now;
                            switch (event.name()) {
                                case "started" -> {
                                    if (event.fields().size() == 1 && plan.tests().containsKey(event.fields().getFirst())) {
                                        current = event.fields().getFirst();
                                        startedAt = now;
                                    }
                                }
                                case "finished" -> {
                                    finished(event.fields());
                                    current = null;
                                }
                                case "end" -> ended = true;
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

            /// A signed `finished UID PASSED SHARE HINT OUTPUT`: the test's outcome, with this
            /// grader's name and points for it, decided once.
            private void finished(List<String> fields) {
                if (fields.size() != 5 || !plan.tests().containsKey(fields.get(0))) {
                    return;
                }
                Suite.Outcome test = plan.tests().get(fields.get(0));
                boolean passed = fields.get(1).equals("true");
                double earned = passed ? test.points() : test.points() * share(fields.get(2));
                String hint = passed ? null : oneLine(fields.get(3));
                decide(fields.get(0), new Suite.Outcome(test.name(), passed, hint, fields.get(4), test.points(), earned, test.hidden()));
            }

            private void stop(String why) {
                if (killed == null) {
                    killed = why;
                }
                killAll();
            }

            /// Kills the JVM and everything it started: its process group, every descendant seen
            /// while it ran, and, when it ran as a user of its own, every process of that user.
            void killAll() {
                process.descendants().forEach(seen::add);
                process.destroyForcibly();
                if (setup.sandbox() == null && setup.plain().setsid() != null) {
                    killGroup(process.pid());
                }
                seen.forEach(ProcessHandle::destroyForcibly);
                if (uid >= 0) {
                    setup.plain().killUser(uid);
                }
            }

            /// Why the JVM died during the current test.
            String cause() {
                if (killed != null) {
                    return killed;
                }
                if (tail.text().contains("OutOfMemoryError")) {
                    return "ran out of memory (the heap limit is " + limits.memory() + "): does something grow without end?";
                }
                return "the JVM exited with status " + process.exitValue() + " during this test: does the code call System.exit?";
            }

            /// A thread that reads `in`: lines that start as the grader's go to the queue, the rest to the tail.
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
                        // the JVM is gone; what it wrote so far is all there is
                    }
                });
                thread.setDaemon(true);
                return thread;
            }

            private void take(String line, boolean protocol) {
                if (protocol && line.startsWith(Signed.PREFIX)) {
                    lines.add(line.substring(Signed.PREFIX.length()));
                } else if (!line.isEmpty()) {
                    tail.add(line);
                }
            }
        }
    }

    /// The share of a partial credit `right/cases`, between 0 and 1; 0 when it is not one.
    static double share(String credit) {
        if (!credit.matches("\\d{1,9}/[1-9]\\d{0,8}")) {
            return 0;
        }
        String[] parts = credit.split("/");
        return Math.min(1, Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
    }

    /// A hint as one printable line of at most [#MAX_HINT] characters.
    static String oneLine(String hint) {
        String line = hint.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= MAX_HINT ? line : line.substring(0, MAX_HINT) + " [...]";
    }

    /// Sends SIGKILL to the process group `pgid` (a test JVM started by `setsid` leads its own).
    private static void killGroup(long pgid) {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the descendants seen are still killed one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

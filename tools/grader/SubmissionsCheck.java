package grader;

import bp.ChapterSources;
import bp.TempFolder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/// The grader's own test suite, part of `./jbang test`: the made-up class of `tests/submissions/`
/// (see its README) is materialised into full submissions, graded as an instructor grades
/// (chapters 1 and 3, a short time limit), and every expected score and cause is checked, with
/// the exports against the terminal table, the submissions unchanged, and a second grading equal
/// to the first.
final class SubmissionsCheck {

    /// The chapters the suite grades: small ones, to keep `./jbang test` fast.
    static final List<String> CHAPTERS = List.of("ch01", "ch03");

    /// The time limit per test: short, for the submissions that loop or print without end.
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /// Two submissions at a time, as many as the CI machine has cores.
    static final int JOBS = 2;

    private final Path root;
    private final Report report;
    private Map<Path, String> solutionTexts;

    SubmissionsCheck(Path root, Report report) {
        this.root = root;
        this.report = report;
    }

    void run() throws Exception {
        Map<String, Properties> fixtures = fixtures(root.resolve("tests/submissions"));
        try (var tmp = TempFolder.create("backprop-class-")) {
            Path klass = Files.createDirectories(tmp.path().resolve("class"));
            for (var fixture : fixtures.entrySet()) {
                materialise(fixture.getKey(), fixture.getValue(), klass.resolve(fixture.getKey()));
            }
            boolean first = true;
            for (boolean sandbox : List.of(true, false)) {
                Isolated.Setup setup = Isolated.setup(root, sandbox);
                if (sandbox && setup.sandbox() == null) {
                    report.heading("instructor grading of tests/submissions in bubblewrap");
                    boolean installed = Files.isExecutable(Path.of("/usr/bin/bwrap"));
                    report.line(!installed, "bubblewrap runs a test JVM here when it is installed",
                            "/usr/bin/bwrap is installed but a test JVM does not start in it (are user namespaces switched off?)");
                    report.note("bubblewrap is not available here: only the grading without it is checked");
                    continue;
                }
                Path mode = Files.createDirectories(tmp.path().resolve(sandbox ? "sandboxed" : "unsandboxed"));
                // after a first pass, the second grades the hostile submissions (those with honest
                // scores): the limits (loops, exits, memory) work alike with and without bubblewrap
                Map<String, Properties> graded = first ? fixtures : hostile(fixtures);
                Path folder = first ? klass : Files.createDirectories(mode.resolve("class"));
                if (!first) {
                    for (var fixture : graded.entrySet()) {
                        materialise(fixture.getKey(), fixture.getValue(), folder.resolve(fixture.getKey()));
                    }
                }
                Map<String, List<String>> table = gradeClass(graded, folder, new Isolated.Limits(TIMEOUT, "256m", true, sandbox), setup, mode);
                if (first) {
                    exports(fixtures.keySet(), table, mode.resolve("grades.csv"), mode.resolve("results.json"), mode.resolve("junit"));
                    again(fixtures, klass, mode, new Isolated.Limits(TIMEOUT, "256m", true, sandbox), mode.resolve("results.json"));
                    classroom(table.get("correct"));
                    first = false;
                }
            }
        }
    }

    /// Grades the class in `klass` with `limits` and checks every fixture's expectations, the
    /// hostile ones' traces (a host socket reached, processes left, the submission changed), and
    /// that the class's folder is unchanged. Returns the table of scores.
    private Map<String, List<String>> gradeClass(Map<String, Properties> fixtures, Path klass, Isolated.Limits limits,
            Isolated.Setup setup, Path out) throws Exception {
        boolean sandboxed = setup.sandbox() != null;
        Map<String, String> before = new LinkedHashMap<>();
        fixtures.keySet().forEach(name -> before.put(name, Snapshot.fingerprint(klass.resolve(name))));
        for (Properties p : fixtures.values()) {
            if (p.containsKey("escape")) {
                Files.deleteIfExists(Path.of(p.getProperty("escape")));
            }
        }
        long start = System.nanoTime();
        String output;
        int knocks;
        int others;
        try (HostSocket socket = HostSocket.open()) {
            output = grade(klass, limits, out.resolve("grades.csv"), out.resolve("results.json"), out.resolve("junit"));
            knocks = socket.connections();
            others = socket.others();
        }
        String seconds = "%.0f s".formatted((System.nanoTime() - start) / 1e9);
        report.heading("instructor grading of tests/submissions (" + fixtures.size() + " submissions, " + String.join(" ", CHAPTERS)
                + ", " + seconds + ", sandbox: " + (sandboxed ? "bubblewrap" : "none, each test JVM as "
                + (setup.plain().setpriv() != null ? "a user id of its own" : "the grader's user")) + ")");
        Map<String, List<String>> table = table(output);
        for (var fixture : fixtures.entrySet()) {
            expectations(fixture.getKey(), fixture.getValue(), table.get(fixture.getKey()), section(output, fixture.getKey()), sandboxed);
        }
        if (others > 0) {
            report.note("host-socket: " + others + " connections from another run on this machine (not this class's) were not counted");
        }
        boolean contained = sandboxed || setup.plain().setpriv() != null;
        if (sandboxed) {
            report.line(knocks == 0, "host-socket: no test reached the Unix socket listening in the machine's /tmp",
                    knocks + " connections reached it");
        } else {
            report.note("host-socket: without bubblewrap " + knocks + " connections reached the socket in the machine's /tmp (not contained)");
        }
        List<String> left = leftover(fixtures);
        if (contained) {
            report.line(left.isEmpty(), "leftover-processes: no process a test started outlived grading", left.size() + " are still running: " + left);
        } else {
            report.note("leftover-processes: " + left.size() + " processes outlived grading (without bubblewrap or root, one that leaves its"
                    + " session fast enough is not found)");
        }
        kill(left);
        List<String> wrong = new ArrayList<>();
        for (String name : fixtures.keySet()) {
            boolean changed = !Snapshot.fingerprint(klass.resolve(name)).equals(before.get(name));
            boolean noted = output.contains("NOTE  " + name + ": " + Submissions.CHANGED);
            // without bubblewrap, as the grader's own user, any submission's code can write to any other
            boolean allowed = !sandboxed && (setup.plain().setpriv() == null || fixtures.get(name).containsKey("changed.unsandboxed"));
            if (changed != noted || changed && !allowed) {
                wrong.add(name + (changed ? " changed" : " unchanged") + (noted ? ", noted" : ", not noted"));
            }
            if (changed) {
                report.note(name + ": code of the class reached this submission and changed it; the grader noted it and graded what it had read before");
                materialise(name, fixtures.get(name), klass.resolve(name));
            }
        }
        report.line(wrong.isEmpty(), "no submission was changed by grading it but by its own code, and then the grader says so",
                String.join("; ", wrong));
        return table;
    }
    /// `.github/classroom/autograding.json` and `.github/workflows/classroom.yml` grade every
    /// chapter with `./jbang grade chNN` and the same points; for the chapters graded here, the
    /// points are the chapter's total (the correct submission's row of the table).
    private void classroom(List<String> correct) throws IOException {
        JsonObject config = com.google.gson.JsonParser.parseString(
                Files.readString(root.resolve(".github/classroom/autograding.json"))).getAsJsonObject();
        String workflow = Files.readString(root.resolve(".github/workflows/classroom.yml"));
        for (String chapter : Grader.chapters(root)) {
            JsonObject test = null;
            for (JsonElement t : config.getAsJsonArray("tests")) {
                if (t.getAsJsonObject().get("run").getAsString().equals("./jbang grade " + chapter)) {
                    test = t.getAsJsonObject();
                }
            }
            double points = test == null ? 0 : test.get("points").getAsDouble();
            int graded = CHAPTERS.indexOf(chapter);
            boolean total = graded < 0 || correct != null && correct.get(graded).endsWith("/" + Report.number(points));
            boolean step = workflow.contains("command: ./jbang grade " + chapter + "\n          timeout: 10\n          max-score: "
                    + Report.number(points) + "\n");
            report.line(test != null && points > 0 && total && step,
                    "GitHub Classroom grades " + chapter + " with ./jbang grade " + chapter + " for " + Report.number(points) + " points",
                    "add a test running ./jbang grade " + chapter + " with the chapter's points to .github/classroom/autograding.json"
                            + " and a step with the same max-score to .github/workflows/classroom.yml");
        }
    }

    /// Grades `klass` as `./jbang grade --submissions` does and returns what it printed.
    private String grade(Path klass, Isolated.Limits limits, Path csv, Path json, Path junit) throws IOException {
        var printed = new ByteArrayOutputStream();
        try (var out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            new ClassGrading(root, CHAPTERS, limits, JOBS, out).run(klass, csv, json, junit);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /// The scores `p` expects (`a|b`: either), each with the honest score beside it, the causes
    /// of failed tests and the grader's notes it expects, and that a file it writes outside its
    /// folder did not reach the machine in the sandbox.
    private void expectations(String name, Properties p, List<String> row, String section, boolean sandboxed) {
        for (int c = 0; c < CHAPTERS.size(); c++) {
            String chapter = CHAPTERS.get(c);
            String expected = p.getProperty("expect." + chapter + (sandboxed ? "" : ".unsandboxed"), p.getProperty("expect." + chapter));
            String actual = row == null ? "missing" : row.get(c).substring(0, row.get(c).indexOf('/'));
            String honest = p.containsKey("honest." + chapter) ? " (honest score " + p.getProperty("honest." + chapter) + ")" : "";
            report.line(List.of(expected.split("\\|")).contains(actual),
                    name + ": " + chapter + " earns " + expected.replace("|", " or ") + " points"
                            + (expected.contains("|") ? ", gave " + actual : "") + honest,
                    "the grader gave " + actual + (row == null ? " (no row in the table)" : "") + "; what it printed:\n" + section);
        }
        for (int n = 1; p.containsKey("cause." + n); n++) {
            String cause = p.getProperty("cause." + n);
            boolean applies = sandboxed || !p.containsKey("escape");
            boolean found = section.lines().anyMatch(l -> l.contains("FAIL") && l.contains(cause));
            if (applies) {
                report.line(found, name + ": a failed test says \"" + cause + "\"", "no FAIL line of " + name + " says so:\n" + section);
            }
        }
        for (int n = 1; p.containsKey("compile." + n); n++) {
            String message = p.getProperty("compile." + n);
            boolean found = section.lines().anyMatch(l -> l.strip().startsWith("| exercises/") && l.contains(message));
            boolean trace = section.contains("\tat ") || section.contains("Exception in thread");
            report.line(found && !trace, name + ": the compiler's message is one line: \"" + message + "\", with no stack trace",
                    "what it printed:\n" + section);
        }
        for (int n = 1; p.containsKey("note." + n); n++) {
            String note = p.getProperty("note." + n);
            report.line(section.lines().anyMatch(l -> l.contains("NOTE") && l.contains(note)), name + ": the grader notes \"" + note + "\"",
                    "no NOTE line of " + name + " says so:\n" + section);
        }
        if (p.containsKey("escape")) {
            Path escape = Path.of(p.getProperty("escape"));
            boolean exists = Files.exists(escape);
            if (sandboxed) {
                report.line(!exists, name + ": its write to " + escape + " stayed in the sandbox's own /tmp", escape + " was written");
            } else {
                report.note(name + ": without bubblewrap its write to " + escape + (exists ? " reached the machine (not contained)" : " did not reach the machine"));
            }
            try {
                Files.deleteIfExists(escape);
            } catch (IOException ignored) {
                // another user's file: left alone
            }
        }
    }

    /// The hostile fixtures: those that give the honest scores of their own work.
    private static Map<String, Properties> hostile(Map<String, Properties> fixtures) {
        Map<String, Properties> found = new LinkedHashMap<>();
        fixtures.forEach((name, p) -> {
            if (p.stringPropertyNames().stream().anyMatch(key -> key.startsWith("honest."))) {
                found.put(name, p);
            }
        });
        return found;
    }

    /// The processes still running whose command line has a fixture's `marker` (`a|b`: either).
    private static List<String> leftover(Map<String, Properties> fixtures) {
        List<String> markers = fixtures.values().stream().filter(p -> p.containsKey("marker"))
                .flatMap(p -> List.of(p.getProperty("marker").split("\\|")).stream()).toList();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(line -> markers.stream().anyMatch(line::contains)).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
    }

    /// Kills the processes `left` names (pid first), so that one check's leftovers do not outlive `./jbang test`.
    private static void kill(List<String> left) {
        left.forEach(line -> ProcessHandle.of(Long.parseLong(line.substring(0, line.indexOf(' ')))).ifPresent(ProcessHandle::destroyForcibly));
    }

    /// The CSV, the Gradescope JSON and the JUnit XML parse and agree with the terminal table.
    private void exports(Iterable<String> students, Map<String, List<String>> table, Path csv, Path json, Path junit) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        boolean header = lines.getFirst().equals("student," + String.join(",", CHAPTERS) + ",total");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        lines.stream().skip(1).map(l -> List.of(l.split(",", -1))).forEach(r -> rows.put(r.getFirst(), r.subList(1, r.size())));
        boolean csvAgrees = header;
        for (String student : students) {
            List<String> shown = table.get(student);
            List<String> written = rows.get(student);
            csvAgrees &= shown != null && written != null && written.size() == shown.size();
            for (int c = 0; csvAgrees && c < shown.size(); c++) {
                csvAgrees = shown.get(c).startsWith(written.get(c) + "/");
            }
        }
        report.line(csvAgrees && rows.size() == table.size(), "the CSV gradebook has a row per student, a column per chapter and the total, as in the table",
                "the CSV says " + rows + " but the table " + table);
        JsonReader reader = new JsonReader(new StringReader(Files.readString(json)));
        reader.setStrictness(Strictness.STRICT);
        JsonObject all = com.google.gson.JsonParser.parseReader(reader).getAsJsonObject();
        boolean jsonAgrees = all.keySet().equals(table.keySet());
        boolean xmlAgrees = true;
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        for (String student : all.keySet()) {
            JsonObject results = all.getAsJsonObject(student);
            double sum = 0;
            int tests = 0;
            int failed = 0;
            int hidden = 0;
            for (JsonElement t : results.getAsJsonArray("tests")) {
                JsonObject test = t.getAsJsonObject();
                jsonAgrees &= test.has("name") && test.has("output") && test.get("score").getAsDouble() <= test.get("max_score").getAsDouble();
                sum += test.get("score").getAsDouble();
                tests++;
                failed += test.get("status").getAsString().equals("failed") ? 1 : 0;
                hidden += test.get("visibility").getAsString().equals("after_published") ? 1 : 0;
            }
            List<String> shown = table.get(student);
            String total = shown == null ? "" : shown.getLast();
            jsonAgrees &= hidden == 3 && Math.abs(sum - results.get("score").getAsDouble()) < 1e-9
                    && total.startsWith(Report.number(sum) + "/");
            Document doc = xml.parse(junit.resolve(Exports.fileName(student) + ".xml").toFile());
            xmlAgrees &= doc.getElementsByTagName("testcase").getLength() == tests
                    && doc.getElementsByTagName("failure").getLength() == failed
                    && doc.getElementsByTagName("testsuite").getLength() == CHAPTERS.size();
        }
        report.line(jsonAgrees, "the Gradescope results.json parses strictly; per student its score is the sum of its tests' and the table's total,"
                + " 3 hidden tests are after_published", "results.json disagrees with the table " + table);
        report.line(xmlAgrees, "the JUnit XML report of every submission parses, with a testcase per test and a failure per failed test",
                "a JUnit XML report disagrees with results.json");
    }

    /// Grades two of the submissions again (one that exits, one with partial credit): the
    /// same results, test by test.
    private void again(Map<String, Properties> fixtures, Path klass, Path tmp, Isolated.Limits limits, Path firstJson) throws Exception {
        Path second = Files.createDirectories(tmp.resolve("again"));
        List<String> names = List.of("system-exit", "mistake-relu-abs");
        for (String name : names) {
            if (fixtures.containsKey(name)) {
                materialise(name, fixtures.get(name), second.resolve(name));
            }
        }
        Path json = tmp.resolve("again.json");
        grade(second, limits, tmp.resolve("again.csv"), json, tmp.resolve("again-junit"));
        JsonObject first = com.google.gson.JsonParser.parseString(Files.readString(firstJson)).getAsJsonObject();
        JsonObject then = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        boolean same = names.stream().allMatch(n -> first.get(n).equals(then.get(n)));
        report.line(same, "grading " + String.join(" and ", names) + " again gives the same results, test by test",
                "the second grading differs: " + then);
    }

    /// The table the grader printed last: student → the cells `earned/worth`, total last.
    static Map<String, List<String>> table(String output) {
        List<String> lines = output.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("student ")) {
                header = i;
            }
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = header + 1; header >= 0 && i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("wrote"); i++) {
            List<String> cells = List.of(lines.get(i).trim().split("\\s+"));
            rows.put(cells.getFirst(), cells.subList(1, cells.size()));
        }
        return rows;
    }

    /// What the grader printed about `student`: from its heading to the next.
    private static String section(String output, String student) {
        int from = output.indexOf("== " + student + " (");
        if (from < 0) {
            return "";
        }
        int to = output.indexOf("\n== ", from + 1);
        int table = output.indexOf("\nstudent ", from);
        int end = to < 0 ? table : table < 0 ? to : Math.min(to, table);
        return output.substring(from, end < 0 ? output.length() : end);
    }

    /// The solutions' files that hold an exercise (the others are not the student's: a submission,
    /// like `exercises/`, has none of them), by path relative to `solutions/`, read once.
    private Map<Path, String> solutionFiles() throws IOException {
        if (solutionTexts != null) {
            return solutionTexts;
        }
        Map<Path, String> files = new LinkedHashMap<>();
        Path solutions = root.resolve("solutions");
        try (Stream<Path> walk = Files.walk(solutions)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(file);
                if (ChapterSources.holdsExercise(text)) {
                    files.put(solutions.relativize(file), text);
                }
            }
        }
        solutionTexts = java.util.Collections.unmodifiableMap(files);
        return solutionTexts;
    }

    /// The fixtures: folder name → its submission.properties, sorted.
    private static Map<String, Properties> fixtures(Path dir) throws IOException {
        Map<String, Properties> found = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path folder : entries.filter(Files::isDirectory).sorted().toList()) {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(folder.resolve("submission.properties"))) {
                    p.load(in);
                }
                found.put(folder.getFileName().toString(), p);
            }
        }
        return found;
    }

    /// Writes the full submission `p` describes into `target`: its base, the chapters it copies
    /// from the solutions (`copy.N`), the files it adds from its fixture folder (`add.N.file`,
    /// `add.N.from`), then its edits.
    private void materialise(String name, Properties p, Path target) throws IOException {
        Path exercises = "clone".equals(p.getProperty("layout")) ? target.resolve("exercises") : target;
        Map<Path, String> files = new LinkedHashMap<>();
        Map<Path, String> solutions = solutionFiles();
        if ("stubs".equals(p.getProperty("base"))) {
            files.putAll(ExerciseGenerator.generate(root.resolve("solutions")));
        } else {
            files.putAll(solutions);
        }
        for (int n = 1; p.containsKey("copy." + n); n++) {
            String chapter = p.getProperty("copy." + n);
            solutions.forEach((file, text) -> {
                if (file.getName(0).toString().equals(chapter)) {
                    files.put(file, text);
                }
            });
        }
        for (int n = 1; p.containsKey("add." + n + ".file"); n++) {
            Path file = Path.of(p.getProperty("add." + n + ".file"));
            if (p.containsKey("add." + n + ".nested")) {
                int depth = Integer.parseInt(p.getProperty("add." + n + ".nested"));
                String chapter = file.getName(0).toString();
                files.put(file, "package " + chapter + "; class Deep { int x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "; }\n");
            } else {
                // RUN_TOKEN: this check's own, so that the host socket tells its class's knocks from
                // those of another ./jbang test running on the same machine
                files.put(file, Files.readString(root.resolve("tests/submissions").resolve(name).resolve(p.getProperty("add." + n + ".from")))
                        .replace("RUN_TOKEN", HostSocket.TOKEN));
            }
        }
        List<String> problems = new ArrayList<>();
        for (int n = 1; p.containsKey("edit." + n + ".file"); n++) {
            Path file = Path.of(p.getProperty("edit." + n + ".file"));
            String find = p.getProperty("edit." + n + ".find");
            String text = files.getOrDefault(file, "");
            if (text.indexOf(find) < 0 || text.indexOf(find) != text.lastIndexOf(find)) {
                problems.add("edit " + n + " does not find '" + find + "' exactly once in " + file);
            } else {
                files.put(file, text.replace(find, p.getProperty("edit." + n + ".replace")));
            }
        }
        for (var file : files.entrySet()) {
            Path to = exercises.resolve(file.getKey().toString());
            Files.createDirectories(to.getParent());
            Files.writeString(to, file.getValue());
        }
        if (exercises != target) {
            Files.writeString(target.resolve("README.md"), "A student's clone of the project.\n");
        }
        if (!problems.isEmpty()) {
            report.line(false, "tests/submissions/" + name + " describes its submission", String.join("; ", problems));
        }
    }

    /// A Unix socket listening in the machine's /tmp while the class is graded, as a host service
    /// would, open to every user. It counts the connections that reach it and say this check's
    /// [#TOKEN] (the host-socket submission writes "knock knock" and the token it was given); a
    /// connection with another token comes from another `./jbang test` on the same machine.
    private static final class HostSocket implements AutoCloseable {
        static final String TOKEN = Long.toHexString(new SecureRandom().nextLong());

        private final Path file;
        private final ServerSocketChannel server;
        private final AtomicInteger connections = new AtomicInteger(), others = new AtomicInteger(), reading = new AtomicInteger();

        private HostSocket(Path file, ServerSocketChannel server) {
            this.file = file;
            this.server = server;
            Thread accept = new Thread(() -> {
                while (server.isOpen()) {
                    try {
                        SocketChannel channel = server.accept();
                        reading.incrementAndGet();
                        Thread.ofVirtual().start(() -> read(channel));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        /// Reads what a connection says (up to 256 bytes, until it closes) and counts it.
        private void read(SocketChannel channel) {
            ByteBuffer said = ByteBuffer.allocate(256);
            try (channel) {
                while (said.hasRemaining() && channel.read(said) > 0) {
                    // until the other side closes or 256 bytes came
                }
            } catch (IOException ignored) {
                // what came before counts
            }
            String text = new String(said.array(), 0, said.position(), StandardCharsets.UTF_8);
            (text.contains(TOKEN) || !text.startsWith("knock knock") ? connections : others).incrementAndGet();
            reading.decrementAndGet();
        }

        static HostSocket open() throws IOException {
            Path file = Path.of("/tmp", "backprop-host-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(file));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));
            return new HostSocket(file, server);
        }

        /// The connections of this check's class (and of anything that is not another run's knock),
        /// once those being read (for at most a second) are counted.
        int connections() throws InterruptedException {
            long end = System.nanoTime() + 1_000_000_000L;
            while (reading.get() > 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            return connections.get();
        }

        /// The knocks of other runs on this machine.
        int others() {
            return others.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(file);
        }
    }
}

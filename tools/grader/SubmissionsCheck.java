package grader;

import bp.TempFolder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

    SubmissionsCheck(Path root, Report report) {
        this.root = root;
        this.report = report;
    }

    void run() throws Exception {
        Map<String, Properties> fixtures = fixtures(root.resolve("tests/submissions"));
        Sandbox sandbox = Isolated.setup(root, true).sandbox();
        Isolated.Limits limits = new Isolated.Limits(TIMEOUT, "256m", true, true);
        try (var tmp = TempFolder.create("backprop-class-")) {
            Path klass = Files.createDirectories(tmp.path().resolve("class"));
            for (var fixture : fixtures.entrySet()) {
                materialise(fixture.getKey(), fixture.getValue(), klass.resolve(fixture.getKey()));
            }
            String before = Snapshot.fingerprint(klass);
            for (Properties p : fixtures.values()) {
                if (p.containsKey("escape")) {
                    Files.deleteIfExists(Path.of(p.getProperty("escape")));
                }
            }
            long start = System.nanoTime();
            Path csv = tmp.path().resolve("grades.csv");
            Path json = tmp.path().resolve("results.json");
            Path junit = tmp.path().resolve("junit");
            String output = grade(klass, limits, csv, json, junit);
            String seconds = "%.0f s".formatted((System.nanoTime() - start) / 1e9);
            report.heading("instructor grading of tests/submissions (" + fixtures.size() + " submissions, " + String.join(" ", CHAPTERS)
                    + ", " + seconds + ", sandbox: " + (sandbox == null ? "none" : "bubblewrap") + ")");
            Map<String, List<String>> table = table(output);
            for (var fixture : fixtures.entrySet()) {
                expectations(fixture.getKey(), fixture.getValue(), table.get(fixture.getKey()), section(output, fixture.getKey()), sandbox != null);
            }
            exports(fixtures.keySet(), table, csv, json, junit);
            report.line(Snapshot.fingerprint(klass).equals(before) && !output.contains("NOTE  the submission's folder changed"),
                    "no submission was changed by grading it", "a file of a submission changed while it was graded");
            again(fixtures, klass, tmp.path(), limits, json);
            classroom(table.get("correct"));
        }
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

    private void expectations(String name, Properties p, List<String> row, String section, boolean sandboxed) {
        for (int c = 0; c < CHAPTERS.size(); c++) {
            String chapter = CHAPTERS.get(c);
            String expected = p.getProperty("expect." + chapter + (sandboxed ? "" : ".unsandboxed"), p.getProperty("expect." + chapter));
            String actual = row == null ? "missing" : row.get(c).substring(0, row.get(c).indexOf('/'));
            report.line(expected.equals(actual), name + ": " + chapter + " earns " + expected + " points",
                    "the grader gave " + actual + (row == null ? " (no row in the table)" : ""));
        }
        for (int n = 1; p.containsKey("cause." + n); n++) {
            String cause = p.getProperty("cause." + n);
            boolean applies = sandboxed || !p.containsKey("escape");
            boolean found = section.lines().anyMatch(l -> l.contains("FAIL") && l.contains(cause));
            report.line(!applies || found, name + ": a failed test says \"" + cause + "\"",
                    "no FAIL line of " + name + " says so:\n" + section);
        }
        if (p.containsKey("escape")) {
            Path escape = Path.of(p.getProperty("escape"));
            boolean exists = Files.exists(escape);
            report.line(!sandboxed || !exists, name + ": " + (sandboxed ? "the write outside its folder was refused, no " + escape
                    : "without bubblewrap the write outside its folder is not contained (install bubblewrap)"), escape + " was written");
            try {
                Files.deleteIfExists(escape);
            } catch (IOException ignored) {
                // another user's file: left alone
            }
        }
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

    /// Writes the full submission `p` describes into `target`.
    private void materialise(String name, Properties p, Path target) throws IOException {
        Path exercises = "clone".equals(p.getProperty("layout")) ? target.resolve("exercises") : target;
        Map<Path, String> files = new LinkedHashMap<>();
        if ("stubs".equals(p.getProperty("base"))) {
            files.putAll(ExerciseGenerator.generate(root.resolve("solutions")));
        } else {
            Path solutions = root.resolve("solutions");
            try (Stream<Path> walk = Files.walk(solutions)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(solutions.relativize(file), Files.readString(file));
                }
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
}

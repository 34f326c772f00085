package grader;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// What instructor grading writes besides the terminal report: the table of scores, a CSV
/// gradebook, Gradescope's `results.json`, and JUnit XML reports for CI systems.
final class Exports {

    private Exports() {}

    /// The table of scores: a row per student, a column per chapter (points earned/worth) and the total.
    static void table(PrintStream out, List<String> chapters, List<Submissions.Graded> graded) {
        int width = Math.max("student".length(), graded.stream().mapToInt(g -> g.student().length()).max().orElse(0));
        StringBuilder header = new StringBuilder(pad("student", width));
        chapters.forEach(chapter -> header.append("  ").append(pad(chapter, 9)));
        out.println(header.append("  total"));
        for (Submissions.Graded g : graded) {
            StringBuilder row = new StringBuilder(pad(g.student(), width));
            for (String chapter : chapters) {
                Suite.Result r = g.chapters().get(chapter);
                row.append("  ").append(pad(Report.number(r.earned()) + "/" + Report.number(r.points()), 9));
            }
            out.println(row.append("  ").append(Report.number(g.earned())).append('/').append(Report.number(g.points())));
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /// A CSV gradebook: the header `student,ch01,...,total`, then one row per student with the
    /// points earned per chapter and in all (RFC 4180 quoting, `.` as the decimal point).
    static void csv(Path file, List<String> chapters, List<Submissions.Graded> graded) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("student," + String.join(",", chapters) + ",total");
        for (Submissions.Graded g : graded) {
            StringBuilder row = new StringBuilder(csvField(g.student()));
            chapters.forEach(chapter -> row.append(',').append(Report.number(g.chapters().get(chapter).earned())));
            lines.add(row.append(',').append(Report.number(g.earned())).toString());
        }
        write(file, String.join("\r\n", lines) + "\r\n");
    }

    private static String csvField(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /// Gradescope's autograder `results.json` for one submission: its score, and per test the
    /// name (`ch01: ...`), score, max_score, output (the cause and what it printed) and
    /// visibility (hidden tests: `after_published`).
    static JsonObject gradescope(Submissions.Graded g) {
        JsonObject results = new JsonObject();
        results.addProperty("score", g.earned());
        results.addProperty("visibility", "visible");
        results.addProperty("stdout_visibility", "hidden");
        JsonArray tests = new JsonArray();
        int number = 0;
        for (Map.Entry<String, Suite.Result> chapter : g.chapters().entrySet()) {
            for (Suite.Outcome outcome : chapter.getValue().outcomes()) {
                JsonObject test = new JsonObject();
                test.addProperty("name", chapter.getKey() + ": " + outcome.name());
                test.addProperty("number", Integer.toString(++number));
                test.addProperty("score", outcome.earned());
                test.addProperty("max_score", outcome.points());
                test.addProperty("status", outcome.passed() ? "passed" : "failed");
                test.addProperty("output", output(outcome));
                test.addProperty("visibility", outcome.hidden() ? "after_published" : "visible");
                JsonArray tags = new JsonArray();
                tags.add(chapter.getKey());
                test.add("tags", tags);
                tests.add(test);
            }
        }
        results.add("tests", tests);
        if (!g.notes().isEmpty()) {
            results.addProperty("output", String.join("\n", g.notes()));
        }
        return results;
    }

    private static String output(Suite.Outcome outcome) {
        String why = outcome.passed() ? "passed" : "failed: " + (outcome.hint() == null ? "" : outcome.hint());
        return outcome.output().isEmpty() ? why : why + "\nit printed:\n" + outcome.output();
    }

    /// `results.json` for one submission, or, for several, an object with one `results.json`
    /// per student.
    static void json(Path file, List<Submissions.Graded> graded) throws IOException {
        var gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        if (graded.size() == 1) {
            write(file, gson.toJson(gradescope(graded.getFirst())) + "\n");
            return;
        }
        JsonObject all = new JsonObject();
        graded.forEach(g -> all.add(g.student(), gradescope(g)));
        write(file, gson.toJson(all) + "\n");
    }

    /// One JUnit XML report per submission, `DIR/<student>.xml`: a `testsuite` per chapter, a
    /// `testcase` per test, with a `failure` carrying the cause when it failed.
    static void junit(Path dir, List<Submissions.Graded> graded) throws IOException {
        Files.createDirectories(dir);
        for (Submissions.Graded g : graded) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            long tests = g.chapters().values().stream().mapToLong(r -> r.outcomes().size()).sum();
            long failures = g.chapters().values().stream().mapToLong(Suite.Result::failed).sum();
            xml.append("<testsuites name=\"").append(xml(g.student())).append("\" tests=\"").append(tests)
                    .append("\" failures=\"").append(failures).append("\">\n");
            for (Map.Entry<String, Suite.Result> chapter : g.chapters().entrySet()) {
                Suite.Result r = chapter.getValue();
                xml.append("  <testsuite name=\"").append(chapter.getKey()).append("\" tests=\"").append(r.outcomes().size())
                        .append("\" failures=\"").append(r.failed()).append("\" errors=\"0\" skipped=\"0\">\n");
                xml.append("    <properties><property name=\"points\" value=\"").append(Report.number(r.earned()))
                        .append('/').append(Report.number(r.points())).append("\"/></properties>\n");
                for (Suite.Outcome o : r.outcomes()) {
                    xml.append("    <testcase classname=\"").append(xml(g.student() + "." + chapter.getKey()))
                            .append("\" name=\"").append(xml(o.name())).append("\"");
                    if (o.passed()) {
                        xml.append("/>\n");
                    } else {
                        xml.append(">\n      <failure message=\"").append(xml(o.hint() == null ? "failed" : o.hint()))
                                .append("\">").append(xml(output(o))).append("</failure>\n    </testcase>\n");
                    }
                }
                xml.append("  </testsuite>\n");
            }
            xml.append("</testsuites>\n");
            write(dir.resolve(fileName(g.student()) + ".xml"), xml.toString());
        }
    }

    /// A student's name as a file name: letters, digits, `.`, `_` and `-` kept, the rest `_`.
    static String fileName(String student) {
        return student.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /// `text` escaped for XML, without the characters XML 1.0 cannot hold.
    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }
}

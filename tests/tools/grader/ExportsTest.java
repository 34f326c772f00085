package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Exports")
class ExportsTest {

    /// A student with one chapter: a passed 2-point test, a hidden test with half of its 2 points.
    static Submissions.Graded graded(String student) {
        Map<String, Suite.Result> chapters = new LinkedHashMap<>();
        chapters.put("ch01", new Suite.Result(List.of(
                new Suite.Outcome("z is w·x + b", true, null, "", 2, 2, false),
                new Suite.Outcome("relu <keeps> \"z\"", false, "1 of 2 cases right", "printed\u0000 this", 2, 1, true)), null));
        return new Submissions.Graded(student, chapters, List.of());
    }

    @Test
    @DisplayName("the CSV has the header student,chapters,total and quotes a name with a comma")
    void csv(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grades.csv");
        Exports.csv(file, List.of("ch01"), List.of(graded("Doe, Jane"), graded("bob")));
        assertEquals("student,ch01,total\r\n\"Doe, Jane\",3,3\r\nbob,3,3\r\n", Files.readString(file));
    }

    @Test
    @DisplayName("results.json has per test name, score, max_score, output and visibility (hidden: after_published)")
    void gradescope() {
        JsonObject results = Exports.gradescope(graded("bob"));
        assertEquals(3.0, results.get("score").getAsDouble());
        JsonObject hidden = results.getAsJsonArray("tests").get(1).getAsJsonObject();
        assertEquals("ch01: relu <keeps> \"z\"", hidden.get("name").getAsString());
        assertEquals(1.0, hidden.get("score").getAsDouble());
        assertEquals(2.0, hidden.get("max_score").getAsDouble());
        assertEquals("after_published", hidden.get("visibility").getAsString());
        assertEquals("failed: 1 of 2 cases right\nit printed:\nprinted\u0000 this", hidden.get("output").getAsString());
    }

    @Test
    @DisplayName("XML escapes markup and drops the characters XML cannot hold")
    void xml() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; d", Exports.xml("a <b> & \"c\"\u0000 d"));
    }
}

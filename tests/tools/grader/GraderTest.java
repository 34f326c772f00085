package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Grades a small made-up repository: chapter ch98 with one passing and one failing test, and
/// chapter ch99 whose exercise does not compile.
@DisplayName("Grader")
class GraderTest {

    static final String TWICE = "package %s; public final class Twice { public static double of(double x) { return %s; } }";
    /// The solution: its body between solution markers, so that the file holds an exercise.
    static final String TWICE_SOLUTION = """
            package %s; public final class Twice { public static double of(double x) {
                // BEGIN SOLUTION %s-twice: return 2x.
                return %s;
                // END SOLUTION
            } }
            """;
    static final String TEST = """
            package %s;
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.*;
            class TwiceTest {
                @Test @Order(1) @DisplayName("twice 2 is 4") void two() { assertEquals(4.0, Twice.of(2), "Twice.of(2) should be 4"); }
                @Test @Order(2) @DisplayName("twice 0 is 0") void zero() { assertEquals(0.0, Twice.of(0)); }
            }
            """;

    private static void chapter(Path root, String chapter, String solution, String exercise) throws Exception {
        Files.writeString(Files.createDirectories(root.resolve("tests").resolve(chapter)).resolve("TwiceTest.java"), TEST.formatted(chapter));
        Files.writeString(Files.createDirectories(root.resolve("solutions").resolve(chapter)).resolve("Twice.java"),
                TWICE_SOLUTION.formatted(chapter, chapter, solution));
        Files.writeString(Files.createDirectories(root.resolve("exercises").resolve(chapter)).resolve("Twice.java"), TWICE.formatted(chapter, exercise));
    }

    @Test
    @DisplayName("lists the chapters that have tests, in order")
    void listsChapters(@TempDir Path root) throws Exception {
        chapter(root, "ch99", "2 * x", "2 * x");
        chapter(root, "ch98", "2 * x", "2 * x");
        Files.createDirectories(root.resolve("tests/lib"));
        assertEquals(List.of("ch98", "ch99"), Grader.chapters(root));
    }

    @Test
    @DisplayName("reports each test: a wrong exercise fails with the test's message as hint")
    void gradesEachTest(@TempDir Path root) throws Exception {
        chapter(root, "ch98", "2 * x", "x + 2");
        Suite.Result result = Grader.grade(root, "ch98", root.resolve("exercises"));
        assertTrue(result.compiled());
        assertEquals(2, result.outcomes().size());
        Suite.Outcome two = result.outcomes().get(0);
        Suite.Outcome zero = result.outcomes().get(1);
        assertEquals("twice 2 is 4", two.name());
        assertTrue(two.passed(), "x + 2 gives 4 for 2");
        assertEquals("twice 0 is 0", zero.name());
        assertFalse(zero.passed());
        assertTrue(zero.hint().contains("expected: <0.0> but was: <2.0>"), zero.hint());
        assertEquals(1, result.passed());
        assertEquals(1, result.failed());
    }

    @Test
    @DisplayName("an exercise that does not compile fails every test of its chapter with the compiler's message")
    void compileErrorFailsTheChapter(@TempDir Path root) throws Exception {
        chapter(root, "ch99", "2 * x", "2 * x +");
        Suite.Result result = Grader.grade(root, "ch99", root.resolve("exercises"));
        assertFalse(result.compiled());
        assertTrue(result.compileErrors().contains("Twice.java:1: error:"), result.compileErrors());
        assertEquals(List.of("twice 2 is 4", "twice 0 is 0"), result.outcomes().stream().map(Suite.Outcome::name).toList());
        assertTrue(result.outcomes().stream().allMatch(o -> !o.passed() && o.hint().contains("exercises/ch99 does not compile")));
    }

    @Test
    @DisplayName("a test that throws from its class initialiser counts as failed, not as missing")
    void brokenTestClassCountsAsFailed(@TempDir Path root) throws Exception {
        chapter(root, "ch97", "2 * x", "2 * x");
        Path test = root.resolve("tests/ch97/TwiceTest.java");
        Files.writeString(test, Files.readString(test).replace("class TwiceTest {",
                "class TwiceTest {\n static final int BROKEN = Integer.parseInt(\"x\");"));
        Suite.Result result = Grader.grade(root, "ch97", root.resolve("solutions"));
        assertEquals(2, result.outcomes().size());
        assertEquals(0, result.passed());
    }

    @Test
    @DisplayName("a chapter that builds on an earlier one gets that chapter from solutions/, not from the student's exercises")
    void earlierChaptersComeFromSolutions(@TempDir Path root) throws Exception {
        chapter(root, "ch95", "2 * x", "2 * x +");
        chapter(root, "ch96", "ch95.Twice.of(x)", "ch95.Twice.of(x)");
        Suite.Result result = Grader.grade(root, "ch96", root.resolve("exercises"));
        assertTrue(result.compiled(), "the broken exercises/ch95 must not be compiled for ch96: " + result.compileErrors());
        assertEquals(2, result.passed());
    }

    @Test
    @DisplayName("a file that holds no exercise is compiled from solutions/: the student's copy of it is ignored, with a note")
    void plainFilesComeFromSolutions(@TempDir Path root) throws Exception {
        chapter(root, "ch92", "Factor.TWO * x", "Factor.TWO * x");
        String factor = "package ch92; final class Factor { static final double TWO = %s; }";
        Files.writeString(root.resolve("solutions/ch92/Factor.java"), factor.formatted("2"));
        Files.writeString(root.resolve("exercises/ch92/Factor.java"), factor.formatted("0"));
        Suite.Result result = Grader.grade(root, "ch92", root.resolve("exercises"));
        assertEquals(2, result.passed(), "the copy that makes TWO 0 must not be compiled: " + result.outcomes());
        assertEquals(List.of("exercises/ch92/Factor.java holds no exercise: solutions/ch92/Factor.java was compiled instead, and this copy ignored"),
                Grader.notes(root, "ch92", root.resolve("exercises"), "exercises/"));
    }

    @Test
    @DisplayName("what a test prints is kept with that test, and output without end is cut off")
    void capturesOutputPerTest(@TempDir Path root) throws Exception {
        chapter(root, "ch94", "2 * x", "2 * x");
        Path test = root.resolve("tests/ch94/TwiceTest.java");
        Files.writeString(test, Files.readString(test)
                .replace("void two() {", "void two() { System.out.println(\"σ ok\");")
                .replace("void zero() {", "void zero() { for (int i = 0; i < 100_000; i++) System.out.println(\"spam \" + i);"));
        Suite.Result result = Grader.grade(root, "ch94", root.resolve("exercises"));
        assertEquals("σ ok\n", result.outcomes().get(0).output());
        String flood = result.outcomes().get(1).output();
        assertTrue(flood.length() < Suite.MAX_OUTPUT + 200, "kept " + flood.length() + " characters");
        assertTrue(flood.endsWith("more bytes of output dropped]"), flood.substring(flood.length() - 80));
    }

    static final String SCORED_TEST = """
            package ch93;
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import grader.Hidden;
            import grader.PartialCredit;
            import grader.Points;
            import org.junit.jupiter.api.*;
            class TwiceTest {
                @Test @Order(1) @Points(3) @DisplayName("twice 2 is 4") void two() { assertEquals(4.0, Twice.of(2)); }
                @Test @Order(2) @Points(4) @DisplayName("twice 0, 1, 2, 3") void cases(TestReporter reporter) throws Throwable {
                    var cases = new PartialCredit(reporter);
                    for (int i = 0; i < 4; i++) { int x = i; cases.check(() -> assertEquals(2.0 * x, Twice.of(x), "Twice.of(" + x + ")")); }
                    cases.finish();
                }
                @Test @Order(3) @Hidden @DisplayName("twice -1 is -2") void negative() { assertEquals(-2.0, Twice.of(-1)); }
            }
            """;

    @Test
    @DisplayName("a test earns its @Points when it passes and its PartialCredit share when not; @Hidden tests run only when asked")
    void pointsPartialCreditAndHidden(@TempDir Path root) throws Exception {
        chapter(root, "ch93", "2 * x", "x + 2");
        Files.writeString(root.resolve("tests/ch93/TwiceTest.java"), SCORED_TEST);
        Suite.Result all = Grader.grade(root, "ch93", root.resolve("exercises"));
        assertEquals(List.of("twice 2 is 4", "twice 0, 1, 2, 3", "twice -1 is -2"), all.outcomes().stream().map(Suite.Outcome::name).toList());
        // x + 2 is right for 2 only: 3 points, then 1 case of 4 (x = 2) of a 4-point test, and the hidden test fails
        assertEquals(List.of(3.0, 1.0, 0.0), all.outcomes().stream().map(Suite.Outcome::earned).toList());
        assertEquals(8, all.points());
        assertTrue(all.outcomes().get(1).hint().startsWith("1 of 4 cases right; the first wrong one: Twice.of(0)"), all.outcomes().get(1).hint());
        assertEquals(List.of(false, false, true), all.outcomes().stream().map(Suite.Outcome::hidden).toList());
        Suite.Result student = Grader.grade(root, "ch93", root.resolve("exercises"), Suite.Settings.student(Suite.TIMEOUT));
        assertEquals(List.of("twice 2 is 4", "twice 0, 1, 2, 3"), student.outcomes().stream().map(Suite.Outcome::name).toList());
        assertEquals(1, student.hiddenTests());
        assertEquals(1.0, student.hiddenPoints());
    }
}

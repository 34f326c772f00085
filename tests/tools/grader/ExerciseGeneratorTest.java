package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ExerciseGenerator")
class ExerciseGeneratorTest {

    static final String SOLUTION = """
            package ch09;

            /// Doubles.
            public final class Twice {
                /// Returns 2x.
                public static double of(double x) {
                    // BEGIN SOLUTION ch09-twice: return 2x (1 line).
                    return 2 * x;
                    // END SOLUTION
                }
            }
            """;

    @Test
    @DisplayName("a marked region becomes its TODO line and a throwing stub; everything else is kept")
    void replacesRegionWithStub() {
        String expected = """
                package ch09;

                /// Doubles.
                public final class Twice {
                    /// Returns 2x.
                    public static double of(double x) {
                        // TODO(ch09-twice): return 2x (1 line).
                        throw new UnsupportedOperationException("TODO(ch09-twice) in exercises/ch09/Twice.java");
                    }
                }
                """;
        assertEquals(expected, ExerciseGenerator.stub(SOLUTION, "exercises/ch09/Twice.java"));
    }

    @Test
    @DisplayName("a file without markers is copied unchanged")
    void copiesPlainFiles() {
        String plain = "package ch09;\n\nfinal class Helper {}\n";
        assertEquals(plain, ExerciseGenerator.stub(plain, "exercises/ch09/Helper.java"));
    }

    @Test
    @DisplayName("malformed markers are errors naming the solution file and line")
    void rejectsMalformedMarkers() {
        String unclosed = "class A {\n  // BEGIN SOLUTION ch09-a: do it.\n  int x;\n}\n";
        var e = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.stub(unclosed, "exercises/ch09/A.java"));
        assertTrue(e.getMessage().startsWith("solutions/ch09/A.java:") && e.getMessage().contains("no END SOLUTION"), e.getMessage());

        String stray = "class A {\n  // END SOLUTION\n}\n";
        e = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.stub(stray, "exercises/ch09/A.java"));
        assertTrue(e.getMessage().contains(":2: END SOLUTION without a BEGIN SOLUTION"), e.getMessage());

        String nested = "// BEGIN SOLUTION ch09-a: a.\n// BEGIN SOLUTION ch09-b: b.\n// END SOLUTION\n";
        e = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.stub(nested, "exercises/ch09/A.java"));
        assertTrue(e.getMessage().contains(":2: BEGIN SOLUTION inside the region ch09-a"), e.getMessage());

        String misspelt = "// BEGIN SOLUTION twice\n// END SOLUTION\n";
        e = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.stub(misspelt, "exercises/ch09/A.java"));
        assertTrue(e.getMessage().contains(":1: a solution marker must read"), e.getMessage());
    }

    @Test
    @DisplayName("ids lists the exercises of a file in order")
    void listsIds() {
        String two = SOLUTION.replace("ch09-twice", "ch09-first") + SOLUTION.replace("ch09-twice", "ch09-second");
        assertEquals(List.of("ch09-first", "ch09-second"), ExerciseGenerator.ids(two));
    }

    @Test
    @DisplayName("differences finds a changed, a missing and an extra exercise file and a copied plain file, and none when in sync")
    void findsDifferences(@TempDir Path dir) throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("solutions/ch09"));
        Path exercises = Files.createDirectories(dir.resolve("exercises/ch09"));
        Files.writeString(solutions.resolve("Twice.java"), SOLUTION);
        Files.writeString(solutions.resolve("Helper.java"), "package ch09; final class Helper {}");
        Files.writeString(exercises.resolve("Twice.java"), ExerciseGenerator.stub(SOLUTION, "exercises/ch09/Twice.java"));
        assertEquals(List.of(Path.of("ch09/Twice.java")), List.copyOf(ExerciseGenerator.generate(dir.resolve("solutions")).keySet()),
                "only the files that hold an exercise are generated");
        assertEquals(List.of(), ExerciseGenerator.differences(dir.resolve("solutions"), dir.resolve("exercises")));

        Files.writeString(exercises.resolve("Twice.java"), "edited by hand");
        Files.writeString(exercises.resolve("Extra.java"), "class Extra {}");
        Files.writeString(exercises.resolve("Helper.java"), "package ch09; final class Helper {}");
        Files.writeString(solutions.resolve("Other.java"), SOLUTION.replace("Twice", "Other").replace("ch09-twice", "ch09-other"));
        List<String> problems = ExerciseGenerator.differences(dir.resolve("solutions"), dir.resolve("exercises"));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("exercises/ch09/Twice.java differs from what the generator makes from solutions/ch09/Twice.java"), problems.toString());
        assertTrue(problems.contains("exercises/ch09/Other.java is missing"), problems.toString());
        assertTrue(problems.contains("exercises/ch09/Extra.java has no counterpart in solutions/"), problems.toString());
        assertTrue(problems.contains("exercises/ch09/Helper.java is a copy of solutions/ch09/Helper.java, which holds no exercise; delete it"),
                problems.toString());
        assertEquals(List.of(Path.of("ch09/Helper.java")), ExerciseGenerator.copies(dir.resolve("solutions"), dir.resolve("exercises")));
    }

    @Test
    @DisplayName("the same exercise id in two files is an error")
    void rejectsDuplicateIds(@TempDir Path dir) throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("ch09"));
        Files.writeString(solutions.resolve("A.java"), SOLUTION);
        Files.writeString(solutions.resolve("B.java"), SOLUTION);
        var e = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.generate(dir));
        assertTrue(e.getMessage().contains("ch09-twice is used twice"), e.getMessage());
    }
}

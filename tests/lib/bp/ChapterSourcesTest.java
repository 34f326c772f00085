package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ChapterSources")
class ChapterSourcesTest {

    static final String EXERCISE = """
            package ch98;
            public final class Twice {
                public static double of(double x) {
                    // BEGIN SOLUTION ch98-twice: return 2x (1 line).
                    return 2 * x;
                    // END SOLUTION
                }
            }
            """;

    /// solutions/ch98 with two files that hold exercises and one that holds none.
    private static Path solutions(Path dir) throws Exception {
        Path ch98 = Files.createDirectories(dir.resolve("solutions/ch98"));
        Files.writeString(ch98.resolve("Twice.java"), EXERCISE);
        Files.writeString(ch98.resolve("Thrice.java"), EXERCISE.replace("Twice", "Thrice").replace("ch98-twice", "ch98-thrice"));
        Files.writeString(ch98.resolve("Shape.java"), "package ch98; interface Shape {}");
        return dir.resolve("solutions");
    }

    @Test
    @DisplayName("a file holds an exercise when it has a solution marker, well formed or not")
    void recognisesExercises() {
        assertTrue(ChapterSources.holdsExercise(EXERCISE));
        assertTrue(ChapterSources.holdsExercise("int x; //END SOLUTION"));
        assertFalse(ChapterSources.holdsExercise("package ch98; interface Shape {}"));
        assertFalse(ChapterSources.holdsExercise("// TODO(ch98-twice): return 2x"));
    }

    @Test
    @DisplayName("the student's exercise files and own files, the other files from solutions/; a copy of those is ignored")
    void takesExercisesFromTheStudent(@TempDir Path dir) throws Exception {
        Path solutions = solutions(dir);
        Path student = Files.createDirectories(dir.resolve("student/ch98"));
        Files.writeString(student.resolve("Twice.java"), "package ch98; public final class Twice {}");
        Files.writeString(student.resolve("Helper.java"), "package ch98; final class Helper {}");
        Files.writeString(student.resolve("Shape.java"), "package ch98; interface Shape { int cheat(); }");
        ChapterSources.Set set = ChapterSources.of(solutions, dir.resolve("student"), "ch98");
        assertEquals(List.of(solutions.resolve("ch98/Shape.java"), student.resolve("Helper.java"), student.resolve("Twice.java")), set.files());
        assertEquals(List.of(student.resolve("Shape.java")), set.ignored());
        assertEquals(List.of(student.resolve("Thrice.java")), set.missing());
        assertTrue(set.files().stream().filter(f -> f.startsWith(solutions)).noneMatch(ChapterSources::holdsExercise),
                "no file that holds an answer comes from solutions/");
    }

    @Test
    @DisplayName("with solutions/ as the student's folder, the chapter is solutions/ as it is")
    void solutionsAreWhole(@TempDir Path dir) throws Exception {
        Path solutions = solutions(dir);
        ChapterSources.Set set = ChapterSources.of(solutions, solutions, "ch98");
        assertEquals(Javac.sourcesIn(solutions.resolve("ch98")), set.files());
        assertEquals(List.of(), set.ignored());
        assertEquals(List.of(), set.missing());
    }
}

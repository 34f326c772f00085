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

@DisplayName("Javac")
class JavacTest {

    @Test
    @DisplayName("compiles valid sources into the output folder")
    void compiles(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("A.java"), "package demo; public class A { public static int one() { return 1; } }");
        Javac.Result result = Javac.compile(Javac.sourcesIn(dir.resolve("src")), dir.resolve("classes"), null);
        assertTrue(result.ok(), result.messages());
        assertEquals("", result.messages());
        assertTrue(Files.exists(dir.resolve("classes/demo/A.class")));
    }

    @Test
    @DisplayName("a compile error is reported with its file, line, message and source line")
    void reportsErrors(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("B.java"), "class B {\n  int x = \"text\";\n}\n");
        Javac.Result result = Javac.compile(List.of(src.resolve("B.java")), dir.resolve("classes"), null);
        assertFalse(result.ok());
        assertTrue(result.messages().contains("B.java:2: error: incompatible types"), result.messages());
        assertTrue(result.messages().contains("int x = \"text\";"), result.messages());
    }

    @Test
    @DisplayName("sourcesIn lists .java files below a folder, sorted, and nothing for a missing folder")
    void listsSources(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/Z.java"), "");
        Files.writeString(dir.resolve("a/Y.java"), "");
        Files.writeString(dir.resolve("a/notes.txt"), "");
        assertEquals(List.of(dir.resolve("a/Y.java"), dir.resolve("a/b/Z.java")), Javac.sourcesIn(dir.resolve("a")));
        assertEquals(List.of(), Javac.sourcesIn(dir.resolve("missing")));
    }
}

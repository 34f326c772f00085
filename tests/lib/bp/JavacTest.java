package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    @DisplayName("an expression nested 10,000 deep compiles, though it overflows the 1 MiB stack of an ordinary thread")
    void deepButFine(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        int depth = 10_000;
        Files.writeString(src.resolve("Nested.java"), "class Nested { int x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "; }");
        Javac.Result result = Javac.compile(Javac.sourcesIn(src), dir.resolve("classes"), null);
        assertTrue(result.ok(), result.messages());
        assertTrue(Files.exists(dir.resolve("classes/Nested.class")));
    }

    @Test
    @DisplayName("a file nested too deeply for the compiler's stack is named in one line, and nothing is printed")
    void outOfStack(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("A.java"), "class A { int one() { return 1; } }");
        // javac parses each parenthesis with a recursive call, at least 16 bytes of stack each, so
        // 4 million of them overflow the 32 MiB stack (Javac.STACK_BYTES) while still parsing
        int depth = 4_000_000;
        Path deep = src.resolve("Deep.java");
        Files.writeString(deep, "class Deep { int x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "; }");
        var printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Javac.Result result;
        try (var capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            result = Javac.compile(Javac.sourcesIn(src), dir.resolve("classes"), null);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertFalse(result.ok());
        assertEquals(Repo.display(deep) + ": error: the compiler ran out of stack on this file "
                + "(an expression or statement nested too deeply)", result.messages());
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a compiler crash is told by the exception's first line, without its stack trace")
    void exceptionLine() {
        String report = """
                An exception has occurred in the compiler (25). Please file a bug against the Java compiler.
                java.lang.NullPointerException: Cannot read field "sym" because "tree" is null
                \tat jdk.compiler/com.sun.tools.javac.comp.Attr.visitIdent(Attr.java:4321)
                \tat jdk.compiler/com.sun.tools.javac.tree.JCTree$JCIdent.accept(JCTree.java:2716)
                """;
        assertEquals("java.lang.NullPointerException: Cannot read field \"sym\" because \"tree\" is null",
                Javac.exceptionLine(report));
        assertEquals("fatal error: out of memory", Javac.exceptionLine("\nfatal error: out of memory\n"));
        assertEquals("it failed without saying why", Javac.exceptionLine(""));
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

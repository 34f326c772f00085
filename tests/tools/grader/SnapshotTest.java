package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A submission read once before its code runs, its SHA-256 fingerprint, and the checks the
/// grader makes of what a chapter compiled to.
@DisplayName("Snapshot")
class SnapshotTest {

    @Test
    @DisplayName("a same-size rewrite with the file's time restored changes the fingerprint; the same bytes do not")
    void fingerprintSeesContent(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("ch01")).resolve("Activations.java");
        Files.writeString(file, "return Math.max(0.0, z);");
        FileTime time = Files.getLastModifiedTime(file);
        String before = Snapshot.fingerprint(dir);
        Files.writeString(file, "return Math.min(0.0, z);");
        Files.setLastModifiedTime(file, time);
        assertEquals(Files.size(file), "return Math.max(0.0, z);".length());
        assertNotEquals(before, Snapshot.fingerprint(dir));
        Files.writeString(file, "return Math.max(0.0, z);");
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        assertEquals(before, Snapshot.fingerprint(dir));
    }

    @Test
    @DisplayName("reads regular files only (a link and a file over 1 MB are left out with a note) and writes one chapter back")
    void readsAndWritesAChapter(@TempDir Path dir) throws Exception {
        Path submission = Files.createDirectories(dir.resolve("alice"));
        Files.createDirectories(submission.resolve("ch01"));
        Files.createDirectories(submission.resolve("ch03"));
        Files.writeString(submission.resolve("ch01/A.java"), "class A {}");
        Files.writeString(submission.resolve("ch03/B.java"), "class B {}");
        Files.write(submission.resolve("ch03/big.bin"), new byte[(int) Snapshot.MAX_FILE_BYTES + 1]);
        Files.createSymbolicLink(submission.resolve("ch01/L.java"), submission.resolve("ch01/A.java"));
        Snapshot snapshot = Snapshot.read(submission);
        assertEquals(Set.of(Path.of("ch01/A.java"), Path.of("ch03/B.java")), snapshot.files().keySet());
        assertEquals(2, snapshot.notes().size(), snapshot.notes().toString());
        Files.writeString(submission.resolve("ch01/A.java"), "changed after the snapshot");
        Path target = dir.resolve("chapter");
        snapshot.writeChapter("ch01", target);
        assertEquals("class A {}", Files.readString(target.resolve("ch01/A.java")));
        assertTrue(Files.notExists(target.resolve("ch03")));
    }

    @Test
    @DisplayName("only classes of the chapters' packages may be graded: one of org.junit... or of no package is refused")
    void classesOutsideChapters(@TempDir Path classes) throws Exception {
        Files.createDirectories(classes.resolve("ch01"));
        Files.write(classes.resolve("ch01/Activations.class"), new byte[] {1});
        assertNull(Grader.outsideChapters(classes));
        for (String outside : List.of("org/junit/jupiter/api/Assertions.class", "Loose.class", "ch01/inner/X.class", "grader/Hints.class")) {
            Path file = classes.resolve(outside);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {1});
            String why = Grader.outsideChapters(classes);
            assertTrue(why != null && why.contains(outside.replace(".class", "").replace('/', '.')), outside + ": " + why);
            Files.delete(file);
        }
    }

    @Test
    @DisplayName("a partial credit share is read as right/cases between 0 and 1, anything else as 0; a hint is one short line")
    void sharesAndHints() {
        assertEquals(0.75, Isolated.share("3/4"));
        assertEquals(1.0, Isolated.share("9/4"));
        assertEquals(0.0, Isolated.share("1/0"));
        assertEquals(0.0, Isolated.share("-1/2"));
        assertEquals(0.0, Isolated.share(""));
        assertEquals("a b c", Isolated.oneLine("a\nb\r\n\u001b c"));
        assertTrue(Isolated.oneLine("x".repeat(10_000)).length() < Isolated.MAX_HINT + 10);
    }
}

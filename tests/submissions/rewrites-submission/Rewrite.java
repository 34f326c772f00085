package ch01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/// A hostile submission: looks for its own submission folder (the one the grader read) in /tmp
/// and rewrites its relu with one of the same size, restoring the file's time, so that a
/// fingerprint of sizes and times would not see it.
final class Rewrite {

    private static boolean done;

    private Rewrite() {}

    static synchronized void submission() {
        if (done) {
            return;
        }
        done = true;
        Walk.find(Path.of("/tmp"), 8, p -> p.endsWith("ch01/Rewrite.java")).forEach(Rewrite::rewrite);
    }

    private static void rewrite(Path marker) {
        try {
            Path activations = marker.resolveSibling("Activations.java");
            FileTime time = Files.getLastModifiedTime(activations);
            String text = Files.readString(activations);
            Files.writeString(activations, text.replace("return Math.max(0.0, z);", "return Math.min(0.0, z);"));
            Files.setLastModifiedTime(activations, time);
        } catch (Exception refused) {
            // read-only, or not ours
        }
    }
}

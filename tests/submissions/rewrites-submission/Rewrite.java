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
        find(Path.of("/tmp"), 8, p -> p.endsWith("ch01/Rewrite.java")).forEach(Rewrite::rewrite);
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

    /// The paths below `start` (to `depth` levels) that `wanted` accepts, skipping what it cannot read.
    private static java.util.List<Path> find(Path start, int depth, java.util.function.Predicate<Path> wanted) {
        java.util.List<Path> found = new java.util.ArrayList<>();
        try {
            Files.walkFileTree(start, java.util.Set.of(), depth, new java.nio.file.SimpleFileVisitor<Path>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (wanted.test(dir)) {
                        found.add(dir);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (wanted.test(file)) {
                        found.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (java.io.IOException | RuntimeException unreadable) {
            // what was found so far
        }
        return found;
    }
}

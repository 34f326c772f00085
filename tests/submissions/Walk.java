package ch01;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/// What the hostile submissions that search the disk share (each fixture adds it as
/// `ch01/Walk.java`): a walk that skips the folders it cannot read, as a real attacker's would,
/// instead of stopping at the first one as `Files.walk` does.
final class Walk {

    private Walk() {}

    /// The paths below `start` (to `depth` levels) that `wanted` accepts; an exception from
    /// `wanted` ends the walk with what was found so far.
    static List<Path> find(Path start, int depth, Predicate<Path> wanted) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, Set.of(), depth, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return visitFile(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (wanted.test(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException stopped) {
            // what was found so far
        }
        return found;
    }
}

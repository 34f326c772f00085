package ch01;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// A hostile submission: connects to every Unix socket it can find in /tmp, /run and /var/run (a
/// database, a desktop session, the grader's own tools) and writes to it. A network namespace
/// does not cover these: only a private /tmp and no /run do.
final class Knock {

    private static boolean done;

    private Knock() {}

    static synchronized void knock() {
        if (done) {
            return;
        }
        done = true;
        for (String dir : new String[] {"/tmp", "/run", "/var/run"}) {
            find(Path.of(dir), 2, p -> p.toString().endsWith(".sock")).forEach(Knock::knock);
        }
    }

    private static void knock(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap("knock knock\n".getBytes(StandardCharsets.UTF_8)));
        } catch (Exception refused) {
            // closed to us
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

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
            Walk.find(Path.of(dir), 2, p -> p.toString().endsWith(".sock")).forEach(Knock::knock);
        }
    }

    private static void knock(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // RUN_TOKEN becomes the grading check's own token when it writes this submission
            channel.write(ByteBuffer.wrap("knock knock RUN_TOKEN\n".getBytes(StandardCharsets.UTF_8)));
        } catch (Exception refused) {
            // closed to us
        }
    }
}

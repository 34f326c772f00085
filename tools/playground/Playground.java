package playground;

import java.net.URI;

/// A running playground, as whoever started it sees it: where it answers, and how to stop it.
///
/// This interface is shared by the two ways a playground runs: on the reference solutions, and
/// with `--mine` on the student's classes, where [StudentCode] loads the server again in a class
/// loader of its own (so the server's class is not the caller's; this interface is).
public interface Playground extends AutoCloseable {

    /// The page's address, `http://127.0.0.1:PORT/`.
    URI uri();

    /// Stops the server and the training.
    @Override
    void close();
}

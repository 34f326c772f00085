package playground;

/// The newest frame, handed to every page that listens: the training thread publishes, each
/// page's event stream waits for a frame newer than the one it sent last.
///
/// Only the newest frame is kept: a page that is slow to read skips frames instead of making the
/// playground keep a queue for it, so memory stays the same however many pages listen.
final class Hub {

    private String frame = "";
    private long version;
    private boolean closed;

    /// Makes `frame` (an event's JSON) the newest and wakes every waiting page.
    synchronized void publish(String frame) {
        this.frame = frame;
        version++;
        notifyAll();
    }

    /// The newest frame and its version, once the version is above `seen`; null after [#close] or
    /// when `timeoutMillis` pass without one (the stream then sends a keep-alive comment).
    synchronized Versioned await(long seen, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (version <= seen && !closed) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return closed ? null : new Versioned(frame, version);
    }

    /// Wakes every page for the last time: the playground stops.
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    record Versioned(String frame, long version) {}
}

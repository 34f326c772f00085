package fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/// A fixed team of threads that run one task together, each its own part, and wait for each other:
/// `run(part)` calls `part.accept(t)` for t = 0 … size − 1, part 0 on the calling thread, and
/// returns when every part is done.
///
/// A training step is a few such phases of about a tenth of a millisecond each, too short for a
/// thread pool's hand-over (tens of microseconds). So the helpers wait for the next phase by
/// spinning, and only after a while of nothing to do (between epochs) by sleeping briefly.
/// The helper threads are daemons: they do not keep the program alive.
final class Team {

    /// Spins before a waiting helper starts sleeping between checks (about a millisecond).
    private static final int SPINS = 100_000;

    private final int size;
    private volatile IntConsumer task;
    private volatile long generation;
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    /// A team of `size` threads: the caller and size − 1 helpers.
    Team(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + size);
        }
        this.size = size;
        for (int t = 1; t < size; t++) {
            int id = t;
            Thread helper = new Thread(() -> serve(id), "fast-team-" + t);
            helper.setDaemon(true);
            helper.start();
        }
    }

    int size() {
        return size;
    }

    /// Runs part t of `part` on thread t of the team, for every t, and waits for all of them. An
    /// exception in any part is thrown here.
    void run(IntConsumer part) {
        if (size == 1) {
            part.accept(0);
            return;
        }
        task = part;
        done.set(0);
        generation++;
        try {
            part.accept(0);
        } finally {
            while (done.get() < size - 1) {
                Thread.onSpinWait();
            }
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("a helper thread failed: " + t, t);
        }
    }

    /// The helper's loop: wait for a new generation, run its part, report.
    private void serve(int id) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
            seen = generation;
            try {
                task.accept(id);
            } catch (Throwable t) {
                failure = t;
            }
            done.incrementAndGet();
        }
    }

    /// The multiple of `unit` where part t of `size` equal parts of 0 … n starts (n a multiple of unit).
    static int split(int n, int unit, int t, int size) {
        int units = n / unit;
        return (int) ((long) units * t / size) * unit;
    }
}

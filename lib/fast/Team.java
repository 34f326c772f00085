package fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/// A fixed team of threads that run one task together, each its own part, and wait for each other:
/// `run(part)` calls `part.accept(t)` for t = 0 … size − 1, part 0 on the calling thread, and
/// returns when every part is done.
///
/// A training step is a few such phases of about a tenth of a millisecond each, too short for a
/// thread pool's hand-over (tens of microseconds). So a waiting thread spins for a few
/// microseconds, then yields its core (another program, or a teammate that was pushed off its
/// core, may need it: spinning alone made busy machines 20 times slower), and a helper with
/// nothing to do for about a millisecond (between epochs, or a network no longer used) parks
/// until the next task wakes it. The helper threads are daemons: they do not keep the program alive.
final class Team {

    /// Checks of a waiting thread before it yields its core between checks (a few microseconds).
    private static final int SPINS = 1_000;

    /// Checks of an idle helper before it parks (about a millisecond).
    private static final int IDLE = 100_000;

    private final int size;
    private final Thread[] helpers;
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
        helpers = new Thread[size];
        for (int t = 1; t < size; t++) {
            int id = t;
            helpers[t] = new Thread(() -> serve(id), "fast-team-" + t);
            helpers[t].setDaemon(true);
            helpers[t].start();
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
        for (int t = 1; t < size; t++) {
            LockSupport.unpark(helpers[t]);
        }
        try {
            part.accept(0);
        } finally {
            for (int spins = 0; done.get() < size - 1; spins++) {
                pause(spins);
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
            for (int spins = 0; generation == seen; spins++) {
                if (spins < IDLE) {
                    pause(spins);
                } else {
                    // woken by run's unpark, which may also come just before: park then returns at once
                    LockSupport.park(this);
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

    /// One wait of a thread that has checked `spins` times: spin, then yield.
    private static void pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /// The multiple of `unit` where part t of `size` equal parts of 0 … n starts (n a multiple of unit).
    static int split(int n, int unit, int t, int size) {
        int units = n / unit;
        return (int) ((long) units * t / size) * unit;
    }
}

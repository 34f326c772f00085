package fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/// A fixed team of threads that run one task together, each its own part, and wait for each other:
/// `run(part)` calls `part.accept(t)` for t = 0 … size − 1, part 0 on the calling thread, and
/// returns when every part is done. Inside a part, [#share] hands out units of work (panels) so
/// that a thread slowed down by the machine does not hold the others up.
///
/// A training step is a few such phases of about a tenth of a millisecond each, too short for a
/// thread pool's hand-over (tens of microseconds). So a waiting thread first spins, checking
/// for up to [#SPIN_NANOS] (a millisecond); only then does it park, to be woken by the thread it
/// waits for. On an idle machine the threads never park; on a busy one a teammate pushed off its
/// core does not keep the others spinning on theirs. (Yielding instead of parking made things worse: a
/// yield can hand the core to another program for a whole time slice.) The helper threads are
/// daemons: they do not keep the program alive.
final class Team {

    /// How long a waiting thread spins before it parks: ten phases or so. Shorter windows (0.1 ms)
    /// locked two threads into a slow rhythm where each parked because the other was late, as it
    /// had just been woken from parking itself: a wake-up takes tens of microseconds.
    static final long SPIN_NANOS = 1_000_000;

    private final int size;
    private final Thread[] helpers;
    private volatile IntConsumer task;
    private volatile long generation;
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;
    private volatile Thread caller;

    /// For [#share]: the generation (the phase) in which each unit was taken.
    private final AtomicLongArray taken;

    /// A team of `size` threads: the caller and size − 1 helpers, which [#share] up to `units` units.
    Team(int size, int units) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + size);
        }
        this.size = size;
        taken = new AtomicLongArray(units);
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
            generation++;
            part.accept(0);
            return;
        }
        caller = Thread.currentThread();
        task = part;
        done.set(0);
        // last: a helper that sees the new generation sees the task and the count above too
        generation++;
        for (int t = 1; t < size; t++) {
            LockSupport.unpark(helpers[t]);
        }
        try {
            part.accept(0);
        } finally {
            long start = System.nanoTime();
            while (done.get() < size - 1) {
                pause(start, true);
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

    /// Inside a phase, on thread t: calls `unit.accept(u)` for the units u of 0 … count − 1 that
    /// thread t takes. It takes its own share first ([#split]'s), in order, then, from their end,
    /// the units of the other shares that no thread has started: a thread that the machine slows
    /// down does not hold up the others. Each unit is done once, by one thread, the same way
    /// whichever thread it is, so the results do not depend on who took what.
    void share(int t, int count, IntConsumer unit) {
        if (count > taken.length()) {
            throw new IllegalArgumentException("a phase of " + count + " units, but the team shares at most " + taken.length());
        }
        long phase = generation;
        for (int u = split(count, 1, t, size), end = split(count, 1, t + 1, size); u < end; u++) {
            take(u, phase, unit);
        }
        for (int other = 1; other < size; other++) {
            int s = (t + other) % size;
            for (int u = split(count, 1, s + 1, size) - 1, start = split(count, 1, s, size); u >= start; u--) {
                take(u, phase, unit);
            }
        }
    }

    /// Does unit u unless a thread has taken it in this phase already.
    private void take(int u, long phase, IntConsumer unit) {
        long seen = taken.get(u);
        if (seen != phase && taken.compareAndSet(u, seen, phase)) {
            unit.accept(u);
        }
    }

    /// The helper's loop: wait for a new generation, run its part, report.
    private void serve(int id) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (generation == seen) {
                pause(start, false);
            }
            seen = generation;
            try {
                task.accept(id);
            } catch (Throwable t) {
                failure = t;
            }
            done.incrementAndGet();
            LockSupport.unpark(caller);
        }
    }

    /// One check's wait of a thread waiting since `start`: spin, then park until woken, by run's
    /// unpark of the helpers or a helper's unpark of the caller (an unpark that comes between the
    /// check and the park makes the park return at once). The caller re-checks every millisecond
    /// anyway; an idle helper sleeps until the next task.
    private void pause(long start, boolean caller) {
        if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (caller) {
            LockSupport.parkNanos(this, 1_000_000);
        } else {
            LockSupport.park(this);
        }
    }

    /// The multiple of `unit` where part t of `size` equal parts of 0 … n starts (n a multiple of unit).
    static int split(int n, int unit, int t, int size) {
        int units = n / unit;
        return (int) ((long) units * t / size) * unit;
    }
}

package fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/// A fixed team of threads that share the units of one job at a time and wait for each other:
/// `run(job, count)` calls `job.unit.accept(u)` once for every unit u = 0 … count − 1, on the
/// calling thread and on the helpers, and returns when every unit is done.
///
/// **Sharing.** Each thread takes its own share of the units first, in order ([#split]'s), then,
/// from their end, the units of the other shares that no thread has started. A unit is done once,
/// by one thread, the same way whichever thread it is: the results do not depend on who took what,
/// nor on how many threads took part. The job is over when its units are done, not when every
/// helper has reported: a helper that the machine has pushed off its core, and that had not
/// started a unit, holds nobody up.
///
/// **Waiting.** A job is a tenth of a millisecond or so, too short for a thread pool's hand-over
/// (tens of microseconds). So a waiting thread first spins for up to [#SPIN_NANOS] (a millisecond),
/// and only then parks, to be woken by the thread it waits for. (Yielding instead of parking made
/// things worse: a yield can hand the core to another program for a whole time slice.)
///
/// **Noticing that it is losing.** On a busy machine a helper can be pushed off its core in the
/// middle of a unit, and the others wait for it: then fewer threads are faster. The team times
/// every job, and the calling thread's wait once it has nothing left to take ([Job#waited]).
/// After every [#WINDOW] jobs it decides: with more than a quarter of the window spent waiting, it
/// tries one thread fewer for the next window; every so often it tries another count anyway, one
/// more (or one fewer from the whole team) after [#PROBE_EVERY] windows, twice as long after each
/// try that lost; and it keeps whichever count ran its window faster (by 5 %). Since any number of threads gives the same results, bit for bit,
/// changing it changes only the speed. The helper threads are daemons: they do not keep the
/// program alive.
final class Team {

    /// How long a waiting thread spins before it parks: ten jobs or so. Shorter windows (0.1 ms)
    /// locked two threads into a slow rhythm where each parked because the other was late, as it
    /// had just been woken from parking itself: a wake-up takes tens of microseconds.
    static final long SPIN_NANOS = 1_000_000;

    /// Jobs per measuring window: 128 training steps of 4 jobs.
    static final int WINDOW = 512;

    /// Windows between two tries of the other thread count, at first.
    static final int PROBE_EVERY = 8;

    /// A kind of work the team runs again and again, with its measurements.
    static final class Job {
        final String name;
        final IntConsumer unit;
        long runs, nanos, waited;

        /// `unit` does one unit of the job; `name` names it in [Team#report].
        Job(String name, IntConsumer unit) {
            this.name = name;
            this.unit = unit;
        }

        /// The share of this job's time that the calling thread spent waiting for helpers.
        double waited() {
            return nanos == 0 ? 0 : (double) waited / nanos;
        }
    }

    /// One run of a job: what the helpers read, all at once. `taken[u]` is the id of the last run
    /// in which unit u was taken; ids only grow, so a helper that wakes up late with an old run
    /// finds all of its units taken.
    private record Run(long id, Job job, int count, int threads, AtomicLongArray taken) {}

    private final int size;
    private final Thread[] helpers;
    private volatile Run current;
    private long ids;
    private AtomicLongArray taken;
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Throwable failure;
    private volatile Thread caller;

    /// The threads taking part now, and the bookkeeping of the choice ([#adapt]).
    private int threads;
    private int inWindow, windowsToProbe = PROBE_EVERY, probeEvery = PROBE_EVERY, probing;
    private long windowNanos, windowWaited, lastNanos;
    private long kept, tries;
    private boolean fixed;
    private final long[] jobsAt;

    /// A team of `size` threads: the caller and size − 1 helpers.
    Team(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + size);
        }
        this.size = size;
        threads = size;
        jobsAt = new long[size + 1];
        taken = new AtomicLongArray(64);
        helpers = new Thread[size];
        for (int t = 1; t < size; t++) {
            int id = t;
            helpers[t] = new Thread(() -> serve(id), "fast-team-" + t);
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
    }

    /// The threads of the team.
    int size() {
        return size;
    }

    /// The threads that take part in the jobs now (1 … size).
    int threads() {
        return threads;
    }

    /// How many times the team has tried another number of threads.
    long tries() {
        return tries;
    }

    /// Runs every unit 0 … count − 1 of `job` and waits for them. An exception in any unit is
    /// thrown here, after every unit has run or failed.
    void run(Job job, int count) {
        long start = System.nanoTime();
        long waited = threads == 1 || count < 2 ? alone(job, count) : together(job, count);
        long nanos = System.nanoTime() - start;
        job.runs++;
        job.nanos += nanos;
        job.waited += waited;
        jobsAt[threads]++;
        adapt(nanos, waited);
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("a helper thread failed: " + t, t);
        }
    }

    /// Every unit on the calling thread, in order; nobody waits.
    private long alone(Job job, int count) {
        for (int u = 0; u < count; u++) {
            try {
                job.unit.accept(u);
            } catch (Throwable e) {
                failure = e;
            }
        }
        return 0;
    }

    /// The units shared by [#threads] threads: publish the run, wake the helpers, take units, wait
    /// for the units in progress. Returns the nanoseconds the caller waited.
    private long together(Job job, int count) {
        if (count > taken.length()) {
            taken = new AtomicLongArray(Math.max(count, 2 * taken.length()));
        }
        caller = Thread.currentThread();
        finished.set(0);
        Run run = new Run(++ids, job, count, threads, taken);
        // last: a helper that reads the run sees the count reset above too
        current = run;
        for (int t = 1; t < threads; t++) {
            LockSupport.unpark(helpers[t]);
        }
        share(0, run);
        long start = System.nanoTime();
        while (finished.get() < count) {
            pause(start, true);
        }
        return System.nanoTime() - start;
    }

    /// Thread t's part of `run`: its own share in order, then, from their end, the units of the
    /// others' shares that no thread has started.
    private void share(int t, Run run) {
        int count = run.count, n = run.threads;
        for (int u = split(count, 1, t, n), end = split(count, 1, t + 1, n); u < end; u++) {
            take(u, run);
        }
        for (int other = 1; other < n; other++) {
            int s = (t + other) % n;
            for (int u = split(count, 1, s + 1, n) - 1, start = split(count, 1, s, n); u >= start; u--) {
                take(u, run);
            }
        }
    }

    /// Does unit u of `run` unless a thread has taken it in this run (or a later one) already.
    private void take(int u, Run run) {
        long seen = run.taken.get(u);
        if (seen < run.id && run.taken.compareAndSet(u, seen, run.id)) {
            try {
                run.job.unit.accept(u);
            } catch (Throwable e) {
                failure = e;
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    /// The helper's loop: wait for a run it has not seen and takes part in, take its units, wake
    /// the caller.
    private void serve(int id) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            Run run;
            while ((run = current) == null || run.id == seen) {
                pause(start, false);
            }
            seen = run.id;
            if (id < run.threads) {
                share(id, run);
                LockSupport.unpark(caller);
            }
        }
    }

    /// One check's wait of a thread waiting since `start`: spin, then park until woken, by run's
    /// unpark of the helpers or a helper's unpark of the caller (an unpark that comes between the
    /// check and the park makes the park return at once). The caller re-checks every millisecond
    /// anyway; an idle helper sleeps until the next job.
    private void pause(long start, boolean caller) {
        if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (caller) {
            LockSupport.parkNanos(this, 1_000_000);
        } else {
            LockSupport.park(this);
        }
    }

    /// After each job: at the end of a window, choose the number of threads for the next one.
    private void adapt(long nanos, long waited) {
        if (size == 1 || fixed) {
            return;
        }
        windowNanos += nanos;
        windowWaited += waited;
        if (++inWindow < WINDOW) {
            return;
        }
        if (probing != 0) {
            // the window just run tried `threads`; the one before ran `probing` in lastNanos
            tries++;
            if (windowNanos < 0.95 * lastNanos) {
                kept++;
                probeEvery = PROBE_EVERY;
            } else {
                threads = probing;
                probeEvery = Math.min(64 * PROBE_EVERY, 2 * probeEvery);
            }
            windowsToProbe = probeEvery;
            probing = 0;
        } else if (threads > 1 && windowWaited > windowNanos / 4) {
            probe(threads - 1);
        } else if (--windowsToProbe <= 0) {
            probe(threads < size ? threads + 1 : threads - 1);
        }
        inWindow = 0;
        windowNanos = 0;
        windowWaited = 0;
    }

    /// Tries `n` threads for the next window, to compare with the window just run.
    private void probe(int n) {
        probing = threads;
        lastNanos = windowNanos;
        threads = n;
    }

    /// Forces `n` threads from now on (for tests): no more tries of other counts.
    void fix(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("a team of " + size + " cannot run " + n + " threads");
        }
        threads = n;
        fixed = true;
    }

    /// How the jobs went so far: per job, its share of the time and the caller's share of waiting;
    /// then how often each number of threads ran, with the tries and how many were kept.
    String report(Job... jobs) {
        StringBuilder line = new StringBuilder();
        long all = 0;
        for (Job job : jobs) {
            all += job.nanos;
        }
        for (Job job : jobs) {
            line.append("%s %.0f%% of the time, waited %.0f%%; ".formatted(job.name, all == 0 ? 0 : 100.0 * job.nanos / all,
                    100 * job.waited()));
        }
        long total = 0;
        for (long n : jobsAt) {
            total += n;
        }
        line.append("jobs on");
        for (int n = 1; n <= size; n++) {
            line.append(" %d thread%s %.0f%%".formatted(n, n == 1 ? "" : "s", total == 0 ? 0 : 100.0 * jobsAt[n] / total));
        }
        return line.append(" (%d tries, %d kept)".formatted(tries, kept)).toString();
    }

    /// The multiple of `unit` where part t of `size` equal parts of 0 … n starts (n a multiple of unit).
    static int split(int n, int unit, int t, int size) {
        int units = n / unit;
        return (int) ((long) units * t / size) * unit;
    }
}

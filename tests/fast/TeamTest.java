package fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The team does every unit of a job exactly once, lets a thread that finished its share take the
/// units another has not started, and runs fewer threads when waiting for a slow one costs more
/// than it brings.
@DisplayName("Team")
class TeamTest {

    @Test
    @DisplayName("every unit of a job is done exactly once, job after job, on 1, 2 and 3 threads")
    void everyUnitOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            Team team = new Team(threads);
            team.fix(threads);
            for (int count : new int[] {0, 1, 5, 9, 64, 9, 200, 3}) {
                AtomicIntegerArray done = new AtomicIntegerArray(count);
                team.run(new Team.Job("count", done::incrementAndGet), count);
                for (int u = 0; u < count; u++) {
                    assertEquals(1, done.get(u), "unit " + u + " of " + count + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    @DisplayName("the caller takes its share in order, then the units the helper has not started, from the end")
    void takesWhatOthersHaveNotStarted() throws InterruptedException {
        Team team = new Team(2);
        team.fix(2);
        Thread caller = Thread.currentThread();
        CountDownLatch helperStarted = new CountDownLatch(1), callerTookSix = new CountDownLatch(1);
        List<Integer> byCaller = Collections.synchronizedList(new ArrayList<>()), byHelper = Collections.synchronizedList(new ArrayList<>());
        team.run(new Team.Job("order", u -> {
            boolean onCaller = Thread.currentThread() == caller;
            (onCaller ? byCaller : byHelper).add(u);
            if (onCaller && u == 0) {
                await(helperStarted);
            }
            if (onCaller && u == 6) {
                callerTookSix.countDown();
            }
            if (!onCaller && u == 5) {
                helperStarted.countDown();
                // unit 5 is in progress until the caller has taken everything else
                await(callerTookSix);
            }
        }), 10);
        assertEquals(List.of(0, 1, 2, 3, 4, 9, 8, 7, 6), byCaller);
        assertEquals(List.of(5), byHelper);
    }

    @Test
    @DisplayName("a unit that fails fails the run, after every other unit ran, and the team goes on")
    void failureReported() {
        Team team = new Team(2);
        team.fix(2);
        AtomicIntegerArray done = new AtomicIntegerArray(8);
        IllegalStateException broken = new IllegalStateException("unit 6 is broken");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(new Team.Job("fails", u -> {
            if (u == 6) {
                throw broken;
            }
            done.incrementAndGet(u);
        }), 8));
        assertSame(broken, e);
        for (int u = 0; u < 8; u++) {
            assertEquals(u == 6 ? 0 : 1, done.get(u), "unit " + u);
        }
        AtomicIntegerArray again = new AtomicIntegerArray(8);
        team.run(new Team.Job("again", again::incrementAndGet), 8);
        for (int u = 0; u < 8; u++) {
            assertEquals(1, again.get(u), "unit " + u + " of the next run");
        }
    }

    @Test
    @DisplayName("a helper that keeps the caller waiting makes the team run one thread, and it tries two again later")
    void fallsBackWhenWaiting() {
        Team team = new Team(2);
        Thread caller = Thread.currentThread();
        // the helper's units take two milliseconds (a helper pushed off its core), the caller's a
        // tenth of one: time for the helper to wake up and take its unit
        Team.Job slowHelper = new Team.Job("slow helper", u -> {
            if (Thread.currentThread() != caller) {
                sleep(2);
            } else {
                spin(100_000);
            }
        });
        for (int i = 0; i < 3 * Team.WINDOW; i++) {
            team.run(slowHelper, 2);
        }
        assertEquals(1, team.threads(), team.report(slowHelper));
        assertTrue(slowHelper.waited() > 0, "the caller's waiting is measured: " + team.report(slowHelper));
        long tries = team.tries();
        Team.Job quick = new Team.Job("quick", u -> {});
        for (int i = 0; i < (Team.PROBE_EVERY + 2) * Team.WINDOW; i++) {
            team.run(quick, 2);
        }
        assertTrue(team.tries() > tries, "two threads tried again after " + Team.PROBE_EVERY + " windows: " + team.report(quick));
    }

    @Test
    @DisplayName("a fixed team of 1 does the units in order on the calling thread; 0 threads is refused")
    void oneThreadInOrder() {
        Team team = new Team(2);
        team.fix(1);
        List<Integer> units = new ArrayList<>();
        Thread caller = Thread.currentThread();
        team.run(new Team.Job("in order", u -> {
            assertSame(caller, Thread.currentThread());
            units.add(u);
        }), 4);
        assertEquals(List.of(0, 1, 2, 3), units);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Team(0));
        assertEquals("the number of threads must be at least 1, but was 0", e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 10 s for the other thread");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void spin(long nanos) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

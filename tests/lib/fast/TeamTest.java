package fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The team runs every part of a phase, and its shared units are each done exactly once, by the
/// thread that owns them or by one that finished early.
@DisplayName("Team")
class TeamTest {

    @Test
    @DisplayName("every unit of a shared phase is done exactly once, phase after phase, on 1, 2 and 3 threads")
    void everyUnitOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            Team team = new Team(threads, 64);
            for (int count : new int[] {0, 1, 5, 9, 64, 9}) {
                AtomicIntegerArray done = new AtomicIntegerArray(count);
                team.run(t -> team.share(t, count, done::incrementAndGet));
                for (int u = 0; u < count; u++) {
                    assertEquals(1, done.get(u), "unit " + u + " of " + count + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    @DisplayName("a thread that finishes its share takes the units another thread has not started, from the end")
    void takesWhatOthersHaveNotStarted() {
        Team team = new Team(2, 16);
        CountDownLatch firstDone = new CountDownLatch(1);
        List<Integer> byFirst = new ArrayList<>(), bySecond = new ArrayList<>();
        team.run(t -> {
            if (t == 0) {
                team.share(0, 10, byFirst::add);
                firstDone.countDown();
            } else {
                // the second thread starts only when the first has finished everything
                await(firstDone);
                team.share(1, 10, bySecond::add);
            }
        });
        // its own share 0 … 4 in order, then the other share 5 … 9 from its end
        assertEquals(List.of(0, 1, 2, 3, 4, 9, 8, 7, 6, 5), byFirst);
        assertEquals(List.of(), bySecond);
    }

    @Test
    @DisplayName("one thread does the units in order; more units than the team was made for are refused")
    void oneThreadInOrder() {
        Team team = new Team(1, 4);
        List<Integer> units = new ArrayList<>();
        team.run(t -> team.share(t, 4, units::add));
        team.run(t -> team.share(t, 4, units::add));
        assertArrayEquals(new Object[] {0, 1, 2, 3, 0, 1, 2, 3}, units.toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> team.run(t -> team.share(t, 5, u -> {})));
        assertEquals("a phase of 5 units, but the team shares at most 4", e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

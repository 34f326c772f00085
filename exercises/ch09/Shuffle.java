package ch09;

import java.util.Random;

/// A permutation of 0 … m − 1, reshuffled once per epoch with a seeded generator, so that the
/// same seed gives the same batches (and the same cost curve) on every run.
public final class Shuffle {

    private final int[] order;
    private final Random random;

    /// The identity permutation of `m` indices, to be shuffled by `random`.
    public Shuffle(int m, Random random) {
        this.order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        this.random = random;
    }

    /// A new random order (Fisher–Yates: every permutation equally likely).
    public void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /// The example at position `i` of the current order.
    public int at(int i) {
        return order[i];
    }
}

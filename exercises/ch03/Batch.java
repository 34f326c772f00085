package ch03;

/// The shape checks every cost makes before it computes: a wrong shape is the caller's mistake
/// and ends in one sentence that says which shapes did not match.
final class Batch {

    private Batch() {}

    /// The batch size N of predictions `a` and targets `y` (both length N ≥ 1).
    static int size(double[] a, double[] y) {
        if (a.length != y.length) {
            throw new IllegalArgumentException("a has " + a.length + " predictions but y has " + y.length
                    + " targets; give one target per prediction");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("the batch is empty; a cost needs at least one example");
        }
        return a.length;
    }

    /// The batch size N of the N × K arrays `p` and `y` (N ≥ 1, K ≥ 1, every row of both of
    /// length K). `pName` is what `p` is called in the message: "p" or "z".
    static int rows(double[][] p, double[][] y, String pName) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(pName + " has " + p.length + " rows but y has " + y.length
                    + "; give one target row per example");
        }
        if (p.length == 0 || p[0].length == 0) {
            throw new IllegalArgumentException("the batch is empty; a cost needs at least one example "
                    + "with at least one class");
        }
        int K = p[0].length;
        for (int n = 0; n < p.length; n++) {
            if (p[n].length != K || y[n].length != K) {
                throw new IllegalArgumentException("row " + n + " of " + pName + " has " + p[n].length
                        + " entries and row " + n + " of y has " + y[n].length
                        + ", but every row must have K = " + K + " (one per class)");
            }
        }
        return p.length;
    }
}

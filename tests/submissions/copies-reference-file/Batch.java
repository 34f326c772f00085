package ch03;

/// A student's copy of the reference `Batch`, which holds no exercise, changed so that every
/// batch counts as one example: the grader must compile `solutions/ch03/Batch.java` instead.
final class Batch {

    private Batch() {}

    static int size(double[] a, double[] y) {
        return 1;
    }

    static int rows(double[][] p, double[][] y, String pName) {
        return 1;
    }
}

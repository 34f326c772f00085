package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch09-argmax and ch09-accuracy.
@Order(2)
@DisplayName("Accuracy")
class AccuracyTest {

    /// Four examples, three classes; the largest entry of each row is at 1, 0, 2 and 0 (the last
    /// row is a tie between 0 and 2: the first wins).
    static final DMatrixRMaj P = new DMatrixRMaj(new double[][] {
        {0.2, 0.7, 0.1},
        {0.5, 0.3, 0.2},
        {0.1, 0.2, 0.7},
        {0.4, 0.2, 0.4}});

    @Test
    @Order(1)
    @DisplayName("predictions: the column of each row's largest entry, the first one on a tie: 1, 0, 2, 0")
    void argmaxByHand() {
        int[] actual = Accuracy.predictions(P);
        assertNotNull(actual, "predictions returned null");
        String hint = Arrays.equals(actual, new int[] {1, 0, 2, 2}) ? ": on a tie keep the first column (use >, not >=)"
                : Arrays.equals(actual, new int[] {2, 2, 0, 1}) ? ": that is the smallest entry; take the largest" : "";
        assertArrayEquals(new int[] {1, 0, 2, 0}, actual, "predictions should be [1, 0, 2, 0] but were "
                + Arrays.toString(actual) + hint);
    }

    @Test
    @Order(2)
    @DisplayName("predictions work on logits too (negative numbers): argmax of (−3, −1, −2) is 1")
    void negativeScores() {
        int[] actual = Accuracy.predictions(new DMatrixRMaj(new double[][] {{-3, -1, -2}}));
        assertNotNull(actual, "predictions returned null");
        assertArrayEquals(new int[] {1}, actual, "the largest of −3, −1, −2 is −1, in column 1, but got "
                + Arrays.toString(actual) + (actual.length == 1 && actual[0] == 0
                        ? ": did you start the running maximum at 0 instead of the row's first entry?" : ""));
    }

    @Test
    @Order(3)
    @DisplayName("accuracy of predictions 1, 0, 2, 0 against labels 1, 1, 2, 0 is 3/4")
    void accuracyByHand() {
        double actual = Accuracy.of(new int[] {1, 0, 2, 0}, new int[] {1, 1, 2, 0});
        String hint = actual == 3 ? ": that is the count; divide by the number of examples"
                : actual == 0.25 ? ": that is the error rate; count the matches, not the mistakes"
                : actual == 0 ? ": integer division? (double) correct / m" : "";
        assertEquals(0.75, actual, 1e-15, "accuracy should be 0.75 but was " + actual + hint);
    }

    @Test
    @Order(4)
    @DisplayName("accuracy of the matrix P above against labels 1, 0, 1, 0 is 3/4, all right is 1, all wrong 0")
    void accuracyOfMatrix() {
        assertEquals(0.75, Accuracy.of(P, new int[] {1, 0, 1, 0}), 1e-15);
        assertEquals(1.0, Accuracy.of(P, new int[] {1, 0, 2, 0}), 1e-15);
        assertEquals(0.0, Accuracy.of(P, new int[] {0, 1, 0, 1}), 1e-15);
    }
}

package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercise ch09-one-hot: the targets of the cross-entropy cost.
@Order(1)
@DisplayName("OneHot")
class OneHotTest {

    @Test
    @Order(1)
    @DisplayName("encode(labels 3, 0, 2; K = 4) is the 3×4 matrix with one 1 per row, in columns 3, 0 and 2")
    void byHand() {
        DMatrixRMaj Y = OneHot.encode(new int[] {3, 0, 2}, 4);
        assertNotNull(Y, "encode returned null");
        assertEquals(3, Y.numRows, "one row per label");
        assertEquals(4, Y.numCols, "one column per class");
        double[][] expected = {{0, 0, 0, 1}, {1, 0, 0, 0}, {0, 0, 1, 0}};
        for (int i = 0; i < 3; i++) {
            double[] row = Arrays.copyOfRange(Y.data, 4 * i, 4 * i + 4);
            String hint = row[0] == 1 && i != 1 ? ": a 1 in column 0 of every row? the column is labels[i]"
                    : Arrays.stream(row).sum() == 0 ? ": the row is all zeros; set Y[i][labels[i]] = 1" : "";
            assertArrayEquals(expected[i], row, 0, "row " + i + " (label " + new int[] {3, 0, 2}[i] + ") should be "
                    + Arrays.toString(expected[i]) + " but was " + Arrays.toString(row) + hint);
        }
    }

    @Test
    @Order(2)
    @DisplayName("every row of a one-hot matrix sums to 1, for all ten digits")
    void rowsSumToOne() {
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 0};
        DMatrixRMaj Y = OneHot.encode(labels, 10);
        assertNotNull(Y, "encode returned null");
        for (int i = 0; i < labels.length; i++) {
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                sum += Y.get(i, k);
            }
            assertEquals(1, sum, 0, "row " + i + " should hold exactly one 1");
            assertEquals(1, Y.get(i, labels[i]), 0, "row " + i + " should have its 1 in column " + labels[i]);
        }
    }

    @Test
    @Order(3)
    @DisplayName("a label outside 0 … K − 1 is refused with a message naming it")
    void badLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {1, 10}, 10));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        // the largest valid label is fine
        DMatrixRMaj Y = OneHot.encode(new int[] {9}, 10);
        assertEquals(1, Y.get(0, 9), 0, "encode({9}, 10) should put its 1 in column 9");
    }
}

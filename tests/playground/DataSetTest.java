package playground;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.UserError;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The playground's data sets: the generated ones have the shape their names promise, the same
/// seed gives the same points, and a CSV file's labels become classes in sorted order.
@DisplayName("playground data sets")
class DataSetTest {

    @Test
    @DisplayName("XOR: class 1 exactly where x1 and x2 have different signs (no noise)")
    void xor() {
        DataSet data = DataSet.generate("xor", 400, 0, new Random(3));
        for (int i = 0; i < data.size(); i++) {
            double[] p = data.X()[i];
            assertTrue(Math.abs(p[0]) >= 0.15 && Math.abs(p[1]) >= 0.15, "a point stays in its corner");
            assertEquals(p[0] * p[1] < 0 ? 1 : 0, data.label()[i]);
        }
    }

    @Test
    @DisplayName("circles: class 0 within radius 0.5, class 1 between 0.8 and 1.2; blobs: three classes; every set half and half or in thirds")
    void shapes() {
        DataSet circles = DataSet.generate("circles", 300, 0, new Random(4));
        for (int i = 0; i < circles.size(); i++) {
            double r = Math.hypot(circles.X()[i][0], circles.X()[i][1]);
            assertTrue(circles.label()[i] == 0 ? r <= 0.5 : r >= 0.8 && r <= 1.2, "radius " + r);
        }
        for (String name : DataSet.GENERATED) {
            DataSet data = DataSet.generate(name, 300, 0.1, new Random(5));
            int[] count = new int[data.classes()];
            for (int label : data.label()) {
                count[label]++;
            }
            for (int c : count) {
                assertEquals(300 / data.classes(), c, name);
            }
        }
        assertEquals(3, DataSet.generate("blobs", 30, 0, new Random(1)).classes());
    }

    @Test
    @DisplayName("the same seed gives the same points, another seed other points")
    void seeded() {
        for (String name : DataSet.GENERATED) {
            DataSet a = DataSet.generate(name, 50, 0.2, new Random(9));
            DataSet b = DataSet.generate(name, 50, 0.2, new Random(9));
            DataSet c = DataSet.generate(name, 50, 0.2, new Random(10));
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(a.X()[i], b.X()[i], 0, name);
            }
            assertTrue(a.X()[0][0] != c.X()[0][0], name);
        }
    }

    @Test
    @DisplayName("CSV: header, comments, blank lines and semicolons are read; labels become classes in sorted order; bad sizes are refused")
    void csv() {
        DataSet data = DataSet.csv("f.csv", "# points\nx;y;kind\n1;2;dog\n\n3;4;cat\n5;6;dog\n7;8;cat\n");
        assertEquals(4, data.size());
        assertEquals(java.util.List.of("cat", "dog"), data.names());
        assertArrayEquals(new int[] {1, 0, 1, 0}, data.label());
        assertArrayEquals(new double[] {3, 4}, data.X()[1], 0);
        assertThrows(UserError.class, () -> DataSet.generate("xor", 3, 0, new Random(1)));
        assertThrows(UserError.class, () -> DataSet.generate("waves", 30, 0, new Random(1)));
        assertEquals("f.csv has 0 points but the playground needs at least 4 lines x1,x2,label.",
                assertThrows(UserError.class, () -> DataSet.csv("f.csv", "")).getMessage());
    }
}

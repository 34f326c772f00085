package bp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Mnist")
class MnistTest {

    /// Pixel values are compared exactly: each is a byte divided by 255.
    private static final double EXACT = 0;

    /// The shipped data set, loaded once for the tests that read it.
    private static Mnist mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadShippedData() {
        mnist = Mnist.load(Repo.path("data/mnist"));
    }

    @Test
    @DisplayName("the shipped data has 60,000 training and 10,000 test examples of 28x28 = 784 pixels")
    void sizes() {
        assertEquals(60_000, mnist.train().size());
        assertEquals(60_000, mnist.train().images().length);
        assertEquals(10_000, mnist.test().size());
        assertEquals(10_000, mnist.test().images().length);
        for (Mnist.Examples set : new Mnist.Examples[] {mnist.train(), mnist.test()}) {
            assertEquals(28, set.rows());
            assertEquals(28, set.cols());
            assertTrue(Arrays.stream(set.images()).allMatch(x -> x.length == Mnist.PIXELS), "every image has 784 pixels");
        }
    }

    @Test
    @DisplayName("the first labels are the canonical ones: train 5 0 4 1 9 2 1 3 1 4, test 7 2 1 0 4 1 4 9 5 9")
    void firstLabels() {
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(mnist.train().labels(), 10));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(mnist.test().labels(), 10));
    }

    @Test
    @DisplayName("each digit occurs as often as in the canonical split (data/mnist/README.md)")
    void labelCounts() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(mnist.train().labels()));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(mnist.test().labels()));
    }

    @Test
    @DisplayName("pixels are scaled to [0, 1]: 0 for the background, exactly 1 for full ink")
    void pixelsInUnitInterval() {
        for (Mnist.Examples set : new Mnist.Examples[] {mnist.train(), mnist.test()}) {
            double min = Arrays.stream(set.images()).flatMapToDouble(Arrays::stream).min().orElseThrow();
            double max = Arrays.stream(set.images()).flatMapToDouble(Arrays::stream).max().orElseThrow();
            assertEquals(0.0, min, EXACT);
            assertEquals(1.0, max, EXACT, "the byte 255 must become 1.0 (divide by 255, read bytes unsigned)");
        }
    }

    @Test
    @DisplayName("pixels are in file order, row by row: known values of the first and last images")
    void knownPixels() {
        // Expected values read from the decompressed files with Python's gzip module.
        double[] five = mnist.train().images()[0];
        assertEquals(0.0, five[151], EXACT);
        assertEquals(3 / 255.0, five[152], EXACT, "row 5, column 12 is the first pixel with ink");
        assertEquals(126 / 255.0, five[156], EXACT);
        assertEquals(27525 / 255.0, sum(five), 1e-9);
        assertEquals(20920 / 255.0, sum(mnist.train().images()[59_999]), 1e-9);
        assertEquals(18454 / 255.0, sum(mnist.test().images()[0]), 1e-9);
    }

    @Test
    @DisplayName("first(n) keeps the first n examples, for quick runs")
    void firstN() {
        Mnist quick = mnist.first(100, 10);
        assertEquals(100, quick.train().size());
        assertEquals(10, quick.test().size());
        assertSame(mnist.train().images()[99], quick.train().images()[99]);
        assertArrayEquals(Arrays.copyOf(mnist.test().labels(), 10), quick.test().labels());
        assertEquals(28, quick.train().rows());
        assertThrows(IllegalArgumentException.class, () -> mnist.test().first(10_001));
        assertThrows(IllegalArgumentException.class, () -> mnist.test().first(-1));
    }

    @Test
    @DisplayName("a label file with a different count than its image file is one sentence naming both files and counts")
    void countMismatch() {
        writeFolder(3, 2, 2, 28);
        Path images = dir.resolve(Mnist.TRAIN_IMAGES);
        Path labels = dir.resolve(Mnist.TRAIN_LABELS);
        String message = assertThrows(UserError.class, () -> Mnist.load(dir)).getMessage();
        assertEquals(Repo.display(images) + " holds 3 images but " + Repo.display(labels)
                + " holds 2 labels; the two files must belong together: replace them with an intact copy.", message);
    }

    @Test
    @DisplayName("images of another size than 28x28 are rejected, naming the file and both sizes")
    void wrongImageSize() {
        writeFolder(2, 2, 2, 27);
        String message = assertThrows(UserError.class, () -> Mnist.load(dir)).getMessage();
        assertTrue(message.startsWith(Repo.display(dir.resolve(Mnist.TRAIN_IMAGES)) + " holds images of 27x27 pixels"), message);
        assertTrue(message.contains("27x27") && message.contains("28x28"), message);
    }

    @Test
    @DisplayName("a small folder of well-formed files loads, with labels and scaled pixels")
    void loadsSmallFolder() {
        writeFolder(3, 3, 2, 28);
        Mnist small = Mnist.load(dir);
        assertEquals(3, small.train().size());
        assertEquals(2, small.test().size());
        assertArrayEquals(new int[] {0, 1, 2}, small.train().labels());
        assertEquals(1 / 255.0, small.train().images()[0][1], EXACT);
        assertEquals(1.0, small.test().images()[1][783], EXACT);
    }

    @Test
    @DisplayName("a missing folder is reported by naming the first file that is not there")
    void missingFolder() {
        Path nowhere = dir.resolve("no-such-folder");
        String message = assertThrows(UserError.class, () -> Mnist.load(nowhere)).getMessage();
        assertTrue(message.startsWith(Repo.display(nowhere.resolve(Mnist.TRAIN_LABELS)) + " does not exist"), message);
    }

    @Test
    @DisplayName("a label that is not a digit 0 to 9 is rejected, naming the file, the label and its index")
    void labelNotADigit() {
        writeFolder(2, 2, 2, 28);
        Path labels = dir.resolve(Mnist.TEST_LABELS);
        IdxTest.write(labels, 0x00000801, new int[] {2}, new byte[] {7, 12}, true);
        String message = assertThrows(UserError.class, () -> Mnist.load(dir)).getMessage();
        assertTrue(message.startsWith(Repo.display(labels) + " has label 12 at index 1"), message);
    }

    /// Writes the four MNIST files to `dir`: `trainImages` training images but `trainLabels`
    /// labels, 2 test examples, images of `size`×`size` pixels, labels 0, 1, 2, …
    private void writeFolder(int trainImages, int trainLabels, int test, int size) {
        IdxTest.write(dir.resolve(Mnist.TRAIN_IMAGES), 0x00000803, new int[] {trainImages, size, size},
                IdxTest.data(trainImages * size * size), true);
        IdxTest.write(dir.resolve(Mnist.TRAIN_LABELS), 0x00000801, new int[] {trainLabels}, digits(trainLabels), true);
        IdxTest.write(dir.resolve(Mnist.TEST_IMAGES), 0x00000803, new int[] {test, size, size},
                IdxTest.data(test * size * size), true);
        IdxTest.write(dir.resolve(Mnist.TEST_LABELS), 0x00000801, new int[] {test}, digits(test), true);
    }

    private static byte[] digits(int m) {
        byte[] y = new byte[m];
        for (int i = 0; i < m; i++) {
            y[i] = (byte) (i % 10);
        }
        return y;
    }

    private static int[] counts(int[] labels) {
        int[] counts = new int[Mnist.CLASSES];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    private static double sum(double[] x) {
        return Arrays.stream(x).sum();
    }
}

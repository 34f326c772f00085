package bp;

import java.nio.file.Path;
import java.util.Arrays;

/// The MNIST handwritten digits: 60,000 training and 10,000 test images of 28×28 pixels, each
/// with its digit 0–9.
///
/// ```java
/// Mnist mnist = Mnist.load();                  // from data/mnist
/// Mnist.Examples train = mnist.train();        // images: 60000 × 784, labels: 60000
/// double[] x = train.images()[0];              // 784 pixels in [0, 1], row by row
/// int y = train.labels()[0];                   // 5
/// Mnist quick = mnist.first(1000, 100);        // a small subset for quick runs
/// ```
///
/// The full data set takes about 440 MB as doubles (784 · 8 bytes per image) and loads in about
/// a second, most of it spent allocating the arrays; a JVM with a 1 GB heap or more holds it.
///
/// @param train the training examples (60,000)
/// @param test  the test examples (10,000), for measuring accuracy only
public record Mnist(Examples train, Examples test) {

    /// Height and width of an image, in pixels.
    public static final int ROWS = 28, COLS = 28;

    /// Pixels per image, the length of an input vector: 28 · 28 = 784.
    public static final int PIXELS = ROWS * COLS;

    /// Number of classes: the digits 0–9.
    public static final int CLASSES = 10;

    /// The folder the data set lives in, relative to the repository root.
    public static final String FOLDER = "data/mnist";

    /// The four files of the data set, in [#FOLDER].
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz", TRAIN_LABELS = "train-labels-idx1-ubyte.gz",
            TEST_IMAGES = "t10k-images-idx3-ubyte.gz", TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /// m examples: images with their labels.
    ///
    /// @param images one row per image, m × 784: the pixels row by row (pixel `r·28 + c` is row
    ///               r, column c), scaled from 0–255 to [0, 1], 0 for the background
    /// @param labels the digit of each image, length m, values 0–9
    /// @param rows   the height of an image (28)
    /// @param cols   the width of an image (28)
    public record Examples(double[][] images, int[] labels, int rows, int cols) {

        public Examples {
            if (images.length != labels.length) {
                throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
            }
        }

        /// The number of examples, m.
        public int size() {
            return labels.length;
        }

        /// The first `n` examples (0 ≤ n ≤ m), for quick runs. The images are the same arrays,
        /// not copies.
        public Examples first(int n) {
            if (n < 0 || n > size()) {
                throw new IllegalArgumentException("cannot take the first " + n + " of " + size() + " examples");
            }
            return new Examples(Arrays.copyOf(images, n), Arrays.copyOf(labels, n), rows, cols);
        }
    }

    /// Loads MNIST from `data/mnist` in the repository.
    public static Mnist load() {
        return load(Repo.path(FOLDER));
    }

    /// Loads MNIST from the four gzip IDX files in `dir` (named as in `data/mnist`). Throws a
    /// [UserError] when a file is missing or damaged, when an image is not 28×28, or when an
    /// image file and its label file disagree on the number of examples.
    public static Mnist load(Path dir) {
        return new Mnist(examples(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS)),
                examples(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS)));
    }

    /// The first `nTrain` training and `nTest` test examples, for quick runs.
    public Mnist first(int nTrain, int nTest) {
        return new Mnist(train.first(nTrain), test.first(nTest));
    }

    /// Reads one image file and its label file, and checks that they belong together.
    private static Examples examples(Path imageFile, Path labelFile) {
        Idx labels = Idx.read(labelFile, 1);
        Idx images = Idx.read(imageFile, 3);
        int m = images.dims()[0];
        if (m != labels.dims()[0]) {
            throw new UserError(Repo.display(imageFile) + " holds " + m + " images but " + Repo.display(labelFile)
                    + " holds " + labels.dims()[0] + " labels; the two files must belong together: "
                    + Idx.remedy(imageFile, "them") + ".");
        }
        int rows = images.dims()[1], cols = images.dims()[2];
        if (rows != ROWS || cols != COLS) {
            throw new UserError(Repo.display(imageFile) + " holds images of " + rows + "x" + cols + " pixels, expected MNIST's "
                    + ROWS + "x" + COLS + "; " + Idx.remedy(imageFile, "it") + ".");
        }
        return new Examples(pixels(images), digits(labels, labelFile), rows, cols);
    }

    /// The images as rows of pixels scaled to [0, 1]: x = byte / 255. Returns m × 784.
    private static double[][] pixels(Idx images) {
        int m = images.dims()[0];
        double[][] x = new double[m][PIXELS];
        for (int i = 0; i < m; i++) {
            int offset = i * PIXELS;
            for (int p = 0; p < PIXELS; p++) {
                x[i][p] = images.unsigned(offset + p) / 255.0;
            }
        }
        return x;
    }

    /// The labels as ints, checking that each is a digit 0–9.
    private static int[] digits(Idx labels, Path labelFile) {
        int[] y = new int[labels.data().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASSES) {
                throw new UserError(Repo.display(labelFile) + " has label " + y[i] + " at index " + i
                        + ", but labels must be digits 0 to 9; " + Idx.remedy(labelFile, "it") + ".");
            }
        }
        return y;
    }
}

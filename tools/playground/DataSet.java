package playground;

import bp.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/// A data set of the playground: m points in the plane with a class label each.
///
/// Shapes: `X` is m×2 as a `double[m][2]` (one point per row, x1 and x2), `label` has length m
/// with values 0 … classes − 1, and `names` holds the name of each class (what a CSV file called
/// it). The generated sets are drawn with a seeded `Random`, so the same seed gives the same points.
public record DataSet(String name, double[][] X, int[] label, int classes, List<String> names) {

    /// The most points a data set may have: the page draws every one of them.
    public static final int MAX_POINTS = 5000;

    /// The most classes: one output of the network per class.
    public static final int MAX_CLASSES = 8;

    /// The generated data sets, by the name the page uses.
    public static final List<String> GENERATED = List.of("xor", "circles", "moons", "spirals", "blobs");

    /// The number of points m.
    public int size() {
        return label.length;
    }

    /// The generated data set `name` ([#GENERATED]) of `m` points with Gaussian noise of standard
    /// deviation `noise` (in the units of the plane, whose points lie roughly in [−1.5, 1.5]²).
    public static DataSet generate(String name, int m, double noise, Random random) {
        if (m < 4 || m > MAX_POINTS) {
            throw new UserError("the number of points must be between 4 and " + MAX_POINTS + ", but it is " + m + ".");
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new UserError("the noise must be between 0 and 1, but it is " + noise + ".");
        }
        double[][] X = new double[m][2];
        int[] label = new int[m];
        int classes = 2;
        for (int i = 0; i < m; i++) {
            switch (name) {
                case "xor" -> {
                    // the four corners of the square in turn: class 1 where x1 and x2 have different signs
                    double x1 = i % 2 == 0 ? 1 : -1;
                    double x2 = i / 2 % 2 == 0 ? 1 : -1;
                    X[i] = new double[] {0.5 * x1 + 0.35 * (2 * random.nextDouble() - 1), 0.5 * x2 + 0.35 * (2 * random.nextDouble() - 1)};
                    label[i] = x1 * x2 < 0 ? 1 : 0;
                }
                case "circles" -> {
                    // class 0 inside a disc of radius 0.5, class 1 on a ring from 0.8 to 1.2
                    label[i] = i % 2;
                    double r = label[i] == 0 ? 0.5 * Math.sqrt(random.nextDouble()) : 0.8 + 0.4 * random.nextDouble();
                    double t = 2 * Math.PI * random.nextDouble();
                    X[i] = new double[] {r * Math.cos(t), r * Math.sin(t)};
                }
                case "moons" -> {
                    // chapter 7's two half moons, shifted so that they are centred on the origin
                    label[i] = i % 2;
                    double t = Math.PI * random.nextDouble();
                    X[i] = label[i] == 0
                            ? new double[] {Math.cos(t) - 0.5, Math.sin(t) - 0.25}
                            : new double[] {0.5 - Math.cos(t), 0.25 - Math.sin(t)};
                }
                case "spirals" -> {
                    // two arms r = t, the second turned by π, one and a half turns each
                    label[i] = i % 2;
                    double t = 3 * Math.PI * Math.sqrt(random.nextDouble());
                    double r = 1.3 * t / (3 * Math.PI) + 0.05;
                    double turn = t + label[i] * Math.PI;
                    X[i] = new double[] {r * Math.cos(turn), r * Math.sin(turn)};
                }
                case "blobs" -> {
                    // three round clusters of standard deviation 0.3 at the corners of a triangle
                    classes = 3;
                    label[i] = i % 3;
                    double angle = Math.PI / 2 + 2 * Math.PI * label[i] / 3;
                    X[i] = new double[] {0.8 * Math.cos(angle) + 0.3 * random.nextGaussian(),
                            0.8 * Math.sin(angle) + 0.3 * random.nextGaussian()};
                }
                default -> throw new UserError("there is no data set \"" + name + "\"; choose one of "
                        + String.join(", ", GENERATED) + ", or upload a CSV file.");
            }
            X[i][0] += noise * random.nextGaussian();
            X[i][1] += noise * random.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return new DataSet(name, X, label, classes, names);
    }

    /// A data set from the text of a CSV file: one point per line, `x1,x2,label`, an optional
    /// header line first (a line whose first two fields are not numbers), blank lines and lines
    /// starting with `#` ignored. Labels are any text (`0`, `1`, `red`, ...); the classes are the
    /// distinct labels in sorted order. A file that does not fit ends in one sentence naming the line.
    public static DataSet csv(String fileName, String text) {
        List<double[]> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        boolean first = true;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s*[,;\\t]\\s*", -1);
            boolean numbers = fields.length >= 2 && isNumber(fields[0]) && isNumber(fields[1]);
            if (first && !numbers) {
                first = false;
                continue;
            }
            first = false;
            String where = fileName + " line " + (n + 1);
            if (fields.length != 3) {
                throw new UserError(where + " has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                        + " but every line must be x1,x2,label (two numbers and a class).");
            }
            for (int j = 0; j < 2; j++) {
                if (!isNumber(fields[j])) {
                    throw new UserError(where + ": \"" + fields[j] + "\" is not a finite number; x1 and x2 must be numbers such as 0.5 or -1.2e-3.");
                }
            }
            if (fields[2].isEmpty()) {
                throw new UserError(where + " has no label; every point needs a class after its two coordinates.");
            }
            if (points.size() == MAX_POINTS) {
                throw new UserError(fileName + " has more than " + MAX_POINTS + " points; the playground draws every point, so give it at most " + MAX_POINTS + ".");
            }
            points.add(new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])});
            labels.add(fields[2]);
        }
        if (points.size() < 4) {
            throw new UserError(fileName + " has " + points.size() + " point" + (points.size() == 1 ? "" : "s")
                    + " but the playground needs at least 4 lines x1,x2,label.");
        }
        TreeMap<String, Integer> classOf = new TreeMap<>();
        labels.forEach(l -> classOf.put(l, 0));
        if (classOf.size() < 2 || classOf.size() > MAX_CLASSES) {
            throw new UserError(fileName + " has " + classOf.size() + " class" + (classOf.size() == 1 ? "" : "es")
                    + " (" + String.join(", ", classOf.keySet().stream().limit(10).toList()) + (classOf.size() > 10 ? ", ..." : "")
                    + ") but the playground needs between 2 and " + MAX_CLASSES + " distinct labels.");
        }
        int k = 0;
        for (var entry : classOf.entrySet()) {
            entry.setValue(k++);
        }
        int[] label = labels.stream().mapToInt(classOf::get).toArray();
        return new DataSet(fileName, points.toArray(double[][]::new), label, classOf.size(), List.copyOf(classOf.keySet()));
    }

    /// The points `rows` of this set, in that order (a training or a test set).
    public DataSet rows(int[] rows) {
        double[][] Xr = new double[rows.length][];
        int[] labelr = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Xr[i] = X[rows[i]];
            labelr[i] = label[rows[i]];
        }
        return new DataSet(name, Xr, labelr, classes, names);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

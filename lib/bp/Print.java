package bp;

/// How chapters print: numbered step headings, aligned `label = value` rows, and vectors.
///
/// ```
/// 1. The weighted input z = w·x + b
/// ---------------------------------
///    z = w·x + b                   =  -0.8600
///    Neuron.z(x)                   =  -0.8600   ✓ same as by hand
/// ```
public final class Print {

    /// Two numbers closer than this count as the same in [#row(String, double, double)].
    public static final double SAME = 1e-12;

    private Print() {}

    /// Prints a step's title, underlined, after a blank line.
    public static void heading(String title) {
        IO.println();
        IO.println(title);
        IO.println("-".repeat(title.length()));
    }

    /// Prints "label = value" with the `=` signs of a step aligned.
    public static void row(String label, double value) {
        IO.println("   %-30s= %8.4f".formatted(label, value));
    }

    /// Prints "label = value" and whether the value agrees with the one computed by hand: with
    /// `--mine` this is where a mistake in the student's code shows first.
    public static void row(String label, double value, double byHand) {
        String check = Math.abs(value - byHand) < SAME
                ? "✓ same as by hand"
                : "✗ differs from the hand result by %.2e".formatted(value - byHand);
        IO.println("   %-30s= %8.4f   %s".formatted(label, value, check));
    }

    /// A vector with two decimals: "(0.50, -1.20, 2.00)".
    public static String vector(double[] v) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            text.append(i > 0 ? ", " : "").append("%.2f".formatted(v[i]));
        }
        return text.append(")").toString();
    }
}

package ch03;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/// Helpers of the ch03 tests: recognise a typical mistake from the value it produces, and print
/// numbers short enough for a one-line hint.
///
/// A mistake is recognised by computing what the mistaken code would return (a missing 1/N
/// gives N times the expected value) and comparing it with the actual value.
final class Mistakes {

    private Mistakes() {}

    /// ": hint" for the first candidate (pairs of a value and its hint) that `actual` equals to
    /// about 9 digits; "" when none does.
    static String of(double actual, Object... candidatesAndHints) {
        for (int i = 0; i < candidatesAndHints.length; i += 2) {
            if (close(actual, (Double) candidatesAndHints[i])) {
                return ": " + candidatesAndHints[i + 1];
            }
        }
        return "";
    }

    /// As [#of(double, Object...)] for vectors: candidates are `double[]`.
    static String of(double[] actual, Object... candidatesAndHints) {
        for (int i = 0; i < candidatesAndHints.length; i += 2) {
            double[] candidate = (double[]) candidatesAndHints[i];
            if (close(actual, candidate)) {
                return ": " + candidatesAndHints[i + 1];
            }
        }
        return "";
    }

    /// As [#of(double, Object...)] for N × K arrays: candidates are `double[][]`.
    static String of(double[][] actual, Object... candidatesAndHints) {
        for (int i = 0; i < candidatesAndHints.length; i += 2) {
            double[][] candidate = (double[][]) candidatesAndHints[i];
            boolean same = actual.length == candidate.length;
            for (int n = 0; same && n < actual.length; n++) {
                same = close(actual[n], candidate[n]);
            }
            if (same) {
                return ": " + candidatesAndHints[i + 1];
            }
        }
        return "";
    }

    /// r · v, a new array.
    static double[] times(double r, double[] v) {
        return Arrays.stream(v).map(x -> r * x).toArray();
    }

    /// r · v, a new array.
    static double[][] times(double r, double[][] v) {
        return Arrays.stream(v).map(row -> times(r, row)).toArray(double[][]::new);
    }

    /// Whether any entry is NaN or ±∞.
    static boolean nonFinite(double... v) {
        return Arrays.stream(v).anyMatch(x -> !Double.isFinite(x));
    }

    /// Whether any entry is NaN or ±∞.
    static boolean nonFinite(double[][] v) {
        return Arrays.stream(v).anyMatch(Mistakes::nonFinite);
    }

    /// A number with at most 6 significant digits: 0.3125, -0.277778, 2.5E+11, NaN.
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toString();
    }

    /// "(0.9, 0.2, 0.7)".
    static String text(double[] v) {
        return Arrays.stream(v).mapToObj(Mistakes::num).collect(Collectors.joining(", ", "(", ")"));
    }

    /// "[(0.7, 0.2, 0.1), (0.1, 0.5, 0.4)]".
    static String text(double[][] v) {
        return Arrays.stream(v).map(Mistakes::text).collect(Collectors.joining(", ", "[", "]"));
    }

    /// Calls the student's code on N × K arrays, turning an index out of bounds into a hint about
    /// the orientation (rows = examples, columns = classes).
    static <T> T call(String what, Supplier<T> code) {
        try {
            return code.get();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new AssertionError(what + " threw ArrayIndexOutOfBoundsException (" + e.getMessage()
                    + "): p, z and y are N × K, rows = examples and columns = classes, so the entry of example n "
                    + "and class k is p[n][k] with n < N = p.length and k < K = p[n].length", e);
        }
    }

    private static boolean close(double actual, double candidate) {
        return Math.abs(actual - candidate) <= 1e-9 * Math.max(1, Math.abs(candidate));
    }

    private static boolean close(double[] actual, double[] candidate) {
        if (actual == null || actual.length != candidate.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!close(actual[i], candidate[i])) {
                return false;
            }
        }
        return true;
    }
}

package ch06;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import bp.GradCheck;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/// What the chapter 6 tests share: building small matrices, comparing them with a readable
/// message, and seeded random inputs. Nothing here calls an exercise.
final class Matrices {

    /// Hand values of a few products of short decimals: equal up to round-off.
    static final double EXACT = 1e-12;

    private Matrices() {}

    /// A matrix from its rows.
    static DMatrixRMaj of(double[]... rows) {
        return new DMatrixRMaj(rows);
    }

    /// The rows of `M`, for messages and for formulas written out in the tests.
    static double[][] rows(DMatrixRMaj M) {
        double[][] rows = new double[M.numRows][M.numCols];
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                rows[i][j] = M.get(i, j);
            }
        }
        return rows;
    }

    /// "[[1.0, 2.0], [3.0, 4.0]] (2×2)".
    static String show(DMatrixRMaj M) {
        return M == null ? "null" : Arrays.deepToString(rows(M)) + " (" + M.numRows + "×" + M.numCols + ")";
    }

    static String show(double[][] rows) {
        return Arrays.deepToString(rows) + " (" + rows.length + "×" + rows[0].length + ")";
    }

    /// True when `M` has the shape and, within `tolerance`, the entries of `expected`.
    static boolean same(DMatrixRMaj M, double[][] expected, double tolerance) {
        if (M == null || M.numRows != expected.length || M.numCols != expected[0].length) {
            return false;
        }
        for (int i = 0; i < M.numRows; i++) {
            for (int j = 0; j < M.numCols; j++) {
                if (!(Math.abs(M.get(i, j) - expected[i][j]) <= tolerance)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean same(DMatrixRMaj M, double[][] expected) {
        return same(M, expected, EXACT);
    }

    /// Fails unless `actual` equals `expected` in shape and entries, with `what` and `hint`.
    static void assertMatrix(double[][] expected, DMatrixRMaj actual, String what, String hint) {
        assertMatrix(expected, actual, what, hint, EXACT);
    }

    /// [#assertMatrix(double\[\]\[\], DMatrixRMaj, String, String)] with the entries equal within `tolerance`.
    static void assertMatrix(double[][] expected, DMatrixRMaj actual, String what, String hint, double tolerance) {
        assertNotNull(actual, what + " is null");
        if (actual.numRows != expected.length || actual.numCols != expected[0].length) {
            fail(what + " should be " + expected.length + "×" + expected[0].length + " but is " + actual.numRows
                    + "×" + actual.numCols + ": " + show(actual) + hint);
        }
        if (!same(actual, expected, tolerance)) {
            fail(what + " should be " + show(expected) + " but was " + show(actual) + hint);
        }
    }

    /// The largest relative error |a − n| / max(1e-8, |a| + |n|) between two matrices of the same
    /// shape (NaN counts as the worst).
    static double maxRelError(DMatrixRMaj analytic, double[] numeric) {
        double worst = 0;
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic.data[i];
            double e = Math.abs(a - numeric[i]) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric[i]));
            if (Double.isNaN(e)) {
                return Double.NaN;
            }
            worst = Math.max(worst, e);
        }
        return worst;
    }

    /// Which entry of a gradient matrix disagrees most with the numeric one, and by how much
    /// (`∂C/∂W[1][2]: analytic ... numeric ... relative error ...`).
    static GradCheck.Report worst(String name, DMatrixRMaj analytic, double[] numeric) {
        return GradCheck.compare(name, Arrays.copyOf(analytic.data, numeric.length), numeric, Math.max(1, analytic.numCols));
    }

    /// An rows×cols matrix of standard normal draws.
    static DMatrixRMaj gaussian(Random random, int rows, int cols) {
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            M.data[i] = random.nextGaussian();
        }
        return M;
    }

    /// An rows×cols matrix of standard normal draws whose entries are at least `margin` away from 0
    /// (inputs of a ReLU kept away from its kink, so that centred differences are smooth).
    static DMatrixRMaj awayFromZero(Random random, int rows, int cols, double margin) {
        DMatrixRMaj M = gaussian(random, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            M.data[i] += Math.signum(M.data[i]) * margin;
        }
        return M;
    }

    /// Σᵢⱼ aᵢⱼ gᵢⱼ: the scalar whose gradient with respect to A is G (the upstream gradient).
    static double dot(DMatrixRMaj A, DMatrixRMaj G) {
        double sum = 0;
        for (int i = 0; i < A.getNumElements(); i++) {
            sum += A.data[i] * G.data[i];
        }
        return sum;
    }
}

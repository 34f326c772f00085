package ch06;

import org.ejml.data.DMatrixRMaj;

/// Shape checks that end in one sentence saying which matrix has the wrong shape.
final class Shapes {

    private Shapes() {}

    /// "3×2": the shape of `M` as rows×columns.
    static String of(DMatrixRMaj M) {
        return M.numRows + "×" + M.numCols;
    }

    /// Throws unless `M` has `cols` columns.
    static void requireCols(DMatrixRMaj M, int cols, String what) {
        if (M.numCols != cols) {
            throw new IllegalArgumentException(what + " has " + M.numCols + " columns (it is " + of(M)
                    + ") but this layer needs " + cols);
        }
    }

    /// Throws unless `A` and `B` have the same shape.
    static void requireSame(DMatrixRMaj A, DMatrixRMaj B, String what) {
        if (A.numRows != B.numRows || A.numCols != B.numCols) {
            throw new IllegalArgumentException(what + ": the shapes " + of(A) + " and " + of(B)
                    + " must be equal");
        }
    }

    /// Throws when `cached` is null: `backward` was called before any `forward`.
    static void requireForward(Object cached, String layer) {
        if (cached == null) {
            throw new IllegalStateException(layer + ".backward was called before forward: run forward on"
                    + " the batch first, it keeps what backward needs");
        }
    }
}

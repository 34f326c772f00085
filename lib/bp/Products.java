package bp;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/// The two matrix products a training step spends its time in, behind one small interface so that
/// a faster implementation can take EJML's place without changing the trainer:
///
///     C = A B          (A m×k, B k×n, C m×n)
///     C = Aᵀ B         (A k×m, B k×n, C m×n)
///
/// [#ejml(int)] uses EJML's products (its multi-threaded ones for more than one thread); the
/// vectorised kernel of `fast/` is the fast one.
public interface Products {

    /// C = A B, overwriting C (its shape must be A.numRows × B.numCols).
    void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);

    /// C = Aᵀ B, overwriting C (its shape must be A.numCols × B.numCols).
    void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);

    /// A short description for printing: "EJML, 1 thread".
    String name();

    /// EJML's products on `threads` threads (EJML's thread count is shared by the whole program).
    static Products ejml(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the number of threads must be at least 1, but was " + threads);
        }
        if (threads > 1) {
            EjmlConcurrency.setMaxThreads(threads);
        }
        return new Products() {
            @Override
            public void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
                if (threads > 1) {
                    CommonOps_MT_DDRM.mult(A, B, C);
                } else {
                    CommonOps_DDRM.mult(A, B, C);
                }
            }

            @Override
            public void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
                if (threads > 1) {
                    CommonOps_MT_DDRM.multTransA(A, B, C);
                } else {
                    CommonOps_DDRM.multTransA(A, B, C);
                }
            }

            @Override
            public String name() {
                return "EJML, " + threads + (threads == 1 ? " thread" : " threads");
            }
        };
    }
}

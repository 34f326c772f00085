package ch06;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/// A dense (fully connected) layer: each of its nOut outputs is a weighted sum of all nIn inputs
/// plus a bias. For a batch of m examples, one per row,
///
///     Z = X Wᵀ + 1 bᵀ          z_ij = Σ_k x_ik w_jk + b_j
///
/// Shapes: X m×nIn, W nOut×nIn (row j holds the weights of output j, as in chapter 1's w),
/// b 1×nOut, Z m×nOut. (1 is a column of m ones: every example gets the same bias.)
///
/// The backward pass gets dZ = ∂C/∂Z (m×nOut) and applies the chain rule to z_ij:
///
///     ∂C/∂W = dZᵀ X        (nOut×nIn: the shape of W)
///     ∂C/∂b = 1ᵀ dZ        (1×nOut: each column of dZ summed over the batch)
///     ∂C/∂X = dZ W         (m×nIn: handed to the layer below)
///
/// The sums over the batch come from the parameters being shared by all m examples; any 1/m of a
/// mean cost is already inside dZ.
public final class Dense implements Layer {

    /// W, nOut×nIn, and b, 1×nOut.
    private final DMatrixRMaj W;
    private final DMatrixRMaj b;

    /// ∂C/∂W (nOut×nIn) and ∂C/∂b (1×nOut) of the last backward pass.
    private final DMatrixRMaj dW;
    private final DMatrixRMaj db;

    /// The input of the last forward pass (m×nIn), kept for ∂C/∂W = dZᵀ X.
    private DMatrixRMaj X;

    /// A layer with weights and biases drawn uniformly from (−1/√nIn, 1/√nIn), PyTorch's default
    /// for `nn.Linear`, using `random` (seed it for runs that repeat).
    public Dense(int nIn, int nOut, Random random) {
        this(uniform(nOut, nIn, nIn, random), uniform(1, nOut, nIn, random));
    }

    /// A layer with the given weights `W` (nOut×nIn) and biases `b` (1×nOut), copied.
    public Dense(DMatrixRMaj W, DMatrixRMaj b) {
        if (b.numRows != 1 || b.numCols != W.numRows) {
            throw new IllegalArgumentException("the bias b must be 1×" + W.numRows + " for weights W of shape "
                    + Shapes.of(W) + ", but it is " + Shapes.of(b));
        }
        this.W = W.copy();
        this.b = b.copy();
        this.dW = new DMatrixRMaj(W.numRows, W.numCols);
        this.db = new DMatrixRMaj(1, W.numRows);
    }

    /// Z = X Wᵀ + 1 bᵀ for `X` (m×nIn): a new m×nOut matrix.
    @Override
    public DMatrixRMaj forward(DMatrixRMaj X) {
        Shapes.requireCols(X, nIn(), "the input X");
        this.X = X;
        DMatrixRMaj Z = new DMatrixRMaj(X.numRows, nOut());
        CommonOps_DDRM.multTransB(X, W, Z);
        for (int i = 0; i < Z.numRows; i++) {
            for (int j = 0; j < Z.numCols; j++) {
                Z.add(i, j, b.get(0, j));
            }
        }
        return Z;
    }

    /// Given `dZ` = ∂C/∂Z (m×nOut), stores ∂C/∂W = dZᵀ X and ∂C/∂b = 1ᵀ dZ and returns
    /// ∂C/∂X = dZ W (a new m×nIn matrix).
    @Override
    public DMatrixRMaj backward(DMatrixRMaj dZ) {
        Shapes.requireForward(X, "Dense");
        if (dZ.numRows != X.numRows || dZ.numCols != nOut()) {
            throw new IllegalArgumentException("dZ = ∂C/∂Z must be " + X.numRows + "×" + nOut()
                    + " (one row per example of the last forward pass), but it is " + Shapes.of(dZ));
        }
        DMatrixRMaj dX = new DMatrixRMaj(X.numRows, nIn());
        // TODO(ch06-dense-backward): fill dW with dZᵀ X, db with the column sums of dZ, and dX with dZ W (about 8 lines; CommonOps_DDRM has multTransA, sumCols and mult).
        throw new UnsupportedOperationException("TODO(ch06-dense-backward) in exercises/ch06/Dense.java");
    }

    /// W1 and b1 style pairs of value and gradient: [W with ∂C/∂W, b with ∂C/∂b].
    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("W", W, dW), new Parameter("b", b, db));
    }

    /// The weights W (nOut×nIn), the layer's own matrix: changes to it change the layer.
    public DMatrixRMaj W() {
        return W;
    }

    /// The biases b (1×nOut), the layer's own matrix.
    public DMatrixRMaj b() {
        return b;
    }

    /// ∂C/∂W (nOut×nIn) of the last backward pass (zeros before the first).
    public DMatrixRMaj dW() {
        return dW;
    }

    /// ∂C/∂b (1×nOut) of the last backward pass (zeros before the first).
    public DMatrixRMaj db() {
        return db;
    }

    /// The number of inputs nIn.
    public int nIn() {
        return W.numCols;
    }

    /// The number of outputs nOut.
    public int nOut() {
        return W.numRows;
    }

    @Override
    public String toString() {
        return "Dense(" + nIn() + " → " + nOut() + ")";
    }

    /// A rows×cols matrix of draws from U(−1/√fanIn, 1/√fanIn).
    private static DMatrixRMaj uniform(int rows, int cols, int fanIn, Random random) {
        double bound = 1 / Math.sqrt(fanIn);
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < M.getNumElements(); i++) {
            M.data[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return M;
    }
}

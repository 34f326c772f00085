package ch08;

import ch06.Layer;
import ch06.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// Batch normalisation (Ioffe and Szegedy, 2015): a layer that makes every feature of a batch
/// have mean 0 and variance 1, then lets the network choose its own scale γ and shift β.
///
/// Shapes: X and Y are m×n, m examples (rows) of n features (columns); γ, β, μ and σ² are 1×n,
/// one entry per feature. The statistics of feature j are taken over the batch, down column j:
///
///     μ_j  = (1/m) Σ_i x_ij                        the mean of column j
///     σ²_j = (1/m) Σ_i (x_ij − μ_j)²               its variance, divided by m (not m − 1)
///     x̂_ij = (x_ij − μ_j) / √(σ²_j + ε)            mean 0, variance σ²_j/(σ²_j + ε) ≈ 1
///     y_ij = γ_j x̂_ij + β_j                        γ starts at 1, β at 0; ε = 1e-5
///
/// **Backward.** Take one column and drop j; write s = √(σ² + ε) and g_i = ∂C/∂y_i. Every y_i
/// depends on every x_k of the batch, through x̂_i but also through μ and σ², which all of
/// them share. The chain rule, one node at a time:
///
///     ∂C/∂β   = Σ_i g_i                                     (β is added to every row)
///     ∂C/∂γ   = Σ_i g_i x̂_i
///     ∂C/∂x̂_i = γ g_i
///     ∂C/∂σ²  = Σ_i ∂C/∂x̂_i · (x_i − μ) · (−½) s⁻³        = −(γ / 2s²) Σ_i g_i x̂_i
///     ∂C/∂μ   = Σ_i ∂C/∂x̂_i · (−1/s)  +  ∂C/∂σ² · (−2/m) Σ_i (x_i − μ)
///             = −(γ/s) Σ_i g_i                              (the second sum is 0)
///     ∂C/∂x_i = ∂C/∂x̂_i · 1/s  +  ∂C/∂σ² · 2(x_i − μ)/m  +  ∂C/∂μ · 1/m
///
/// and with (x_i − μ)/s = x̂_i the three terms collect into
///
///     ∂C/∂x_i = (γ/s) · (g_i − mean_k(g_k) − x̂_i · mean_k(g_k x̂_k))
///
/// The first term alone, γ g_i / s, is what we would get if μ and σ² were constants; the two
/// means take away the parts of g that only move the batch's mean or its spread, which the
/// normalisation undoes anyway. So every column of ∂C/∂X sums to 0.
///
/// **Training and inference.** In training mode (the default) `forward` normalises with the
/// batch's own μ and σ² and keeps running averages for later, as PyTorch's `BatchNorm1d` does
/// with momentum 0.1:
///
///     runningMean ← 0.9 · runningMean + 0.1 · μ
///     runningVar  ← 0.9 · runningVar  + 0.1 · σ² · m/(m − 1)     (the unbiased estimate)
///
/// After [#eval()], `forward` uses the running averages instead, so that one example's output no
/// longer depends on the others of its batch; `backward` needs a training-mode forward.
public final class BatchNorm implements Layer {

    /// ε: keeps the division finite when a feature is constant over the batch.
    public static final double EPSILON = 1e-5;

    /// The weight of the newest batch in the running averages.
    public static final double MOMENTUM = 0.1;

    /// The number of features n.
    private final int n;

    /// γ and β (1×n), with their gradients ∂C/∂γ and ∂C/∂β of the last backward pass (1×n).
    private final DMatrixRMaj gamma;
    private final DMatrixRMaj beta;
    private final DMatrixRMaj dGamma;
    private final DMatrixRMaj dBeta;

    /// The running averages of μ and of the unbiased σ² (1×n), used in inference mode.
    private final DMatrixRMaj runningMean;
    private final DMatrixRMaj runningVar;

    /// True in training mode (batch statistics), false in inference mode (running averages).
    private boolean training = true;

    /// The last training batch's μ and σ² (1×n), and x̂ (m×n): what the backward pass needs.
    private DMatrixRMaj mu;
    private DMatrixRMaj var;
    private DMatrixRMaj xHat;

    /// A batch-norm layer over `n` features with γ = 1, β = 0, running mean 0 and running
    /// variance 1, in training mode.
    public BatchNorm(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batch norm needs at least one feature, but n = " + n);
        }
        this.n = n;
        this.gamma = filled(n, 1);
        this.beta = new DMatrixRMaj(1, n);
        this.dGamma = new DMatrixRMaj(1, n);
        this.dBeta = new DMatrixRMaj(1, n);
        this.runningMean = new DMatrixRMaj(1, n);
        this.runningVar = filled(n, 1);
    }

    /// Y = γ ⊙ x̂ + β for the batch `X` (m×n): a new m×n matrix. In training mode x̂ uses the
    /// batch's μ and σ² (m ≥ 2) and the running averages are updated; in inference mode x̂ uses
    /// the running averages.
    @Override
    public DMatrixRMaj forward(DMatrixRMaj X) {
        if (X.numCols != n) {
            throw new IllegalArgumentException("the input X has " + X.numCols + " columns (it is " + X.numRows
                    + "×" + X.numCols + ") but this batch norm normalises " + n + " features");
        }
        if (!training) {
            return normalize(X, runningMean, runningVar);
        }
        if (X.numRows < 2) {
            throw new IllegalArgumentException("batch norm in training mode needs at least 2 examples in the"
                    + " batch to estimate a variance, but X has " + X.numRows + " row; call eval() for single examples");
        }
        DMatrixRMaj Y = normalizeBatch(X);
        updateRunningAverages(X.numRows);
        return Y;
    }

    /// The training-mode forward pass: fills μ and σ² (1×n) with each column's mean and variance
    /// over the m rows (dividing by m), x̂ (m×n) with (x − μ)/√(σ² + ε), and returns
    /// Y = γ ⊙ x̂ + β (m×n).
    private DMatrixRMaj normalizeBatch(DMatrixRMaj X) {
        int m = X.numRows;
        mu = new DMatrixRMaj(1, n);
        var = new DMatrixRMaj(1, n);
        xHat = new DMatrixRMaj(m, n);
        // TODO(ch08-batchnorm-forward): fill mu and var with each column's mean and variance (1/m), xHat with (x − μ)/√(σ² + ε), and return Y = γ ⊙ x̂ + β (about 20 lines).
        throw new UnsupportedOperationException("TODO(ch08-batchnorm-forward) in exercises/ch08/BatchNorm.java");
    }

    /// Given `dY` = ∂C/∂Y (m×n) for the last training-mode forward pass, stores ∂C/∂γ and ∂C/∂β
    /// (1×n) and returns ∂C/∂X = (γ/√(σ² + ε)) ⊙ (dY − mean_i(dY) − x̂ ⊙ mean_i(dY ⊙ x̂)), a new
    /// m×n matrix (the means are over the rows of each column, as in the class comment).
    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        if (xHat == null) {
            throw new IllegalStateException("BatchNorm.backward was called before a training-mode forward: run"
                    + " forward on the batch first (in training mode), it keeps what backward needs");
        }
        int m = xHat.numRows;
        if (dY.numRows != m || dY.numCols != n) {
            throw new IllegalArgumentException("dY = ∂C/∂Y must be " + m + "×" + n + " (the shape of the last"
                    + " forward pass's output), but it is " + dY.numRows + "×" + dY.numCols);
        }
        DMatrixRMaj dX = new DMatrixRMaj(m, n);
        // TODO(ch08-batchnorm-backward): fill dGamma and dBeta with the column sums of dY ⊙ x̂ and of dY, then dX by the formula above, through μ and σ² (about 20 lines).
        throw new UnsupportedOperationException("TODO(ch08-batchnorm-backward) in exercises/ch08/BatchNorm.java");
    }

    /// [gamma with ∂C/∂γ, beta with ∂C/∂β], both 1×n: the layer's own matrices.
    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("gamma", gamma, dGamma), new Parameter("beta", beta, dBeta));
    }

    /// Inference mode: `forward` normalises with the running averages from now on.
    public BatchNorm eval() {
        training = false;
        return this;
    }

    /// Training mode (the default): `forward` normalises with the batch's own statistics.
    public BatchNorm train() {
        training = true;
        return this;
    }

    /// Whether the layer is in training mode.
    public boolean training() {
        return training;
    }

    /// γ (1×n), the layer's own matrix: changes to it change the layer.
    public DMatrixRMaj gamma() {
        return gamma;
    }

    /// β (1×n), the layer's own matrix.
    public DMatrixRMaj beta() {
        return beta;
    }

    /// ∂C/∂γ (1×n) of the last backward pass.
    public DMatrixRMaj dGamma() {
        return dGamma;
    }

    /// ∂C/∂β (1×n) of the last backward pass.
    public DMatrixRMaj dBeta() {
        return dBeta;
    }

    /// μ of the last training batch (1×n), null before the first.
    public DMatrixRMaj mean() {
        return mu;
    }

    /// σ² of the last training batch (1×n, divided by m), null before the first.
    public DMatrixRMaj variance() {
        return var;
    }

    /// The running average of μ (1×n).
    public DMatrixRMaj runningMean() {
        return runningMean;
    }

    /// The running average of the unbiased σ² · m/(m − 1) (1×n).
    public DMatrixRMaj runningVariance() {
        return runningVar;
    }

    @Override
    public String toString() {
        return "BatchNorm(" + n + ")";
    }

    /// Moves the running averages 10 % of the way to this batch's μ and unbiased σ².
    private void updateRunningAverages(int m) {
        for (int j = 0; j < n; j++) {
            runningMean.set(0, j, (1 - MOMENTUM) * runningMean.get(0, j) + MOMENTUM * mu.get(0, j));
            double unbiased = var.get(0, j) * m / (m - 1);
            runningVar.set(0, j, (1 - MOMENTUM) * runningVar.get(0, j) + MOMENTUM * unbiased);
        }
    }

    /// γ ⊙ (X − mean)/√(variance + ε) + β with the given statistics (1×n): a new m×n matrix.
    private DMatrixRMaj normalize(DMatrixRMaj X, DMatrixRMaj mean, DMatrixRMaj variance) {
        DMatrixRMaj Y = new DMatrixRMaj(X.numRows, n);
        for (int i = 0; i < X.numRows; i++) {
            for (int j = 0; j < n; j++) {
                double x = (X.get(i, j) - mean.get(0, j)) / Math.sqrt(variance.get(0, j) + EPSILON);
                Y.set(i, j, gamma.get(0, j) * x + beta.get(0, j));
            }
        }
        return Y;
    }

    /// A 1×n matrix with every entry `value`.
    private static DMatrixRMaj filled(int n, double value) {
        DMatrixRMaj M = new DMatrixRMaj(1, n);
        M.fill(value);
        return M;
    }
}

//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import ch09.Mlp;
import fast.MatMul.Out;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/// Chapter 9's multilayer perceptron in float32, organised for speed: the same network and the
/// same equations as `ch09.Mlp`,
///
///     Zˡ = Aˡ⁻¹ Wˡᵀ + 1 bˡᵀ,   Aˡ = ReLU(Zˡ) (l < L),   P = softmax(Zᴸ)
///     δᴸ = (P − Y)/m,   ∂C/∂Wˡ = δˡᵀ Aˡ⁻¹,   ∂C/∂bˡ = 1ᵀ δˡ,   δˡ⁻¹ = (δˡ Wˡ) ⊙ 1[Aˡ⁻¹ > 0]
///
/// with four changes that make a training step three to four times faster on one core (the
/// "What made it fast" in docs/speed.md measures each):
///
/// 1. **float32**: a vector register holds twice as many floats as doubles.
/// 2. **[MatMul]'s kernel** for every product, with the bias and the ReLU (forward) or the ReLU
///    mask (backward) applied to each tile as it leaves the registers.
/// 3. **Layouts made for the kernel**: each Wˡᵀ (nˡ⁻¹×nˡ) is stored in [MatMul]'s panels, and so is
///    its gradient, so the weights are never transposed or packed; widths are padded with zeros
///    to whole tiles (10 classes become 16 columns, 32 with AVX-512, whose weights stay 0 and
///    whose probabilities are 0). Every buffer is allocated once.
/// 4. **Threads**: a [Team] shares the work of each phase among the threads, in units: the
///    panels of a layer (the columns of Wˡᵀ) for the hidden layers' forward pass, the gradients
///    and the update, so that each core keeps its share of the weights, their gradients and the
///    optimizer's state in its own cache; blocks of [#BLOCK] rows of the batch (examples) for
///    copying the batch in, the output layer, the softmax and the δs. A thread that finishes
///    early takes units another has not started, and the team runs fewer threads when waiting
///    costs more than they bring (a busy machine). Every number is computed by one thread in a
///    fixed order, whichever thread it is, and the cost is summed block by block in order: any
///    number of threads gives the same weights and the same cost, bit for bit.
///
/// A step is five kinds of phases:
///
///     copy (by blocks of rows):  A⁰ ← X, and A⁰'s quads for the gradients
///     hidden (one per hidden layer, by panels):  Aˡ = ReLU(Aˡ⁻¹ Wˡᵀ + 1 bˡᵀ)
///     rows (by blocks of rows):  Zᴸ, softmax, δᴸ, every δˡ⁻¹; pack Aˡ⁻¹ and δˡ for the gradients
///     gradients (by panels):  ∂C/∂Wˡ = δˡᵀ Aˡ⁻¹ and ∂C/∂bˡ = 1ᵀ δˡ
///     update (by panels, the same ones):  the [FloatOptimizer] on every parameter
///
/// [#loss] runs the first three, [#backward] and [#step] the last two; [#backwardAndStep], which
/// the trainer uses, runs the last two as one phase, panel by panel.
///
/// Shapes: nˡ are the layer sizes, Nˡ the padded ones, m the batch size and M = m rounded up to a
/// multiple of 4 (the rows of a tile; extra rows are zero inputs with δ = 0).
public final class FloatMlp {

    /// Rows of the batch per unit of the phases by rows: two 4-row tiles.
    static final int BLOCK = 2 * MatMul.ROWS;

    /// n⁰ … nᴸ and their padded widths N⁰ … Nᴸ.
    private final int[] n, N;

    /// Wˡᵀ (Nˡ⁻¹×Nˡ, panels) and bˡ (Nˡ) and their gradients, for l = 1 … L at index l − 1.
    private final float[][] W, b, dW, db;

    /// Wˡ (Nˡ×Nˡ⁻¹, panels) for the backward product δˡ Wˡ, for l = 2 … L at index l − 1.
    private final float[][] Wback;

    private final Team team;

    /// The batch: m examples, M rows. A[0] = X, A[l] = Aˡ (M×Nˡ, rows), A[L] = P.
    private int m, M;
    private float[][] A;

    /// δˡ (M×Nˡ, rows) at index l − 1; the same packed as panels (δp) and Aˡ⁻¹ᵀ as quads (Aq).
    private float[][] delta, deltaPanels, Aq;

    /// The examples and labels of the batch, and each block's summed cost.
    private float[][] X;
    private int[] labels;
    private double[] costs;

    /// The panels of every layer, one after the other, as the units that the threads share in the
    /// backward phases: unit u is panel unitPanel[u] of layer unitLayer[u].
    private final int[] unitLayer, unitPanel;

    /// The hidden layer being computed (l + 1 in the equations).
    private int layer;

    /// The phases, each doing one unit at a time, made once.
    private final Team.Job copy = new Team.Job("copy", u -> copyRows(from(u), to(u))),
            copyAndPack = new Team.Job("copy", u -> copyAndPack(from(u), to(u))),
            hidden = new Team.Job("hidden", this::hiddenPanel),
            training = new Team.Job("rows", this::trainingRows),
            inference = new Team.Job("rows", this::inferenceRows),
            gradients = new Team.Job("backward", this::gradientPanel),
            update = new Team.Job("update", this::updatePanel),
            gradientsThenUpdate = new Team.Job("backward", this::gradientThenUpdatePanel);

    private FloatOptimizer optimizer;

    /// A float32 copy of `net` (its weights rounded to float) that computes on `threads` threads.
    public FloatMlp(Mlp net, int threads) {
        n = net.sizes();
        int L = n.length - 1;
        N = new int[L + 1];
        for (int l = 0; l <= L; l++) {
            N[l] = MatMul.padded(n[l]);
        }
        W = new float[L][];
        b = new float[L][];
        dW = new float[L][];
        db = new float[L][];
        Wback = new float[L][];
        for (int l = 0; l < L; l++) {
            W[l] = new float[N[l] * N[l + 1]];
            dW[l] = new float[N[l] * N[l + 1]];
            Wback[l] = l > 0 ? new float[N[l] * N[l + 1]] : null;
            b[l] = new float[N[l + 1]];
            db[l] = new float[N[l + 1]];
            DMatrixRMaj w = net.W(l + 1), bias = net.b(l + 1);
            for (int o = 0; o < n[l + 1]; o++) {
                b[l][o] = (float) bias.data[o];
                for (int i = 0; i < n[l]; i++) {
                    // Wᵀ(i, o) = W(o, i)
                    W[l][MatMul.panelIndex(i, o, N[l])] = (float) w.unsafe_get(o, i);
                }
            }
        }
        int panels = 0;
        for (int l = 0; l < L; l++) {
            panels += N[l + 1] / MatMul.W;
        }
        unitLayer = new int[panels];
        unitPanel = new int[panels];
        for (int l = 0, u = 0; l < L; l++) {
            for (int j = 0; j < N[l + 1] / MatMul.W; j++, u++) {
                unitLayer[u] = l;
                unitPanel[u] = j;
            }
        }
        team = new Team(threads);
        reserve(MatMul.ROWS);
        for (int l = 1; l < L; l++) {
            transposeWeights(l, 0, N[l + 1]);
        }
    }

    /// The mean cross-entropy cost C = −(1/m) Σ_i log P_i,y_i of the batch formed by the first m
    /// rows of `X` (each of n⁰ numbers) with these `labels` (at least m), remembering what
    /// [#backward] needs. The rows are copied: they may change afterwards.
    public double loss(float[][] X, int m, int[] labels) {
        this.labels = labels;
        input(X, m);
        team.run(copyAndPack, blocks());
        forwardHidden();
        team.run(training, blocks());
        double sum = 0;
        for (int u = 0; u < blocks(); u++) {
            sum += costs[u];
        }
        return sum / m;
    }

    /// The backward pass after [#loss]: every ∂C/∂Wˡ and ∂C/∂bˡ (δˡ was computed with the forward pass).
    public void backward() {
        requireForward();
        team.run(gradients, unitLayer.length);
    }

    /// One update of every parameter by `optimizer` with the gradients of the last [#backward].
    public void step(FloatOptimizer optimizer) {
        updateWith(optimizer, update);
    }

    /// [#backward] and [#step] in one phase instead of two: each thread updates its units' weights
    /// as soon as it has their gradients, while they are in its cache, and the threads wait for
    /// each other once less per training step. The result is the same, bit for bit.
    public void backwardAndStep(FloatOptimizer optimizer) {
        requireForward();
        updateWith(optimizer, gradientsThenUpdate);
    }

    private void requireForward() {
        if (labels == null) {
            throw new IllegalStateException("backward needs a forward pass first: call loss(X, m, labels)");
        }
    }

    /// Counts the optimizer's step and runs `phase`, which updates with it.
    private void updateWith(FloatOptimizer optimizer, Team.Job phase) {
        optimizer.count(this);
        this.optimizer = optimizer;
        team.run(phase, unitLayer.length);
    }

    /// The predicted class of the first m rows of `X`: the largest probability, the first on a tie.
    public void predict(float[][] X, int m, int[] predicted) {
        this.labels = null;
        input(X, m);
        team.run(copy, blocks());
        forwardHidden();
        team.run(inference, blocks());
        float[] P = A[A.length - 1];
        int K = n[n.length - 1], width = N[N.length - 1];
        for (int i = 0; i < m; i++) {
            int best = 0;
            for (int k = 1; k < K; k++) {
                if (P[i * width + k] > P[i * width + best]) {
                    best = k;
                }
            }
            predicted[i] = best;
        }
    }

    /// The parameters W1, b1, W2, b2, … as flat arrays (W in panels, padded), for [FloatOptimizer].
    List<float[]> values() {
        List<float[]> all = new ArrayList<>();
        for (int l = 0; l < W.length; l++) {
            all.add(W[l]);
            all.add(b[l]);
        }
        return all;
    }

    /// Wˡ (nˡ×nˡ⁻¹) for l = 1 … L, as doubles.
    public DMatrixRMaj W(int l) {
        return unpack(W[l - 1], l);
    }

    /// bˡ (1×nˡ) for l = 1 … L, as doubles.
    public DMatrixRMaj b(int l) {
        return row(b[l - 1], n[l]);
    }

    /// ∂C/∂Wˡ (nˡ×nˡ⁻¹) of the last [#backward], as doubles.
    public DMatrixRMaj dW(int l) {
        return unpack(dW[l - 1], l);
    }

    /// ∂C/∂bˡ (1×nˡ) of the last [#backward], as doubles.
    public DMatrixRMaj db(int l) {
        return row(db[l - 1], n[l]);
    }

    /// A float64 `ch09.Mlp` with these weights: to save, evaluate or continue in double precision.
    public Mlp toMlp() {
        List<DMatrixRMaj> weights = new ArrayList<>(), biases = new ArrayList<>();
        for (int l = 1; l < n.length; l++) {
            weights.add(W(l));
            biases.add(b(l));
        }
        return new Mlp(weights, biases);
    }

    /// Whether this JVM has the vector module (`--add-modules jdk.incubator.vector`) the kernel needs.
    public static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /// "float32 kernel (16 floats per vector), 2 threads".
    public String describe() {
        return "float32 kernel (" + MatMul.L + " floats per vector), " + team.size()
                + (team.size() == 1 ? " thread" : " threads");
    }

    /// How the threads have done so far: each phase's share of the time and of waiting, and how
    /// often each number of threads ran ([Team#report]).
    public String threadReport() {
        return team.report(copyAndPack, hidden, training, gradientsThenUpdate);
    }

    /// Runs `threads` threads from now on, instead of choosing as it goes (for tests and measurements).
    public void fixThreads(int threads) {
        team.fix(threads);
    }

    /// Checks the batch of m rows of X and grows the buffers when M is larger than ever.
    private void input(float[][] X, int m) {
        if (m < 1 || m > X.length) {
            throw new IllegalArgumentException("a batch needs between 1 and " + X.length + " examples, got " + m);
        }
        for (int i = 0; i < m; i++) {
            if (X[i].length != n[0]) {
                throw new IllegalArgumentException("example " + i + " has " + X[i].length
                        + " numbers but the network's first layer takes " + n[0]);
            }
        }
        this.X = X;
        this.m = m;
        reserve(m);
    }

    /// Rows `from` … `to` − 1 of A[0] ← those of X, zero rows past m (and zero columns past n⁰).
    private void copyRows(int from, int to) {
        for (int i = from; i < to; i++) {
            if (i < m) {
                System.arraycopy(X[i], 0, A[0], i * N[0], n[0]);
            } else {
                Arrays.fill(A[0], i * N[0], (i + 1) * N[0], 0f);
            }
        }
    }

    /// [#copyRows], then the same rows packed as quads for [#gradientPanel], while they are in the cache.
    private void copyAndPack(int from, int to) {
        copyRows(from, to);
        MatMul.quads(A[0], N[0], M, N[0], Aq[0], from, to);
    }

    /// The hidden layers' phases, one after the other (each needs all of the layer below).
    private void forwardHidden() {
        for (layer = 0; layer < W.length - 1; layer++) {
            team.run(hidden, N[layer + 1] / MatMul.W);
        }
    }

    /// Panel j of phase "hidden": the units j·W … (j + 1)·W − 1 of hidden layer `layer` (l + 1 in
    /// the equations), for every example: Aˡ = ReLU(Aˡ⁻¹ Wˡᵀ + 1 bˡᵀ).
    private void hiddenPanel(int j) {
        product(layer, Out.BIAS_RELU, 0, M, j * MatMul.W, (j + 1) * MatMul.W);
    }

    /// Rows `from` … `to` − 1 and units `left` … `right` − 1 of layer l + 1 (in the equations):
    /// Aˡ⁺¹ = out(Aˡ Wˡ⁺¹ᵀ + 1 bˡ⁺¹ᵀ).
    private void product(int l, Out out, int from, int to, int left, int right) {
        MatMul.mult(A[l], N[l], N[l], W[l], N[l + 1], A[l + 1], out, b[l], from, to, left, right);
    }

    /// The blocks of rows of the batch: M / [#BLOCK], rounded up.
    private int blocks() {
        return (M + BLOCK - 1) / BLOCK;
    }

    /// The first row of block u.
    private static int from(int u) {
        return u * BLOCK;
    }

    /// The row after block u: the end of the batch's M rows for the last block.
    private int to(int u) {
        return Math.min(M, (u + 1) * BLOCK);
    }

    /// Block u of phase "inference": its rows through the output layer: P.
    private void inferenceRows(int u) {
        int from = from(u), to = to(u), L = W.length;
        // Zᴸ = Aᴸ⁻¹ Wᴸᵀ + 1 bᴸᵀ
        product(L - 1, Out.BIAS, from, to, 0, N[L]);
        float[] Z = A[L];
        for (int i = from; i < to; i++) {
            softmax(Z, i * N[L]);
        }
    }

    /// Block u of phase "training": its rows through the output layer, their cost, every δ, and
    /// the packing of Aˡ⁻¹ and δˡ for [#gradientPanel].
    private void trainingRows(int u) {
        int from = from(u), to = to(u), L = W.length;
        // Zᴸ = Aᴸ⁻¹ Wᴸᵀ + 1 bᴸᵀ
        product(L - 1, Out.BIAS, from, to, 0, N[L]);
        costs[u] = crossEntropy(from, to);
        for (int l = L - 1; l >= 0; l--) {
            if (l > 0) {
                // δˡ⁻¹ = (δˡ Wˡ) ⊙ 1[Aˡ⁻¹ > 0]
                MatMul.mult(delta[l], N[l + 1], N[l + 1], Wback[l], N[l], delta[l - 1], Out.MASK, A[l], from, to);
                // (A⁰'s quads were packed with the copy)
                MatMul.quads(A[l], N[l], M, N[l], Aq[l], from, to);
            }
            MatMul.panels(delta[l], N[l + 1], M, N[l + 1], deltaPanels[l], from, to);
        }
    }

    /// Rows `from` … `to` − 1: P = softmax(Zᴸ) in place and δᴸ = (P − Y)/m (0 past the m
    /// examples); returns the rows' summed cost −Σ log P_i,y_i.
    private double crossEntropy(int from, int to) {
        float[] Z = A[A.length - 1], d = delta[delta.length - 1];
        int width = N[N.length - 1];
        double cost = 0;
        for (int i = from; i < to; i++) {
            int row = i * width;
            if (i >= m) {
                Arrays.fill(d, row, row + width, 0f);
                continue;
            }
            float zy = Z[row + labels[i]];
            // −log P_iy = log Σ_j e^(z_ij) − z_iy
            cost += softmax(Z, row) - zy;
            for (int k = 0; k < width; k++) {
                // δᴸ = (P − Y)/m
                d[row + k] = (Z[row + k] - (k == labels[i] ? 1f : 0f)) / m;
            }
        }
        return cost;
    }

    /// The row of Zᴸ from `row` ← its softmax (0 in the padding), in place; returns log Σ_j e^(z_j),
    /// computed as max + log Σ_j e^(z_j − max) so that nothing overflows.
    private double softmax(float[] Z, int row) {
        int K = n[n.length - 1], width = N[N.length - 1];
        float max = Z[row];
        for (int k = 1; k < K; k++) {
            max = Math.max(max, Z[row + k]);
        }
        double total = 0;
        for (int k = 0; k < K; k++) {
            Z[row + k] = (float) Math.exp(Z[row + k] - max);
            total += Z[row + k];
        }
        for (int k = 0; k < width; k++) {
            Z[row + k] = k < K ? (float) (Z[row + k] / total) : 0f;
        }
        return max + Math.log(total);
    }

    /// Unit u of phase "gradients": its panel's columns of ∂C/∂Wˡᵀ and entries of ∂C/∂bˡ.
    private void gradientPanel(int u) {
        int l = unitLayer[u], j = unitPanel[u] * MatMul.W;
        // ∂C/∂Wˡᵀ = (Aˡ⁻¹)ᵀ δˡ  (Nˡ⁻¹×Nˡ, panels like Wˡᵀ)
        MatMul.multTransA(Aq[l], N[l], M, deltaPanels[l], N[l + 1], dW[l], 0, N[l], j, j + MatMul.W);
        // ∂C/∂bˡ = 1ᵀ δˡ
        MatMul.columnSums(delta[l], m, N[l + 1], db[l], j, j + MatMul.W);
    }

    /// Unit u of phase "update": its panel's units by the optimizer, the floats from j·Nˡ⁻¹ to
    /// (j + W)·Nˡ⁻¹ of Wˡᵀ for the panel starting at unit j, then their rows of Wback.
    private void updatePanel(int u) {
        int l = unitLayer[u], j = unitPanel[u] * MatMul.W;
        optimizer.update(W[l], dW[l], j * N[l], (j + MatMul.W) * N[l]);
        optimizer.update(b[l], db[l], j, j + MatMul.W);
        transposeWeights(l, j, j + MatMul.W);
    }

    /// Unit u of phase "gradients, then update": its gradient, then its update, while the panel is
    /// still in the cache.
    private void gradientThenUpdatePanel(int u) {
        gradientPanel(u);
        updatePanel(u);
    }

    /// Rows `left` … `right` − 1 of Wback[l] ← Wˡ⁺¹ (Nˡ⁺¹×Nˡ, panels; l + 1 in the equations), from
    /// Wˡ⁺¹ᵀ in panels: the units just updated, by the thread that updated them. Nothing for l = 0.
    private void transposeWeights(int l, int left, int right) {
        if (l == 0) {
            return;
        }
        for (int i = 0; i < N[l]; i++) {
            for (int o = left; o < right; o++) {
                Wback[l][MatMul.panelIndex(o, i, N[l + 1])] = W[l][MatMul.panelIndex(i, o, N[l])];
            }
        }
    }

    /// The buffers for batches of up to `m` examples, M = m rounded up to a multiple of 4.
    private void reserve(int m) {
        M = (m + MatMul.ROWS - 1) / MatMul.ROWS * MatMul.ROWS;
        if (A != null && A[0].length >= M * N[0]) {
            return;
        }
        int L = W.length;
        A = new float[L + 1][];
        delta = new float[L][];
        deltaPanels = new float[L][];
        Aq = new float[L][];
        for (int l = 0; l <= L; l++) {
            A[l] = new float[M * N[l]];
        }
        costs = new double[blocks()];
        for (int l = 0; l < L; l++) {
            delta[l] = new float[M * N[l + 1]];
            deltaPanels[l] = new float[M * N[l + 1]];
            Aq[l] = new float[M * N[l]];
        }
    }

    /// The nˡ×nˡ⁻¹ matrix Wˡ from Wˡᵀ in panels (`w`, or its gradient).
    private DMatrixRMaj unpack(float[] w, int l) {
        DMatrixRMaj out = new DMatrixRMaj(n[l], n[l - 1]);
        for (int o = 0; o < n[l]; o++) {
            for (int i = 0; i < n[l - 1]; i++) {
                out.unsafe_set(o, i, w[MatMul.panelIndex(i, o, N[l - 1])]);
            }
        }
        return out;
    }

    private static DMatrixRMaj row(float[] v, int length) {
        DMatrixRMaj out = new DMatrixRMaj(1, length);
        for (int j = 0; j < length; j++) {
            out.data[j] = v[j];
        }
        return out;
    }
}

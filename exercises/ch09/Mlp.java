package ch09;

import bp.Products;
import ch06.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/// A multilayer perceptron that classifies: dense layers with ReLU between them and softmax with
/// cross-entropy at the end, the network of chapter 6 sized for MNIST (784-128-10 by default).
///
/// With layer sizes n₀ (the inputs), n₁, …, n_L (the classes) and a batch of m examples, one per row:
///
///     A⁰ = X                                  (m×n₀)
///     Zˡ = Aˡ⁻¹ Wˡᵀ + 1 bˡᵀ                     (m×nˡ; Wˡ is nˡ×nˡ⁻¹, bˡ is 1×nˡ)
///     Aˡ = ReLU(Zˡ)            for l < L
///     P  = softmax(Zᴸ)                        (m×n_L: each row sums to 1)
///
/// and backward, from the cost C = −(1/m) Σ_i log P_i,y_i (chapter 6's four equations):
///
///     δᴸ = (P − Y)/m                          (m×n_L)
///     ∂C/∂Wˡ = δˡᵀ Aˡ⁻¹,   ∂C/∂bˡ = 1ᵀ δˡ      (the shapes of Wˡ and bˡ)
///     δˡ⁻¹ = (δˡ Wˡ) ⊙ 1[Aˡ⁻¹ > 0]             (ReLU'(z) = 1[z > 0] = 1[a > 0])
///
/// It is the same arithmetic as chapter 6's `Dense` and `ReLU` layers, organised for speed: every
/// matrix of a batch is allocated once and reused for the next batch (a batch of another size
/// reshapes them without allocating when it is smaller), the ReLU is applied in place, and the
/// first layer computes no δ⁰, since nothing below it learns; the products are done by a
/// [Products], EJML's by default or a faster kernel. The parameters are exposed as
/// chapter 6's `Parameter`s, so chapter 7's optimizers update them.
public final class Mlp {

    /// n₀, n₁, …, n_L.
    private final int[] sizes;

    /// Wˡ (nˡ×nˡ⁻¹), bˡ (1×nˡ) and their gradients, for l = 1 … L at index l − 1.
    private final DMatrixRMaj[] W, b, dW, db;

    /// Wˡᵀ (nˡ⁻¹×nˡ), refreshed at every forward pass: EJML multiplies A·(Wᵀ) about twice as fast as
    /// it computes A·Wᵀ from W directly.
    private final DMatrixRMaj[] Wt;

    /// The activations of the last batch: A[0] is X (m×n₀), A[l] = Aˡ (m×nˡ), A[L] holds P.
    private final DMatrixRMaj[] A;

    /// δˡ for l = 1 … L at index l − 1 (m×nˡ).
    private final DMatrixRMaj[] delta;

    /// The labels of the last batch given to [#loss], for [#backward].
    private int[] labels;

    /// Who computes the matrix products (EJML unless told otherwise, see [#products(Products)]).
    private Products products = Products.ejml(1);

    /// A network with the given layer sizes (n₀, …, n_L, at least two) and He-normal weights
    /// Wˡ ~ N(0, 2/nˡ⁻¹) and zero biases, drawn from `random`: the initialisation of chapter 8
    /// that keeps ReLU activations at a steady scale.
    public Mlp(int[] sizes, Random random) {
        this(sizes, heNormal(sizes, random), zeroBiases(sizes));
    }

    /// A network with the given weights Wˡ (nˡ×nˡ⁻¹) and biases bˡ (1×nˡ), l = 1 … L, copied.
    public Mlp(List<DMatrixRMaj> weights, List<DMatrixRMaj> biases) {
        this(sizesOf(weights, biases), weights.toArray(DMatrixRMaj[]::new), biases.toArray(DMatrixRMaj[]::new));
    }

    private Mlp(int[] sizes, DMatrixRMaj[] weights, DMatrixRMaj[] biases) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output layer, got sizes "
                    + Arrays.toString(sizes));
        }
        int L = sizes.length - 1;
        this.sizes = sizes.clone();
        W = new DMatrixRMaj[L];
        b = new DMatrixRMaj[L];
        dW = new DMatrixRMaj[L];
        db = new DMatrixRMaj[L];
        Wt = new DMatrixRMaj[L];
        delta = new DMatrixRMaj[L];
        A = new DMatrixRMaj[L + 1];
        for (int l = 0; l < L; l++) {
            W[l] = weights[l].copy();
            b[l] = biases[l].copy();
            dW[l] = new DMatrixRMaj(sizes[l + 1], sizes[l]);
            db[l] = new DMatrixRMaj(1, sizes[l + 1]);
            Wt[l] = new DMatrixRMaj(sizes[l], sizes[l + 1]);
            delta[l] = new DMatrixRMaj(0, sizes[l + 1]);
            A[l + 1] = new DMatrixRMaj(0, sizes[l + 1]);
        }
    }

    /// The class probabilities P = softmax(Zᴸ) for the batch `X` (m×n₀): an m×n_L matrix owned by
    /// the network and overwritten by the next call (copy it to keep it). Use [#loss] to train.
    public DMatrixRMaj probabilities(DMatrixRMaj X) {
        DMatrixRMaj Z = logits(X);
        SoftmaxCrossEntropy.softmax(Z, Z);
        return Z;
    }

    /// The forward pass for training: computes P for the batch `X` (m×n₀) and returns the mean
    /// cross-entropy cost C = −(1/m) Σ_i log P_i,y_i for its `labels` (length m), remembering what
    /// [#backward] needs. `X` must not change before [#backward].
    public double loss(DMatrixRMaj X, int[] labels) {
        DMatrixRMaj Z = logits(X);
        this.labels = labels;
        return SoftmaxCrossEntropy.forward(Z, labels, Z);
    }

    /// Backpropagation after [#loss]: fills every ∂C/∂Wˡ and ∂C/∂bˡ (see [#parameters()]).
    public void backward() {
        if (labels == null) {
            throw new IllegalStateException("backward needs a forward pass first: call loss(X, labels)");
        }
        int L = W.length;
        DMatrixRMaj P = A[L];
        delta[L - 1].reshape(P.numRows, P.numCols);
        // TODO(ch09-backward): δᴸ = (P − Y)/m with SoftmaxCrossEntropy.gradient; then for l = L … 1: dWˡ = δˡᵀ Aˡ⁻¹, dbˡ = column sums of δˡ, and for l > 1 δˡ⁻¹ = (δˡ Wˡ) ⊙ 1[Aˡ⁻¹ > 0] (about 15 lines; index l − 1 in the arrays; products.multTransA(A, B, C) computes C = Aᵀ B and products.mult(A, B, C) C = A B).
        throw new UnsupportedOperationException("TODO(ch09-backward) in exercises/ch09/Mlp.java");
    }

    /// Computes the matrix products with `products` from now on: EJML's (the default) or the
    /// vectorised kernel of `fast/`, on one thread or more. The arithmetic stays the same.
    public void products(Products products) {
        this.products = products;
    }

    /// W1, b1, W2, b2, …: every weight and bias matrix with its gradient of the last [#backward],
    /// the network's own matrices (an optimizer changes them in place).
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (int l = 0; l < W.length; l++) {
            all.add(new Parameter("W" + (l + 1), W[l], dW[l]));
            all.add(new Parameter("b" + (l + 1), b[l], db[l]));
        }
        return all;
    }

    /// The layer sizes n₀, n₁, …, n_L.
    public int[] sizes() {
        return sizes.clone();
    }

    /// Wˡ (nˡ×nˡ⁻¹) for l = 1 … L, the network's own matrix.
    public DMatrixRMaj W(int l) {
        return W[l - 1];
    }

    /// bˡ (1×nˡ) for l = 1 … L, the network's own matrix.
    public DMatrixRMaj b(int l) {
        return b[l - 1];
    }

    /// The number of weights and biases.
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < W.length; l++) {
            n += (long) W[l].getNumElements() + b[l].getNumElements();
        }
        return n;
    }

    /// "784-128-10": the layer sizes.
    @Override
    public String toString() {
        return name(sizes);
    }

    /// "784-128-10" for the layer sizes {784, 128, 10}.
    public static String name(int[] sizes) {
        StringBuilder text = new StringBuilder();
        for (int n : sizes) {
            text.append(text.isEmpty() ? "" : "-").append(n);
        }
        return text.toString();
    }

    /// Zᴸ for the batch `X`, leaving Aˡ for every hidden layer in A[l]; returns A[L] holding Zᴸ.
    private DMatrixRMaj logits(DMatrixRMaj X) {
        if (X.numCols != sizes[0]) {
            throw new IllegalArgumentException("the input has " + X.numCols + " columns but the network's first layer takes "
                    + sizes[0]);
        }
        A[0] = X;
        int L = W.length;
        for (int l = 0; l < L; l++) {
            DMatrixRMaj Z = A[l + 1];
            Z.reshape(X.numRows, sizes[l + 1]);
            // Zˡ = Aˡ⁻¹ Wˡᵀ + 1 bˡᵀ
            CommonOps_DDRM.transpose(W[l], Wt[l]);
            products.mult(A[l], Wt[l], Z);
            addBiasThenReLU(Z, b[l], l < L - 1);
        }
        return A[L];
    }

    /// Z ← Z + 1 bᵀ, then Z ← max(0, Z) in place when `relu`.
    private static void addBiasThenReLU(DMatrixRMaj Z, DMatrixRMaj b, boolean relu) {
        int n = Z.numCols;
        for (int i = 0; i < Z.numRows; i++) {
            for (int j = 0; j < n; j++) {
                double z = Z.data[i * n + j] + b.data[j];
                Z.data[i * n + j] = relu ? Math.max(0, z) : z;
            }
        }
    }

    private static DMatrixRMaj[] heNormal(int[] sizes, Random random) {
        DMatrixRMaj[] weights = new DMatrixRMaj[sizes.length - 1];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = new DMatrixRMaj(sizes[l + 1], sizes[l]);
            // Wˡ ~ N(0, 2/nˡ⁻¹): standard deviation √(2/fan-in)
            double std = Math.sqrt(2.0 / sizes[l]);
            for (int i = 0; i < weights[l].getNumElements(); i++) {
                weights[l].data[i] = std * random.nextGaussian();
            }
        }
        return weights;
    }

    private static DMatrixRMaj[] zeroBiases(int[] sizes) {
        DMatrixRMaj[] biases = new DMatrixRMaj[sizes.length - 1];
        for (int l = 0; l < biases.length; l++) {
            biases[l] = new DMatrixRMaj(1, sizes[l + 1]);
        }
        return biases;
    }

    /// n₀ … n_L read off the shapes, checking that consecutive layers fit together.
    private static int[] sizesOf(List<DMatrixRMaj> weights, List<DMatrixRMaj> biases) {
        if (weights.isEmpty() || weights.size() != biases.size()) {
            throw new IllegalArgumentException("a network needs as many bias vectors as weight matrices, and at least one: got "
                    + weights.size() + " and " + biases.size());
        }
        int[] sizes = new int[weights.size() + 1];
        sizes[0] = weights.getFirst().numCols;
        for (int l = 0; l < weights.size(); l++) {
            DMatrixRMaj w = weights.get(l), bias = biases.get(l);
            if (w.numCols != sizes[l] || bias.numRows != 1 || bias.numCols != w.numRows) {
                throw new IllegalArgumentException("layer " + (l + 1) + " does not fit: W is " + w.numRows + "×" + w.numCols
                        + " after a layer of " + sizes[l] + ", b is " + bias.numRows + "×" + bias.numCols);
            }
            sizes[l + 1] = w.numRows;
        }
        return sizes;
    }
}

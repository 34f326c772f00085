package ch08;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/// How to draw the first weights of a deep network so that signals neither die nor blow up.
///
/// A unit of a dense layer computes z = Σ_k w_k x_k over its nIn inputs. With independent
/// weights of mean 0 and variance Var(w), and inputs of mean 0,
///
///     Var(z) = nIn · Var(w) · E[x²]
///
/// so each layer multiplies the size of the signal by nIn · Var(w) (times what the activation
/// does to it). The backward pass does the same with nOut: ∂C/∂x_k = Σ_j w_jk ∂C/∂z_j sums over
/// the nOut outputs. Keeping both near 1 gives the two classical rules, both Gaussian here:
///
/// | rule                     | Var(w)            | made for               |
/// |--------------------------|-------------------|------------------------|
/// | Xavier (Glorot) normal   | 2 / (nIn + nOut)  | tanh, sigmoid, linear  |
/// | He (Kaiming) normal      | 2 / nIn           | ReLU                   |
///
/// Xavier is the compromise between nIn · Var(w) = 1 (forward) and nOut · Var(w) = 1 (backward).
/// He doubles the forward rule because ReLU sets half of its inputs to zero: for z symmetric
/// around 0, E[ReLU(z)²] = Var(z) / 2, and the 2 puts the lost half back.
///
/// Careful: these are **variances**. `Random.nextGaussian()` draws from N(0, 1), so a weight with
/// variance v is `std · random.nextGaussian()` with the standard deviation std = √v.
///
/// Shapes: every method returns W as an nOut×nIn matrix, the orientation of [ch06.Dense] (row j
/// holds the weights of output j), so a layer is `new ch06.Dense(W, new DMatrixRMaj(1, nOut))`
/// (biases start at 0).
public final class Init {

    private Init() {}

    /// Xavier (Glorot) normal: W (nOut×nIn) with every entry drawn from N(0, 2 / (nIn + nOut)),
    /// using `random` (the same seed gives the same matrix).
    ///
    /// Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward neural
    /// networks"; PyTorch's `nn.init.xavier_normal_`.
    public static DMatrixRMaj xavier(int nIn, int nOut, Random random) {
        requirePositive(nIn, nOut);
        // TODO(ch08-xavier): an nOut×nIn matrix of draws from N(0, 2/(nIn + nOut)); normal(...) below may help, read what it takes (about 2 lines).
        throw new UnsupportedOperationException("TODO(ch08-xavier) in exercises/ch08/Init.java");
    }

    /// He (Kaiming) normal: W (nOut×nIn) with every entry drawn from N(0, 2 / nIn), using
    /// `random`: the fan-in nIn only, the number of inputs of each unit.
    ///
    /// He, Zhang, Ren and Sun (2015), "Delving deep into rectifiers"; PyTorch's
    /// `nn.init.kaiming_normal_(w, nonlinearity="relu")` with its default mode "fan_in".
    public static DMatrixRMaj he(int nIn, int nOut, Random random) {
        requirePositive(nIn, nOut);
        // TODO(ch08-he): an nOut×nIn matrix of draws from N(0, 2/nIn); normal(...) below may help, read what it takes (about 2 lines).
        throw new UnsupportedOperationException("TODO(ch08-he) in exercises/ch08/Init.java");
    }

    /// W (nOut×nIn) with every entry drawn from N(0, std²), the standard deviation `std` given
    /// (for example 0.01 for "too small", 1 for "too large"), using `random`, row after row.
    public static DMatrixRMaj normal(int nIn, int nOut, double std, Random random) {
        requirePositive(nIn, nOut);
        DMatrixRMaj W = new DMatrixRMaj(nOut, nIn);
        for (int i = 0; i < W.getNumElements(); i++) {
            W.data[i] = std * random.nextGaussian();
        }
        return W;
    }

    private static void requirePositive(int nIn, int nOut) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, but nIn = "
                    + nIn + " and nOut = " + nOut);
        }
    }
}

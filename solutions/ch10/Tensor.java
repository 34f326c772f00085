package ch10;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/// [Value] for whole matrices: a matrix that remembers how it was computed, with a gradient of
/// the same shape. Just enough operations for a dense layer, an activation and the mean squared
/// error, so that chapter 6's networks train on it:
///
///     Z = X Wᵀ + 1 bᵀ   is   X.matmul(W.transpose()).addRow(b)
///     C = mean((A − Y)²) is   E = A.sub(Y);  E.mul(E).mean()
///
/// Shapes (one example per row, as in chapter 6): X m×nIn, W nOut×nIn, b 1×nOut, Z m×nOut, C 1×1.
/// The local rules are chapter 6's equations, one operation at a time (G = ∂C/∂out, the
/// gradient of the result, the shape of the result):
///
/// | operation        | forward             | backward: add to the inputs' gradients        |
/// |------------------|---------------------|-----------------------------------------------|
/// | `A.matmul(B)`    | A B  (m×k · k×n)    | ∂C/∂A += G Bᵀ,  ∂C/∂B += Aᵀ G                 |
/// | `A.transpose()`  | Aᵀ                  | ∂C/∂A += Gᵀ                                   |
/// | `Z.addRow(b)`    | Z + 1 bᵀ (b is 1×n) | ∂C/∂Z += G,  ∂C/∂b += 1ᵀ G (column sums)       |
/// | `A.sub(B)`       | A − B               | ∂C/∂A += G,  ∂C/∂B −= G                       |
/// | `A.mul(B)`       | A ⊙ B (entrywise)   | ∂C/∂A += G ⊙ B,  ∂C/∂B += G ⊙ A               |
/// | `A.mean()`       | (1/N) Σ aᵢⱼ, 1×1    | ∂C/∂aᵢⱼ += G / N  (N = number of entries)     |
/// | `Z.relu()`, `Z.sigmoid()`, `Z.tanh()` | f(Z) entrywise | ∂C/∂Z += G ⊙ f'(Z)             |
///
/// The bias b is used by every row of Z: that is a reused node, and its gradient is the sum of
/// what each row sends back, the column sums of G (chapter 6's BP4).
public final class Tensor implements Node {

    private final DMatrixRMaj data;
    private final DMatrixRMaj grad;
    private final List<Tensor> inputs;
    private final String op;
    private final Consumer<Tensor> rule;

    /// A leaf holding `data` itself (not a copy: a parameter updated in place stays this leaf).
    public Tensor(DMatrixRMaj data) {
        this(data, List.of(), "", out -> {});
    }

    private Tensor(DMatrixRMaj data, List<Tensor> inputs, String op, Consumer<Tensor> rule) {
        this.data = data;
        this.grad = new DMatrixRMaj(data.numRows, data.numCols);
        this.inputs = inputs;
        this.op = op;
        this.rule = rule;
    }

    private static Tensor result(DMatrixRMaj data, String op, Consumer<Tensor> rule, Tensor... inputs) {
        return new Tensor(data, List.of(inputs), op, rule);
    }

    /// The matrix product A B of this m×k matrix A and a k×n matrix B: m×n.
    public Tensor matmul(Tensor B) {
        Tensor A = this;
        if (A.data.numCols != B.data.numRows) {
            throw new IllegalArgumentException("matmul: A is " + shape(A.data) + " and B is " + shape(B.data)
                    + ", so A's columns do not match B's rows");
        }
        DMatrixRMaj product = new DMatrixRMaj(A.data.numRows, B.data.numCols);
        CommonOps_DDRM.mult(A.data, B.data, product);
        return result(product, "matmul", out -> {
            // BEGIN SOLUTION ch10-matmul: add G Bᵀ to A's gradient and Aᵀ G to B's, with G = out's gradient (2 lines; CommonOps_DDRM.multAddTransB and multAddTransA add a product to their last argument).
            // ∂C/∂a_ik = Σ_j g_ij b_kj: G Bᵀ, added (A may be used elsewhere too)
            CommonOps_DDRM.multAddTransB(out.grad, B.data, A.grad);
            // ∂C/∂b_kj = Σ_i a_ik g_ij: Aᵀ G
            CommonOps_DDRM.multAddTransA(A.data, out.grad, B.grad);
            // END SOLUTION
        }, A, B);
    }

    /// Aᵀ: n×m for this m×n matrix.
    public Tensor transpose() {
        Tensor A = this;
        return result(CommonOps_DDRM.transpose(A.data, null), "ᵀ", out -> {
            // ∂C/∂a_ij = g_ji
            for (int i = 0; i < A.data.numRows; i++) {
                for (int j = 0; j < A.data.numCols; j++) {
                    A.grad.add(i, j, out.grad.get(j, i));
                }
            }
        }, A);
    }

    /// Z + 1 bᵀ: the row `b` (1×n) added to every row of this m×n matrix Z, as a bias is.
    public Tensor addRow(Tensor b) {
        Tensor Z = this;
        if (b.data.numRows != 1 || b.data.numCols != Z.data.numCols) {
            throw new IllegalArgumentException("addRow: b must be 1×" + Z.data.numCols + " for Z of shape "
                    + shape(Z.data) + ", but it is " + shape(b.data));
        }
        DMatrixRMaj sum = Z.data.copy();
        for (int i = 0; i < sum.numRows; i++) {
            for (int j = 0; j < sum.numCols; j++) {
                sum.add(i, j, b.data.get(0, j));
            }
        }
        return result(sum, "+ 1bᵀ", out -> {
            // BEGIN SOLUTION ch10-add-row: Z gets G itself; b, used by every row, gets the column sums of G (about 6 lines).
            for (int i = 0; i < out.grad.numRows; i++) {
                for (int j = 0; j < out.grad.numCols; j++) {
                    // ∂C/∂z_ij = g_ij
                    Z.grad.add(i, j, out.grad.get(i, j));
                    // ∂C/∂b_j = Σ_i g_ij: b reaches C through every row
                    b.grad.add(0, j, out.grad.get(i, j));
                }
            }
            // END SOLUTION
        }, Z, b);
    }

    /// A − B, entry by entry (same shapes).
    public Tensor sub(Tensor B) {
        Tensor A = this;
        requireSame(A, B, "sub");
        DMatrixRMaj difference = new DMatrixRMaj(A.data.numRows, A.data.numCols);
        CommonOps_DDRM.subtract(A.data, B.data, difference);
        return result(difference, "−", out -> {
            CommonOps_DDRM.addEquals(A.grad, out.grad);
            CommonOps_DDRM.subtractEquals(B.grad, out.grad);
        }, A, B);
    }

    /// A ⊙ B, entry by entry (same shapes); `E.mul(E)` squares every entry.
    public Tensor mul(Tensor B) {
        Tensor A = this;
        requireSame(A, B, "mul");
        DMatrixRMaj product = new DMatrixRMaj(A.data.numRows, A.data.numCols);
        CommonOps_DDRM.elementMult(A.data, B.data, product);
        return result(product, "⊙", out -> {
            for (int i = 0; i < product.getNumElements(); i++) {
                // ∂(a·b)/∂a = b and ∂(a·b)/∂b = a, entry by entry; both shares reach A when B is A
                A.grad.data[i] += out.grad.data[i] * B.data.data[i];
                B.grad.data[i] += out.grad.data[i] * A.data.data[i];
            }
        }, A, B);
    }

    /// The mean of all N = m·n entries, as a 1×1 matrix.
    public Tensor mean() {
        Tensor A = this;
        int N = A.data.getNumElements();
        DMatrixRMaj mean = new DMatrixRMaj(1, 1);
        mean.set(0, 0, CommonOps_DDRM.elementSum(A.data) / N);
        return result(mean, "mean", out -> {
            // ∂C/∂a_ij = g / N for every entry
            for (int i = 0; i < N; i++) {
                A.grad.data[i] += out.grad.data[0] / N;
            }
        }, A);
    }

    /// max(0, Z) entry by entry; the slope is 1 where z > 0 and 0 where z ≤ 0.
    public Tensor relu() {
        return entrywise("ReLU", z -> Math.max(0, z), (z, a) -> z > 0 ? 1 : 0);
    }

    /// σ(Z) entry by entry; the slope is a(1 − a).
    public Tensor sigmoid() {
        return entrywise("σ", ch01.Activations::sigmoid, (z, a) -> a * (1 - a));
    }

    /// tanh(Z) entry by entry; the slope is 1 − a².
    public Tensor tanh() {
        return entrywise("tanh", Math::tanh, (z, a) -> 1 - a * a);
    }

    /// The slope f'(z) of an activation, from its input z or its output a = f(z).
    private interface Slope {
        double at(double z, double a);
    }

    /// f applied to every entry, with the rule ∂C/∂z += g · f'(z).
    private Tensor entrywise(String op, DoubleUnaryOperator f, Slope slope) {
        Tensor Z = this;
        DMatrixRMaj A = new DMatrixRMaj(Z.data.numRows, Z.data.numCols);
        for (int i = 0; i < A.getNumElements(); i++) {
            A.data[i] = f.applyAsDouble(Z.data.data[i]);
        }
        return result(A, op, out -> {
            for (int i = 0; i < A.getNumElements(); i++) {
                Z.grad.data[i] += out.grad.data[i] * slope.at(Z.data.data[i], A.data[i]);
            }
        }, Z);
    }

    /// The backward pass from this 1×1 node C (a cost): every node of the graph gets a zero
    /// gradient, then ∂C/∂C = 1, then the local rules run from C back to the leaves. Afterwards
    /// `grad()` of every node U is ∂C/∂U, the shape of U.
    public void backward() {
        if (data.numRows != 1 || data.numCols != 1) {
            throw new IllegalStateException("backward needs a 1×1 result (a cost such as mean()), but this is "
                    + shape(data));
        }
        List<Node> order = Topo.order(this);
        order.forEach(Node::zeroGrad);
        // ∂C/∂C = 1
        grad.set(0, 0, 1);
        Topo.propagate(order);
    }

    @Override
    public List<Tensor> inputs() {
        return inputs;
    }

    @Override
    public void propagate() {
        rule.accept(this);
    }

    @Override
    public void zeroGrad() {
        grad.zero();
    }

    /// The forward value (the node's own matrix: changing it changes a leaf in place).
    public DMatrixRMaj data() {
        return data;
    }

    /// ∂C/∂(this node) after `C.backward()`, the shape of `data()`; zeros before.
    public DMatrixRMaj grad() {
        return grad;
    }

    /// The operation that made this node ("matmul", "ReLU", ...), empty for a leaf.
    public String op() {
        return op;
    }

    @Override
    public String toString() {
        return "Tensor(" + (op.isEmpty() ? "leaf" : op) + ", " + shape(data) + ")";
    }

    private static void requireSame(Tensor A, Tensor B, String op) {
        if (A.data.numRows != B.data.numRows || A.data.numCols != B.data.numCols) {
            throw new IllegalArgumentException(op + ": the shapes " + shape(A.data) + " and " + shape(B.data)
                    + " must be equal");
        }
    }

    private static String shape(DMatrixRMaj M) {
        return M.numRows + "×" + M.numCols;
    }
}

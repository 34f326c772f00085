package ch10;

import java.util.List;
import java.util.function.Consumer;

/// A number that remembers how it was computed, so that `backward()` can find the gradient of
/// it with respect to every number it came from: the scalar heart of PyTorch's autograd
/// (after Karpathy's micrograd).
///
/// Every operation returns a new `Value` holding the forward result (`data`), its inputs, and
/// its local backward rule. For out = f(u, v) the rule is one line of the chain rule per input:
///
///     ∂C/∂u += ∂C/∂out · ∂f/∂u          ∂C/∂v += ∂C/∂out · ∂f/∂v
///
/// | operation       | forward      | local slopes                                  |
/// |-----------------|--------------|-----------------------------------------------|
/// | `a.add(b)`      | a + b        | ∂/∂a = 1, ∂/∂b = 1                            |
/// | `a.sub(b)`      | a − b        | ∂/∂a = 1, ∂/∂b = −1                           |
/// | `a.mul(b)`      | a · b        | ∂/∂a = b, ∂/∂b = a                            |
/// | `a.div(b)`      | a / b        | ∂/∂a = 1/b, ∂/∂b = −a/b²                      |
/// | `a.pow(n)`      | aⁿ           | n·aⁿ⁻¹  (n a fixed number, not a node)        |
/// | `a.exp()`       | eᵃ           | eᵃ, the output itself                         |
/// | `a.log()`       | ln a         | 1/a                                           |
/// | `a.tanh()`      | tanh a       | 1 − tanh² a = 1 − out²                        |
/// | `a.sigmoid()`   | σ(a)         | σ(a)(1 − σ(a)) = out(1 − out)                 |
/// | `a.relu()`      | max(0, a)    | 1 for a > 0, 0 for a ≤ 0 (chapter 2's choice) |
///
/// `C.backward()` sets ∂C/∂C = 1 and runs the rules from C back to the leaves ([Topo]); then
/// `grad()` of every node is ∂C/∂node. Unlike PyTorch, which adds to the gradients of the leaves
/// on every call until `zero_grad()`, each `backward()` here starts every node of the graph from 0.
public final class Value implements Node {

    private final double data;
    private double grad;
    private final List<Value> inputs;
    private final String op;
    private final Consumer<Value> rule;
    private String label;

    /// A leaf: an input or a parameter, with a name for printing and pictures ("w1").
    public Value(double data, String label) {
        this(data, List.of(), "", out -> {}, label);
    }

    /// A leaf without a name.
    public Value(double data) {
        this(data, "");
    }

    /// The result of operation `op` on `inputs`, whose local backward rule `rule` receives the
    /// result itself (its `grad` is ∂C/∂out when the rule runs).
    private Value(double data, List<Value> inputs, String op, Consumer<Value> rule, String label) {
        this.data = data;
        this.inputs = inputs;
        this.op = op;
        this.rule = rule;
        this.label = label;
    }

    private static Value result(double data, String op, Consumer<Value> rule, Value... inputs) {
        return new Value(data, List.of(inputs), op, rule, "");
    }

    /// a + b.
    public Value add(Value b) {
        Value a = this;
        return result(a.data + b.data, "+", out -> {
            // TODO(ch10-add): ∂(a + b)/∂a = 1 and ∂(a + b)/∂b = 1; add ∂C/∂out times each slope to a.grad and b.grad (2 lines).
            throw new UnsupportedOperationException("TODO(ch10-add) in exercises/ch10/Value.java");
        }, a, b);
    }

    /// a − b.
    public Value sub(Value b) {
        Value a = this;
        return result(a.data - b.data, "−", out -> {
            // TODO(ch10-sub): ∂(a − b)/∂a = 1 and ∂(a − b)/∂b = −1 (2 lines).
            throw new UnsupportedOperationException("TODO(ch10-sub) in exercises/ch10/Value.java");
        }, a, b);
    }

    /// a · b.
    public Value mul(Value b) {
        Value a = this;
        return result(a.data * b.data, "×", out -> {
            // TODO(ch10-mul): ∂(a·b)/∂a = b and ∂(a·b)/∂b = a; += so that a.mul(a) gets both shares (2 lines).
            throw new UnsupportedOperationException("TODO(ch10-mul) in exercises/ch10/Value.java");
        }, a, b);
    }

    /// a / b, for b ≠ 0.
    public Value div(Value b) {
        if (b.data == 0) {
            throw new ArithmeticException("division by zero: the divisor " + b.describe() + " is 0");
        }
        Value a = this;
        return result(a.data / b.data, "÷", out -> {
            // TODO(ch10-div): ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −a/b² (2 lines).
            throw new UnsupportedOperationException("TODO(ch10-div) in exercises/ch10/Value.java");
        }, a, b);
    }

    /// aⁿ for a fixed exponent `n` (a number, not a node: C = (a − y)² is `a.sub(y).pow(2)`).
    public Value pow(double n) {
        Value a = this;
        return result(Math.pow(a.data, n), "^" + format(n), out -> {
            // TODO(ch10-pow): ∂(aⁿ)/∂a = n·aⁿ⁻¹ (1 line).
            throw new UnsupportedOperationException("TODO(ch10-pow) in exercises/ch10/Value.java");
        }, a);
    }

    /// eᵃ.
    public Value exp() {
        Value a = this;
        return result(Math.exp(a.data), "exp", out -> {
            // TODO(ch10-exp): ∂(eᵃ)/∂a = eᵃ, which is out.data already (1 line).
            throw new UnsupportedOperationException("TODO(ch10-exp) in exercises/ch10/Value.java");
        }, a);
    }

    /// ln a, for a > 0.
    public Value log() {
        if (!(data > 0)) {
            throw new ArithmeticException("log needs a positive number, but " + describe() + " is " + data);
        }
        Value a = this;
        return result(Math.log(a.data), "log", out -> {
            // TODO(ch10-log): ∂(ln a)/∂a = 1/a (1 line).
            throw new UnsupportedOperationException("TODO(ch10-log) in exercises/ch10/Value.java");
        }, a);
    }

    /// tanh a.
    public Value tanh() {
        Value a = this;
        return result(Math.tanh(a.data), "tanh", out -> {
            // TODO(ch10-tanh): ∂(tanh a)/∂a = 1 − tanh² a = 1 − out² (1 line).
            throw new UnsupportedOperationException("TODO(ch10-tanh) in exercises/ch10/Value.java");
        }, a);
    }

    /// σ(a) = 1 / (1 + e⁻ᵃ), chapter 1's sigmoid (no overflow for large |a|).
    public Value sigmoid() {
        Value a = this;
        return result(ch01.Activations.sigmoid(a.data), "σ", out -> {
            // TODO(ch10-sigmoid): ∂σ(a)/∂a = σ(a)(1 − σ(a)) = out(1 − out) (1 line).
            throw new UnsupportedOperationException("TODO(ch10-sigmoid) in exercises/ch10/Value.java");
        }, a);
    }

    /// max(0, a).
    public Value relu() {
        Value a = this;
        return result(Math.max(0, a.data), "ReLU", out -> {
            // TODO(ch10-relu): ∂ReLU(a)/∂a = 1 for a > 0 and 0 for a ≤ 0 (about 3 lines).
            throw new UnsupportedOperationException("TODO(ch10-relu) in exercises/ch10/Value.java");
        }, a);
    }

    /// a + c for a constant c (a new leaf holding c).
    public Value add(double c) {
        return add(new Value(c));
    }

    /// a − c for a constant c.
    public Value sub(double c) {
        return sub(new Value(c));
    }

    /// a · c for a constant c.
    public Value mul(double c) {
        return mul(new Value(c));
    }

    /// a / c for a constant c ≠ 0.
    public Value div(double c) {
        return div(new Value(c));
    }

    /// The backward pass from this node C: every node of its graph gets grad 0, then ∂C/∂C = 1,
    /// then the local rules run from C back to the leaves. Afterwards `grad()` of every node u
    /// the graph holds is ∂C/∂u. This is what PyTorch's `loss.backward()` does.
    public void backward() {
        List<Node> order = Topo.order(this);
        order.forEach(Node::zeroGrad);
        // ∂C/∂C = 1: the seed of the chain rule
        grad = 1;
        Topo.propagate(order);
    }

    @Override
    public List<Value> inputs() {
        return inputs;
    }

    @Override
    public void propagate() {
        rule.accept(this);
    }

    @Override
    public void zeroGrad() {
        grad = 0;
    }

    /// The forward value.
    public double data() {
        return data;
    }

    /// ∂C/∂(this node) after `C.backward()`, 0 before.
    public double grad() {
        return grad;
    }

    /// Sets the gradient: the upstream ∂C/∂out a local rule ([#propagate()]) passes on.
    public void setGrad(double grad) {
        this.grad = grad;
    }

    /// The operation that made this node ("+", "×", "σ", "^2", ...), empty for a leaf.
    public String op() {
        return op;
    }

    /// The name given with the constructor or [#named(String)], empty when none.
    public String label() {
        return label;
    }

    /// Names this node ("z", "a", "C") for printing and pictures, and returns it.
    public Value named(String name) {
        this.label = name;
        return this;
    }

    @Override
    public String toString() {
        return "Value(" + describe() + ", data=" + data + ", grad=" + grad + ")";
    }

    /// "z" or "+" or "leaf": how a message names this node.
    private String describe() {
        return !label.isEmpty() ? label : !op.isEmpty() ? "(" + op + ")" : "leaf";
    }

    /// 2 for 2.0, 0.5 for 0.5.
    private static String format(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
    }
}

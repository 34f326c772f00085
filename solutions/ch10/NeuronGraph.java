package ch10;

/// The computation graph of chapter 4's neuron with its cost, built from [Value]s:
///
///     z = w·x + b = (w₁x₁ + w₂x₂ + ...) + b,    a = σ(z),    C = (a − y)²
///
/// The leaves are the weights w, the bias b, the inputs x and the target y; the named inner
/// nodes are z, a and C. After `C().backward()`, `w()[i].grad()` is ∂C/∂wᵢ and `b().grad()` is
/// ∂C/∂b: the numbers chapter 4 derived by hand, 2(a − y)·σ'(z)·xᵢ and 2(a − y)·σ'(z).
///
/// @param w the weights (leaves w1, w2, ...)
/// @param b the bias (leaf b)
/// @param x the inputs (leaves x1, x2, ...)
/// @param y the target (leaf y)
/// @param z the weighted input
/// @param a the activation σ(z)
/// @param C the cost (a − y)²
public record NeuronGraph(Value[] w, Value b, Value[] x, Value y, Value z, Value a, Value C) {

    /// The graph for weights `w`, bias `b`, one example `x` (the length of `w`) and target `y`.
    public static NeuronGraph of(double[] w, double b, double[] x, double y) {
        if (w.length == 0 || x.length != w.length) {
            throw new IllegalArgumentException("a neuron needs as many inputs as weights (at least one), but w has "
                    + w.length + " and x has " + x.length);
        }
        Value[] W = leaves("w", w);
        Value[] X = leaves("x", x);
        Value B = new Value(b, "b");
        Value Y = new Value(y, "y");
        Value z = weightedInput(W, B, X).named("z");
        Value a = z.sigmoid().named("a");
        Value C = a.sub(Y).pow(2).named("C");
        return new NeuronGraph(W, B, X, Y, z, a, C);
    }

    /// The mean cost C = (1/m) Σⱼ (σ(w·xⱼ + b) − yⱼ)² of a batch (`X` m×n, one example per row,
    /// `y` length m) as one graph over the leaves `w` and `b`, which every example reuses.
    public static Value batchCost(Value[] w, Value b, double[][] X, double[] y) {
        if (X.length == 0 || y.length != X.length) {
            throw new IllegalArgumentException("the batch needs at least one row and one target per row, but X has "
                    + X.length + " rows and y has " + y.length + " targets");
        }
        Value sum = null;
        for (int j = 0; j < X.length; j++) {
            Value a = weightedInput(w, b, leaves("x", X[j])).sigmoid();
            Value C = a.sub(y[j]).pow(2);
            sum = sum == null ? C : sum.add(C);
        }
        return sum.div(X.length).named("C");
    }

    /// w·x + b as ((w₁x₁ + w₂x₂) + ...) + b.
    private static Value weightedInput(Value[] w, Value b, Value[] x) {
        if (x.length != w.length) {
            throw new IllegalArgumentException("an example has " + x.length + " inputs but the neuron has "
                    + w.length + " weights");
        }
        Value sum = w[0].mul(x[0]);
        for (int i = 1; i < w.length; i++) {
            sum = sum.add(w[i].mul(x[i]));
        }
        return sum.add(b);
    }

    /// Leaves named `name`1, `name`2, ... holding `values`.
    public static Value[] leaves(String name, double[] values) {
        Value[] leaves = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            leaves[i] = new Value(values[i], name + (i + 1));
        }
        return leaves;
    }
}

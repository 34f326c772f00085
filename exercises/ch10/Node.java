package ch10;

import java.util.List;

/// A node of a computation graph: a number ([Value]) or a matrix ([Tensor]) that remembers the
/// nodes it was computed from and how to pass a gradient back to them.
///
/// The forward pass builds the graph: every operation makes a new node whose inputs are its
/// operands. The backward pass visits the nodes in reverse topological order ([Topo]) and calls
/// each one's [#propagate()], its local rule of the chain rule:
///
///     for every input u of the node out:   ∂C/∂u += ∂C/∂out · ∂out/∂u
///
/// The `+=` is the multivariate chain rule: a node used by several others (a reused node) gets
/// the sum of the gradients that flow back along each of its uses.
public interface Node {

    /// The nodes this one was computed from, in the order of the operation's operands; none for
    /// a leaf (an input or a parameter).
    List<? extends Node> inputs();

    /// The local backward rule: adds this node's gradient times the local slope ∂out/∂u to the
    /// gradient of each input u. Nothing for a leaf.
    void propagate();

    /// Sets this node's gradient to zero, before a backward pass.
    void zeroGrad();
}

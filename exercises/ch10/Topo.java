package ch10;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/// The two halves of `backward()`: an order of the graph's nodes in which every node comes after
/// the nodes it was computed from, and the local rules applied in the reverse of that order.
///
/// Why the order matters: a node may pass its gradient ∂C/∂out back only once that gradient is
/// complete, that is, once every node that uses it has passed back its share. In a topological
/// order the users of a node all come after it, so in the reverse order they all come before.
///
///     graph:  a ─┐                  one topological order:  a, b, d = a·b, e = d + a, C = e²
///                ├─ d = a·b ─┐      reverse:                C, e, d, b, a
///             b ─┘           ├─ e = d + a ── C = e²
///             a ─────────────┘      a is reused: ∂C/∂a = ∂C/∂d · b + ∂C/∂e · 1
public final class Topo {

    private Topo() {}

    /// Every node that `root` depends on, `root` included, each exactly once, in an order where
    /// every node comes after all of its [Node#inputs()]; `root` is last. Nodes that do not lead
    /// to `root` are not in it. Nodes are told apart by identity (`==`), not by their values: two
    /// leaves that both hold 2.0 are two nodes.
    ///
    /// The classic way is a depth-first search that adds a node after all of its inputs have been
    /// added (post-order), with a set of the nodes already visited so that a node reached along
    /// two paths is added once.
    public static List<Node> order(Node root) {
        // TODO(ch10-topological-order): a depth-first search from root that adds each node after its inputs, once (about 12 lines with a helper method).
        throw new UnsupportedOperationException("TODO(ch10-topological-order) in exercises/ch10/Topo.java");
    }

    /// The backward pass over `order` (a topological order, as [#order(Node)] gives, whose last
    /// node already holds its gradient): calls [Node#propagate()] on every node, from the last to
    /// the first, so that each node passes its gradient back only after all of its users did.
    public static void propagate(List<Node> order) {
        // TODO(ch10-propagate): call propagate() on every node of order, from the last to the first (about 3 lines).
        throw new UnsupportedOperationException("TODO(ch10-propagate) in exercises/ch10/Topo.java");
    }
}

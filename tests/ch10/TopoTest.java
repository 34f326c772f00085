package ch10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/// Graded tests of exercises ch10-topological-order and ch10-propagate, on made-up graphs
/// ([Made]) whose nodes have no arithmetic: the properties of a topological order are checked
/// directly (each node once, after its inputs, the root last, only the root's ancestors), the
/// ancestors found by a breadth-first search written here.
@Order(1)
@DisplayName("Topo")
class TopoTest {

    // ---- ch10-topological-order ----

    @Test
    @Order(1)
    @DisplayName("a leaf alone: order(leaf) is [leaf]")
    void leafAlone() {
        Made leaf = new Made("w", new ArrayList<>());
        List<Node> order = Topo.order(leaf);
        assertNotNull(order, "order(w) returned null");
        assertEquals(List.of(leaf), order, () -> "order(w) of a single leaf w should be [w] but was " + Made.names(order));
    }

    @Test
    @Order(2)
    @DisplayName("the diamond d = a·b, e = d + a, C = e²: each node once, after its inputs, C last (a is reached twice)")
    void diamond() {
        List<String> log = new ArrayList<>();
        Made a = new Made("a", log), b = new Made("b", log);
        Made d = new Made("d", log, a, b);
        Made e = new Made("e", log, d, a);
        Made C = new Made("C", log, e);
        List<Node> order = Topo.order(C);
        checkOrder(C, order, "the diamond C = e², e = d + a, d = a·b");
        assertEquals(5, order.size(), () -> "the diamond has the 5 nodes a, b, d, e, C but order(C) was " + Made.names(order));
    }

    @Test
    @Order(3)
    @DisplayName("seeded random graphs of 2 to 60 nodes, some nodes used many times, rooted anywhere: exactly the root's ancestors, each once, each after its inputs")
    void randomGraphs() {
        Random random = new Random(10);
        for (int trial = 0; trial < 200; trial++) {
            List<Made> nodes = randomGraph(random, 2 + random.nextInt(59));
            Made root = nodes.get(random.nextInt(nodes.size()));
            List<Node> order = Topo.order(root);
            checkOrder(root, order, "a random graph of " + nodes.size() + " nodes (trial " + trial + ", root " + root + ")");
        }
    }

    @Test
    @Order(4)
    @DisplayName("a chain of 2000 nodes (one after the other) is ordered from the first to the last")
    void longChain() {
        List<String> log = new ArrayList<>();
        List<Made> chain = new ArrayList<>(List.of(new Made("n0", log)));
        for (int k = 1; k < 2000; k++) {
            chain.add(new Made("n" + k, log, chain.get(k - 1)));
        }
        List<Node> order = Topo.order(chain.getLast());
        assertNotNull(order, "order(n1999) returned null");
        assertEquals(new ArrayList<Node>(chain), order, "a chain n0 → n1 → … → n1999 has only one topological order, n0 to n1999");
    }

    // ---- ch10-propagate ----

    @Test
    @Order(5)
    @DisplayName("propagate([a, b, d, e, C]) calls every node's propagate() once, from the last to the first: C, e, d, b, a")
    void propagateInReverse() {
        List<String> log = new ArrayList<>();
        Made a = new Made("a", log), b = new Made("b", log);
        Made d = new Made("d", log, a, b);
        Made e = new Made("e", log, d, a);
        Made C = new Made("C", log, e);
        Topo.propagate(List.of(a, b, d, e, C));
        List<String> expected = List.of("C", "e", "d", "b", "a");
        String hint = log.equals(List.of("a", "b", "d", "e", "C"))
                ? ": that is the forward order; a node may pass its gradient back only after every node that uses it did, so go from the last to the first"
                : log.size() == 4 ? ": one node was skipped; check the first and the last index of the loop"
                : log.size() > 5 ? ": a node was called more than once" : "";
        assertEquals(expected, log, "propagate([a, b, d, e, C]) should call C, e, d, b, a in this order but called "
                + log + hint);
    }

    @Test
    @Order(6)
    @DisplayName("propagate of an empty list calls nothing, and of one node calls it once")
    void propagateSmall() {
        List<String> log = new ArrayList<>();
        Topo.propagate(List.of());
        assertEquals(List.of(), log, "propagate([]) should call nothing");
        Topo.propagate(List.of(new Made("w", log)));
        assertEquals(List.of("w"), log, "propagate([w]) should call w.propagate() once but called " + log);
    }

    // ---- helpers ----

    /// Asserts that `order` is a topological order of the ancestors of `root`.
    private static void checkOrder(Made root, List<Node> order, String graph) {
        assertNotNull(order, "order(" + root + ") returned null for " + graph);
        Set<Node> ancestors = ancestors(root);
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            Node node = order.get(k);
            if (node == null) {
                fail("order(" + root + ") for " + graph + " contains null at position " + k);
            }
            Integer before = position.put(node, k);
            if (before != null) {
                fail("order(" + root + ") for " + graph + " has " + node + " twice, at positions " + before
                        + " and " + k + ": it is reached along two paths; keep a set of the visited nodes and add each once"
                        + " (backward would apply its rule twice and double its inputs' gradients)");
            }
            if (!ancestors.contains(node)) {
                fail("order(" + root + ") for " + graph + " contains " + node + ", which " + root + " does not depend on");
            }
        }
        for (Node node : ancestors) {
            assertTrue(position.containsKey(node), () -> "order(" + root + ") for " + graph + " misses " + node
                    + ", which " + root + " depends on: visit the inputs of every node, not only of the root; order was "
                    + Made.names(order));
        }
        for (Node node : order) {
            for (Node input : node.inputs()) {
                if (position.get(input) > position.get(node)) {
                    fail("order(" + root + ") for " + graph + " puts " + node + " at position " + position.get(node)
                            + " before its input " + input + " (position " + position.get(input) + "): add a node after all"
                            + " of its inputs (post-order), not before them; order was " + Made.names(order));
                }
            }
        }
        assertTrue(order.getLast() == root, () -> "the root " + root + " must be last in order(" + root + ") for "
                + graph + ", but the order was " + Made.names(order));
    }

    /// The root and every node it depends on, by a breadth-first search over the inputs.
    private static Set<Node> ancestors(Made root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (seen.add(node)) {
                todo.addAll(node.inputs());
            }
        }
        return seen;
    }

    /// `n` nodes, each with 0 to 3 inputs among the earlier nodes (the same input possibly twice,
    /// as in a·a); the first is always a leaf.
    private static List<Made> randomGraph(Random random, int n) {
        List<String> log = new ArrayList<>();
        List<Made> nodes = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int inputs = k == 0 ? 0 : random.nextInt(4);
            Made[] chosen = new Made[inputs];
            for (int i = 0; i < inputs; i++) {
                // half of the inputs come from the first three nodes, which are then used many times
                int pool = random.nextBoolean() ? Math.min(k, 3) : k;
                chosen[i] = nodes.get(random.nextInt(pool));
            }
            nodes.add(new Made("n" + k, log, chosen));
        }
        return nodes;
    }
}

package ch10;

import java.util.ArrayList;
import java.util.List;

/// A node of a made-up graph for the tests of [Topo]: a name, its inputs, and a shared log of
/// the [#propagate()] calls. It has no arithmetic, so the tests of the order do not depend on
/// any local rule of [Value] or [Tensor].
final class Made implements Node {

    final String name;
    private final List<Made> inputs;
    private final List<String> log;

    Made(String name, List<String> log, Made... inputs) {
        this.name = name;
        this.inputs = List.of(inputs);
        this.log = log;
    }

    @Override
    public List<Made> inputs() {
        return inputs;
    }

    @Override
    public void propagate() {
        log.add(name);
    }

    @Override
    public void zeroGrad() {}

    @Override
    public String toString() {
        return name;
    }

    /// The names of `nodes`, "[a, b, d]" (null entries as "null").
    static String names(List<? extends Node> nodes) {
        if (nodes == null) {
            return "null";
        }
        List<String> names = new ArrayList<>();
        for (Node node : nodes) {
            names.add(String.valueOf(node));
        }
        return names.toString();
    }
}

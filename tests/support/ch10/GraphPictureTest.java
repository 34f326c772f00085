package ch10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Tests of the pictures of a computation graph (not an exercise): the DOT text and the Java 2D
/// drawing of chapter 4's neuron, whose 13 nodes and 12 arrows are counted by hand:
/// leaves w1, x1, w2, x2, b, y; nodes w1·x1, w2·x2, their sum, z, a, a − y, C.
class GraphPictureTest {

    private static NeuronGraph neuron() {
        NeuronGraph g = NeuronGraph.of(new double[] {0.5, -0.3}, 0.1, new double[] {1, 2}, 1);
        g.C().backward();
        return g;
    }

    @Test
    @DisplayName("dot: one record per node with its value and gradient, one arrow per input, laid out left to right")
    void dotOfTheNeuron() {
        String dot = GraphPicture.dot(neuron().C());
        List<String> lines = dot.lines().toList();
        assertTrue(dot.startsWith("digraph computation {") && dot.strip().endsWith("}"), dot);
        assertTrue(dot.contains("rankdir=LR;"), "inputs on the left, the cost on the right");
        assertEquals(13, lines.stream().filter(l -> l.contains("[label=")).count(), dot);
        assertEquals(12, lines.stream().filter(l -> l.contains(" -> ")).count(), dot);
        // chapter 4's hand values: w1 = 0.5 with ∂C/∂w1 = −0.25, z = 0 with ∂C/∂z = −0.25, C = 0.25 with ∂C/∂C = 1
        assertTrue(dot.contains("label=\"w1|data 0.5000|grad -0.2500\""), dot);
        assertTrue(dot.contains("label=\"z (+)|data 0.0000|grad -0.2500\""), dot);
        assertTrue(dot.contains("label=\"C (^2)|data 0.2500|grad 1.0000\""), dot);
    }

    @Test
    @DisplayName("dot escapes the characters of a name that DOT's records treat specially")
    void dotEscapes() {
        Value odd = new Value(1, "{a|b}");
        String dot = GraphPicture.dot(odd.mul(odd));
        assertTrue(dot.contains("label=\"\\{a\\|b\\}|data 1.0000|grad 0.0000\""), dot);
        assertEquals(2, dot.lines().filter(l -> l.contains(" -> ")).count(), "a·a has two arrows from a: " + dot);
    }

    @Test
    @DisplayName("draw: the neuron's 7 columns side by side, with ink on a white page")
    void drawTheNeuron() {
        BufferedImage picture = GraphPicture.draw("the neuron", neuron().C());
        // columns: w, x | products | sum, b | z | a, y | a − y | C: 7 boxes of 150 px and 6 gaps of 46 px
        assertTrue(picture.getWidth() >= 7 * 150 + 6 * 46, "width " + picture.getWidth());
        // 4 rows (w1, x1, w2, x2) of 60 px with 3 gaps of 22 px
        assertTrue(picture.getHeight() >= 4 * 60 + 3 * 22, "height " + picture.getHeight());
        int ink = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                ink += (picture.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        assertTrue(ink > picture.getWidth() * picture.getHeight() / 20, "the picture is almost blank: " + ink + " pixels drawn");
    }

    @Test
    @DisplayName("a constant without a name shows as (constant)")
    void constantName() {
        Value c = new Value(2).mul(3);
        assertEquals("(constant)", GraphPicture.name(c.inputs().get(1)));
        assertEquals("×", GraphPicture.name(c));
    }
}

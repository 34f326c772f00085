package ch10;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The computation graph of a [Value] as a picture, every node with its forward value and its
/// gradient: as Graphviz DOT text ([#dot]) and drawn directly with Java 2D ([#draw]), for when
/// Graphviz is not installed.
///
/// Each node shows its name and operation ("z (+)"), `data` (the forward value) and `grad`
/// (∂C/∂node after `C.backward()`); an arrow goes from each input to the node computed from it.
public final class GraphPicture {

    private static final int MARGIN = 20, TITLE = 40, CAPTION = 34;
    private static final int BOX_WIDTH = 150, BOX_HEIGHT = 60, COLUMN_GAP = 46, ROW_GAP = 22;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font NAME_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color LEAF = new Color(235, 235, 235);
    private static final Color INNER = new Color(205, 228, 245);
    private static final Color GRAD = new Color(213, 94, 0);

    private GraphPicture() {}

    /// The graph of `root` in Graphviz's DOT language, laid out from left to right (inputs on the
    /// left, `root` on the right): `dot -Tpng graph.dot -o graph.png` draws it.
    public static String dot(Value root) {
        List<Node> order = Topo.order(root);
        Map<Node, Integer> index = indices(order);
        StringBuilder text = new StringBuilder("digraph computation {\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=record, style=filled, fontname=\"DejaVu Sans\", fontsize=12];\n");
        for (Node node : order) {
            Value v = (Value) node;
            text.append("  n").append(index.get(v)).append(" [label=\"").append(escape(name(v))).append('|')
                    .append(escape("data " + number(v.data()))).append('|').append(escape("grad " + number(v.grad())))
                    .append("\", fillcolor=\"").append(v.inputs().isEmpty() ? "#ebebeb" : "#cde4f5").append("\"];\n");
        }
        for (Node node : order) {
            for (Node input : node.inputs()) {
                text.append("  n").append(index.get(input)).append(" -> n").append(index.get(node)).append(";\n");
            }
        }
        return text.append("}\n").toString();
    }

    /// The graph of `root` drawn in columns from left to right: each inner node one column
    /// right of its furthest input, each leaf just left of the first node that uses it.
    public static BufferedImage draw(String title, Value root) {
        List<Node> order = Topo.order(root);
        int[] column = columns(order);
        int columns = 0;
        for (int c : column) {
            columns = Math.max(columns, c + 1);
        }
        List<List<Integer>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        for (int k = 0; k < order.size(); k++) {
            byColumn.get(column[k]).add(k);
        }
        int rows = byColumn.stream().mapToInt(List::size).max().orElse(1);
        int plotHeight = rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
        int width = Math.max(2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP, 720);
        BufferedImage picture = new BufferedImage(width, TITLE + plotHeight + CAPTION + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        g.drawString(title, MARGIN, 28);
        // the top-left corner of each node's box
        int[] x = new int[order.size()], y = new int[order.size()];
        for (int c = 0; c < columns; c++) {
            List<Integer> nodes = byColumn.get(c);
            int top = TITLE + MARGIN + (plotHeight - (nodes.size() * BOX_HEIGHT + (nodes.size() - 1) * ROW_GAP)) / 2;
            for (int r = 0; r < nodes.size(); r++) {
                x[nodes.get(r)] = MARGIN + c * (BOX_WIDTH + COLUMN_GAP);
                y[nodes.get(r)] = top + r * (BOX_HEIGHT + ROW_GAP);
            }
        }
        Map<Node, Integer> index = indices(order);
        g.setStroke(new BasicStroke(1.4f));
        for (int k = 0; k < order.size(); k++) {
            for (Node input : order.get(k).inputs()) {
                int i = index.get(input);
                arrow(g, x[i] + BOX_WIDTH, y[i] + BOX_HEIGHT / 2, x[k], y[k] + BOX_HEIGHT / 2);
            }
        }
        for (int k = 0; k < order.size(); k++) {
            box(g, (Value) order.get(k), x[k], y[k]);
        }
        g.setFont(TEXT_FONT);
        g.setColor(Color.DARK_GRAY);
        g.drawString("data: the forward pass, left to right.   grad = ∂C/∂node: the backward pass, right to left.",
                MARGIN, picture.getHeight() - MARGIN);
        g.dispose();
        return picture;
    }

    /// The column of each node of `order` (a topological order).
    private static int[] columns(List<Node> order) {
        Map<Node, Integer> index = indices(order);
        int[] column = new int[order.size()];
        for (int k = 0; k < order.size(); k++) {
            for (Node input : order.get(k).inputs()) {
                column[k] = Math.max(column[k], column[index.get(input)] + 1);
            }
        }
        for (int k = 0; k < order.size(); k++) {
            if (order.get(k).inputs().isEmpty()) {
                int firstUse = Integer.MAX_VALUE;
                for (int user = k + 1; user < order.size(); user++) {
                    if (order.get(user).inputs().contains(order.get(k))) {
                        firstUse = Math.min(firstUse, column[user]);
                    }
                }
                column[k] = firstUse == Integer.MAX_VALUE ? 0 : firstUse - 1;
            }
        }
        return column;
    }

    private static void box(Graphics2D g, Value v, int x, int y) {
        g.setColor(v.inputs().isEmpty() ? LEAF : INNER);
        g.fillRoundRect(x, y, BOX_WIDTH, BOX_HEIGHT, 12, 12);
        g.setColor(Color.GRAY);
        g.drawRoundRect(x, y, BOX_WIDTH, BOX_HEIGHT, 12, 12);
        g.setColor(Color.BLACK);
        g.setFont(NAME_FONT);
        g.drawString(name(v), x + 10, y + 18);
        g.setFont(TEXT_FONT);
        g.drawString("data " + number(v.data()), x + 10, y + 36);
        g.setColor(GRAD);
        g.drawString("grad " + number(v.grad()), x + 10, y + 53);
    }

    private static void arrow(Graphics2D g, int x0, int y0, int x1, int y1) {
        g.setColor(Color.GRAY);
        g.drawLine(x0, y0, x1, y1);
        double angle = Math.atan2(y1 - y0, x1 - x0);
        Path2D head = new Path2D.Double();
        head.moveTo(x1, y1);
        head.lineTo(x1 - 10 * Math.cos(angle - 0.35), y1 - 10 * Math.sin(angle - 0.35));
        head.lineTo(x1 - 10 * Math.cos(angle + 0.35), y1 - 10 * Math.sin(angle + 0.35));
        head.closePath();
        g.fill(head);
    }

    /// "w1" for a named leaf, "z (+)" for a named inner node, "×" for an unnamed one.
    static String name(Value v) {
        if (v.label().isEmpty()) {
            return v.op().isEmpty() ? "(constant)" : v.op();
        }
        return v.op().isEmpty() ? v.label() : v.label() + " (" + v.op() + ")";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /// Escapes the characters that DOT's record labels treat specially.
    private static String escape(String text) {
        return text.replaceAll("([{}|<>\"\\\\])", "\\\\$1");
    }

    private static Map<Node, Integer> indices(List<Node> order) {
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            index.put(order.get(k), k);
        }
        return index;
    }
}

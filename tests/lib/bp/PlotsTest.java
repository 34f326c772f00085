package bp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;

@DisplayName("Plots")
class PlotsTest {

    @Test
    @DisplayName("a line chart carries its title, axis titles and a visible legend")
    void lineChartIsLabelled() {
        XYChart chart = Plots.lines("Cost", "epoch", "C");
        Plots.line(chart, "η = 0.1", new double[] {0, 1, 2}, new double[] {3, 2, 1});
        assertEquals("Cost", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals("C", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isLegendVisible());
        assertTrue(chart.getSeriesMap().containsKey("η = 0.1"));
    }

    @Test
    @DisplayName("save writes a PNG of the chart's size into the given folder, creating it")
    void saveWritesPng(@TempDir Path dir) throws Exception {
        XYChart chart = Plots.lines("t", "x", "y");
        Plots.line(chart, "y = x²", Plots.range(-1, 1, 21), Plots.range(-1, 1, 21));
        Path file = Plots.save(chart, dir.resolve("sub"), "square");
        assertEquals(dir.resolve("sub/square.png"), file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
    }

    @Test
    @DisplayName("save to --out DIR goes to that folder; the default is out/chNN under the repository root")
    void saveFollowsOptions(@TempDir Path dir) {
        Options options = Options.parse("ch01", "t", new String[] {"--out", dir.toString(), "--no-show"});
        XYChart chart = Plots.lines("t", "x", "y");
        Plots.points(chart, "p", new double[] {1}, new double[] {1});
        assertTrue(Files.exists(Plots.save(chart, options, "p")));
        assertEquals(Repo.root().resolve("out/ch01"), Options.parse("ch01", "t", new String[0]).out());
    }

    @Test
    @DisplayName("an unwritable folder is a one-sentence UserError naming the file")
    void unwritableFolderIsAUserError(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "not a folder");
        XYChart chart = Plots.lines("t", "x", "y");
        UserError e = assertThrows(UserError.class, () -> Plots.save(chart, blocker.resolve("inside"), "p"));
        assertTrue(e.getMessage().contains("cannot write the plot") && e.getMessage().contains("p.png"), e.getMessage());
    }

    @Test
    @DisplayName("saveGrid writes the panels side by side, columns to a row, under their title, on white")
    void saveGridWritesSmallMultiples(@TempDir Path dir) throws Exception {
        Options options = Options.parse("ch07", "t", new String[] {"--out", dir.toString(), "--no-show"});
        List<XYChart> panels = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            XYChart panel = Plots.lines("panel " + k, "x", "y", 300, 200);
            Plots.line(panel, "y", new double[] {0, 1}, new double[] {k, k + 1});
            panels.add(panel);
        }
        BufferedImage image = ImageIO.read(Plots.saveGrid("Five panels\nand a key", panels, 3, options, "grid").toFile());
        assertEquals(900, image.getWidth(), "3 panels of 300 px to a row");
        assertTrue(image.getHeight() > 400 && image.getHeight() < 500, "2 rows of 200 px under two lines of title: " + image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(image.getWidth() - 5, image.getHeight() - 5) & 0xFFFFFF, "the empty sixth cell is white");
    }

    @Test
    @DisplayName("stroke is solid without dashes, dashed with them, and as wide as asked")
    void strokes() {
        assertEquals(3f, Plots.stroke(3f).getLineWidth());
        assertEquals(null, Plots.stroke(3f).getDashArray());
        assertArrayEquals(new float[] {7f, 4f}, Plots.stroke(1.5f, 7f, 4f).getDashArray());
    }

    @Test
    @DisplayName("range gives n evenly spaced points including both ends")
    void rangeIncludesBothEnds() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Plots.range(0, 1, 5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Plots.range(0, 1, 1));
    }

    @Test
    @DisplayName("a series with more x than y values is rejected with its name")
    void mismatchedSeriesIsRejected() {
        XYChart chart = Plots.lines("t", "x", "y");
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.line(chart, "bad", new double[2], new double[3]));
        assertTrue(e.getMessage().contains("bad"));
    }

    @Test
    @DisplayName("evenly spaced x values still get round, well-spaced ticks: range(-6, 6, 200), 1001 steps, 9380 batches")
    void evenlySpacedXGetsRoundTicks() throws Exception {
        double[][] grids = {Plots.range(-6, 6, 200), Plots.range(0, 1000, 1001), Plots.range(1, 9380, 9380)};
        for (double[] x : grids) {
            XYChart chart = Plots.lines("t", "x", "y");
            Plots.line(chart, "y", x, Arrays.stream(x).map(Math::sin).toArray());
            BitmapEncoder.getBufferedImage(chart);
            List<Tick> ticks = xTicks(chart);
            assertTrue(ticks.size() >= 3, "at least 3 ticks, got " + ticks);
            double step = ticks.get(1).value() - ticks.get(0).value();
            double scale = Math.pow(10, Math.floor(Math.log10(step)));
            double mantissa = step / scale;
            assertTrue(Set.of(1.0, 2.0, 2.5, 5.0).stream().anyMatch(r -> Math.abs(mantissa - r) < 1e-9),
                    "the step between ticks is 1, 2, 2.5 or 5 × 10ⁿ, got " + step + " in " + ticks);
            Font font = chart.getStyler().getAxisTickLabelsFont();
            for (int i = 0; i < ticks.size(); i++) {
                Tick tick = ticks.get(i);
                assertEquals(Math.rint(tick.value() / step) * step, tick.value(), 1e-9 * scale,
                        "tick " + tick.label() + " is a multiple of " + step);
                if (i > 0) {
                    double width = Math.max(width(font, tick.label()), width(font, ticks.get(i - 1).label()));
                    assertTrue(tick.at() - ticks.get(i - 1).at() >= 1.5 * width,
                            "labels " + ticks.get(i - 1).label() + " and " + tick.label() + " have at least half a label of space between them: " + ticks);
                }
            }
            assertEquals(1, chart.getSeriesMap().size() - chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count(),
                    "one invisible series, without a legend entry");
        }
    }

    @Test
    @DisplayName("the invisible series of the round ticks changes neither range, even on a logarithmic y axis")
    void roundTicksKeepTheRanges() throws Exception {
        XYChart chart = Plots.lines("t", "epoch", "cost");
        chart.getStyler().setYAxisLogarithmic(true);
        Plots.line(chart, "cost", Plots.range(0, 99, 100), Arrays.stream(Plots.range(0, 99, 100)).map(k -> Math.exp(-k / 10)).toArray());
        BitmapEncoder.getBufferedImage(chart);
        BitmapEncoder.getBufferedImage(chart);
        assertEquals(2, chart.getSeriesMap().size(), "painting twice adds the invisible series once");
        XYSeries hidden = chart.getSeriesMap().get(Plots.RoundTicks.OFF_GRID);
        assertEquals(0.5, hidden.getXData()[0], "between the first two x values");
        assertTrue(Double.isNaN(hidden.getYData()[0]), "its y is NaN: it draws nothing");
        List<Tick> ticks = xTicks(chart);
        assertEquals("0", ticks.getFirst().label(), "the x axis still starts at 0: " + ticks);
        assertEquals(99, chart.getSeriesMap().get("cost").getXMax(), "and ends at the last epoch");
    }

    @Test
    @DisplayName("two points at one x (one epoch's accuracies) get round y ticks, not ticks at 83.2 and 86.83333333333333")
    void onePointPerSeriesGetsRoundYTicks() throws Exception {
        XYChart chart = Plots.lines("t", "epoch", "accuracy (%)");
        Plots.points(chart, "training", new double[] {1}, new double[] {86.83333333333333});
        Plots.points(chart, "test", new double[] {1}, new double[] {83.2});
        BitmapEncoder.getBufferedImage(chart);
        List<Tick> ticks = ticks(chart, "getYAxis", false);
        assertTrue(ticks.size() >= 3 && ticks.stream().allMatch(t -> t.label().length() <= 4), "round y ticks: " + ticks);
    }

    /// A tick of an axis: its label, the number it shows, where it is (pixels from the axis's start).
    record Tick(String label, double value, double at) {}

    /// The ticks inside the x axis as XChart computed them at the last paint.
    private static List<Tick> xTicks(XYChart chart) throws Exception {
        return ticks(chart, "getXAxis", true);
    }

    /// The ticks inside an axis (`getXAxis` or `getYAxis`) as XChart computed them at the last
    /// paint. XChart keeps them package-private, hence the reflection.
    private static List<Tick> ticks(XYChart chart, String getter, boolean horizontal) throws Exception {
        Method getAxis = Chart.class.getDeclaredMethod(getter);
        getAxis.setAccessible(true);
        Axis<?, ?> axis = (Axis<?, ?>) getAxis.invoke(chart);
        AxisTickCalculator calculator = axis.getAxisTickCalculator();
        double length = horizontal ? axis.getBounds().getWidth() : axis.getBounds().getHeight();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < calculator.getTickLabels().size(); i++) {
            double at = calculator.getTickLocations().get(i);
            if (at >= 0 && at <= length) {
                String label = calculator.getTickLabels().get(i);
                ticks.add(new Tick(label, Double.parseDouble(label.replace(",", "")), at));
            }
        }
        return ticks;
    }

    /// The width in pixels of `text` in `font`.
    private static double width(Font font, String text) {
        return new TextLayout(text, font, new FontRenderContext(null, true, false)).getBounds().getWidth();
    }
}

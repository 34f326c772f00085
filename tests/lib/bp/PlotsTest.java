package bp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

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
    @DisplayName("roundTicks adds one hidden series off the data grid: no legend entry, NaN y, so no range changes")
    void roundTicksAddsAHiddenPoint() {
        XYChart chart = Plots.lines("t", "epoch", "cost");
        Plots.line(chart, "cost", Plots.range(0, 99, 100), Plots.range(1, 2, 100));
        Plots.roundTicks(chart, 0.5);
        assertEquals(2, chart.getSeriesMap().size());
        var hidden = chart.getSeriesMap().values().stream().filter(series -> !series.isShowInLegend()).toList();
        assertEquals(1, hidden.size(), "exactly one series is left out of the legend");
        assertEquals(0.5, hidden.getFirst().getXData()[0]);
        assertTrue(Double.isNaN(hidden.getFirst().getYData()[0]), "its y is NaN, so the y axis is untouched");
    }
}

package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

@DisplayName("Contour")
class ContourTest {

    /// The grid of the tests: 81 × 61 points on [−2, 2] × [−1.5, 1.5], steps of 0.05.
    static final double[] XS = Plots.range(-2, 2, 81);
    static final double[] YS = Plots.range(-1.5, 1.5, 61);
    static final double STEP = 0.05;

    @Test
    @DisplayName("the contour of x² + y² at level r² is one closed line on the circle of radius r, within the grid step")
    void circle() {
        double[][] f = Contour.sample(XS, YS, (x, y) -> x * x + y * y);
        for (double r : new double[] {0.3, 0.77, 1.2}) {
            List<double[][]> lines = Contour.lines(XS, YS, f, r * r);
            assertEquals(1, lines.size(), "the circle of radius " + r + " should be one polyline");
            double[][] line = lines.getFirst();
            int n = line[0].length;
            assertTrue(n > 8, "the circle of radius " + r + " should cross many cells, got " + n + " points");
            assertEquals(line[0][0], line[0][n - 1], 0, "a closed contour ends on its first point");
            assertEquals(line[1][0], line[1][n - 1], 0, "a closed contour ends on its first point");
            for (int k = 0; k < n; k++) {
                double distance = Math.hypot(line[0][k], line[1][k]);
                // linear interpolation of r² on an edge of length h is off by at most h²/(4r) or so
                assertEquals(r, distance, STEP * STEP, "point " + k + " of the contour at level " + (r * r)
                        + " is at distance " + distance + " from the origin");
            }
        }
    }

    @Test
    @DisplayName("the contour of the plane x + 2y at level 1 is the straight line x = 1 − 2y, cut by the grid: one open line")
    void plane() {
        double[][] f = Contour.sample(XS, YS, (x, y) -> x + 2 * y);
        List<double[][]> lines = Contour.lines(XS, YS, f, 1);
        assertEquals(1, lines.size());
        double[][] line = lines.getFirst();
        for (int k = 0; k < line[0].length; k++) {
            assertEquals(1, line[0][k] + 2 * line[1][k], 1e-12, "a linear function's contour is exact");
        }
        assertFalse(line[0][0] == line[0][line[0].length - 1] && line[1][0] == line[1][line[1].length - 1],
                "an open line should not end where it starts");
    }

    @Test
    @DisplayName("two separate minima give two closed lines; a saddle cell is split without crossing lines")
    void twoBasins() {
        // (x² − 1)² + y²: minima at (±1, 0), a saddle at the origin at height 1
        double[][] f = Contour.sample(XS, YS, (x, y) -> (x * x - 1) * (x * x - 1) + y * y);
        assertEquals(2, Contour.lines(XS, YS, f, 0.25).size(), "below the saddle: one loop around each minimum");
        assertEquals(1, Contour.lines(XS, YS, f, 1.5).size(), "above the saddle: one loop around both");
    }

    @Test
    @DisplayName("a level outside the range of f gives no lines, and draw adds no series for it")
    void levelOutsideTheRange() {
        double[][] f = Contour.sample(XS, YS, (x, y) -> x * x + y * y);
        assertTrue(Contour.lines(XS, YS, f, -1).isEmpty());
        assertTrue(Contour.lines(XS, YS, f, 100).isEmpty());
        XYChart chart = Plots.lines("t", "x", "y");
        assertTrue(Contour.draw(chart, XS, YS, f, new double[] {-1, 100}, Color.GRAY).isEmpty());
        assertTrue(chart.getSeriesMap().isEmpty());
    }

    @Test
    @DisplayName("cells with a NaN corner are skipped")
    void nanCellsAreSkipped() {
        double[][] f = Contour.sample(XS, YS, (x, y) -> x < 0 ? Double.NaN : x * x + y * y);
        for (double[][] line : Contour.lines(XS, YS, f, 1)) {
            for (double x : line[0]) {
                assertTrue(x >= 0, "no contour point where f is NaN, got x = " + x);
            }
        }
    }

    @Test
    @DisplayName("logLevels are evenly spaced on a log scale, both ends included")
    void logLevels() {
        double[] levels = Contour.logLevels(0.01, 100, 5);
        double[] expected = {0.01, 0.1, 1, 10, 100};
        for (int k = 0; k < 5; k++) {
            assertEquals(expected[k], levels[k], 1e-12 * expected[k]);
        }
        assertThrows(IllegalArgumentException.class, () -> Contour.logLevels(0, 1, 3));
    }

    @Test
    @DisplayName("draw adds one series per level without legend entries, plus one legend entry when asked; the PNG renders")
    void drawRenders(@TempDir Path dir) throws Exception {
        double[][] f = Contour.sample(XS, YS, (x, y) -> (x * x - 1) * (x * x - 1) + y * y);
        XYChart chart = Plots.lines("contours", "x", "y");
        List<XYSeries> series = Contour.draw(chart, XS, YS, f, new double[] {0.1, 0.5, 1.5}, Color.GRAY, "levels");
        assertEquals(4, series.size(), "three levels, then the legend entry");
        for (XYSeries s : series.subList(0, 3)) {
            assertFalse(s.isShowInLegend());
        }
        assertEquals(4, chart.getSeriesMap().size(), "three levels and one legend entry");
        assertTrue(chart.getSeriesMap().get("levels").isShowInLegend());
        Contour.draw(chart, XS, YS, f, new double[] {0.1}, Color.BLUE);
        assertEquals(5, chart.getSeriesMap().size(), "drawing the same level twice must not clash in names");
        BufferedImage image = ImageIO.read(Plots.save(chart, dir, "contours").toFile());
        assertEquals(Plots.WIDTH, image.getWidth());
    }

    @Test
    @DisplayName("a grid whose values do not match xs and ys is refused with a sentence")
    void badGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contour.lines(XS, YS, new double[3][61], 1));
        assertTrue(e.getMessage().contains("f[i][j]"), e.getMessage());
    }
}

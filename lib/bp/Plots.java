package bp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// Plots with XChart, in one readable house style: a title, both axis titles and a legend on
/// every chart, white background, large enough fonts.
///
/// ```java
/// XYChart chart = Plots.lines("σ(wx) for several w", "x", "a = σ(wx)");
/// Plots.line(chart, "w = 1", x, a);
/// Plots.save(chart, options, "sigmoid-weights");   // out/ch01/sigmoid-weights.png
/// ```
///
/// [#save] always writes a PNG; [Chapter] shows every saved chart in one window at the end of
/// the lesson when a display is present and `--no-show` was not given.
public final class Plots {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /// The charts saved so far in this run, shown by [#showAll].
    private static final List<Chart<?, ?>> saved = new ArrayList<>();

    private Plots() {}

    /// An empty line chart with its title and axis titles, legend in the upper left corner. Its
    /// axes get round ticks (see [RoundTicks]).
    public static XYChart lines(String title, String xTitle, String yTitle) {
        return lines(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    /// The same chart, `width` × `height` pixels: a panel of [#saveGrid], for example.
    public static XYChart lines(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new RoundTicks(new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle));
        XYStyler style = chart.getStyler();
        style.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        style.setLegendPosition(Styler.LegendPosition.InsideNW);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        style.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        style.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        style.setPlotGridLinesColor(new Color(225, 225, 225));
        style.setAntiAlias(true);
        return chart;
    }

    /// Adds the curve `y(x)` as a line without markers.
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        checkLengths(name, x, y);
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineWidth(2.5f);
        return series;
    }

    /// Adds the points `(x[i], y[i])` as markers without a line.
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        checkLengths(name, x, y);
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /// A line `width` pixels wide: solid, or dashed when `dash` gives the lengths of the dashes and
    /// the gaps in turn (`stroke(2f, 7f, 4f)`: 7 pixels drawn, 4 left out). For `series.setLineStyle`.
    public static BasicStroke stroke(float width, float... dash) {
        if (dash.length == 0) {
            return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /// `n` evenly spaced numbers from `from` to `to`, both included.
    public static double[] range(double from, double to, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("range needs at least 2 points, got " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
        }
        return x;
    }

    /// Writes `chart` as `<name>.png` into the output folder of `options` and prints its path.
    public static Path save(Chart<?, ?> chart, Options options, String name) {
        return save(chart, options.out(), name);
    }

    /// Writes `chart` as `<name>.png` into `dir` (created when missing) and prints its path.
    public static Path save(Chart<?, ?> chart, Path dir, String name) {
        return write(BitmapEncoder.getBufferedImage(chart), List.of(chart), dir, name);
    }

    /// Writes `panels` as one picture `<name>.png` into the output folder of `options`: small
    /// multiples, `columns` panels to a row in the order given, under `title` (one or more lines).
    /// Each panel keeps its own size; give them all the same. Prints the path.
    public static Path saveGrid(String title, List<? extends Chart<?, ?>> panels, int columns, Options options, String name) {
        int width = panels.getFirst().getWidth();
        int height = panels.getFirst().getHeight();
        int rows = (panels.size() + columns - 1) / columns;
        String[] lines = title.split("\n");
        Font font = panels.getFirst().getStyler().getChartTitleFont();
        int lineHeight = font.getSize() + 10;
        int top = lines.length * lineHeight + 10;
        BufferedImage image = new BufferedImage(columns * width, top + rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        for (int i = 0; i < lines.length; i++) {
            g.setFont(i == 0 ? font : font.deriveFont(Font.PLAIN, font.getSize() - 3f));
            int textWidth = g.getFontMetrics().stringWidth(lines[i]);
            g.drawString(lines[i], (image.getWidth() - textWidth) / 2, (i + 1) * lineHeight);
        }
        for (int k = 0; k < panels.size(); k++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), (k % columns) * width, top + (k / columns) * height, null);
        }
        g.dispose();
        return write(image, panels, options.out(), name);
    }

    /// Writes `image` as `<name>.png` into `dir`, keeps `charts` for [#showAll] and prints the path.
    private static Path write(BufferedImage image, List<? extends Chart<?, ?>> charts, Path dir, String name) {
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot write the plot " + file + " (" + e.getMessage() + "); check that the folder is writable or pass --out DIR.");
        }
        synchronized (saved) {
            saved.addAll(charts);
        }
        System.out.println("  plot: " + Repo.display(file));
        return file;
    }

    /// Opens one window with every chart saved so far, when a display is present and `--no-show`
    /// was not given; otherwise does nothing.
    public static void showAll(Options options) {
        List<Chart<?, ?>> charts;
        synchronized (saved) {
            charts = List.copyOf(saved);
            saved.clear();
        }
        if (charts.isEmpty() || !options.show()) {
            return;
        }
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            SwingWrapper<?> window = new SwingWrapper(charts);
            window.displayChartMatrix();
            System.out.println("  (close the plot window to finish)");
        } catch (java.awt.HeadlessException e) {
            System.out.println("  (no window: " + e.getMessage() + "; the plots are saved as PNG)");
        }
    }

    /// An XY chart whose linear axes always get round ticks (0, 0.5, 1, … or 0, 200, 400, …), with
    /// room between their labels.
    ///
    /// XChart 3.8.8 puts the ticks of an axis on the data points themselves whenever the values of
    /// all its series are evenly spaced: `range(-6, 6, 200)` gets ticks at −6, −5.94, …, labelled
    /// `-3.949748743718593`, and 1000 steps get ticks every 48 steps that run together. Before each
    /// paint (a PNG, the window, a notebook) this chart adds one invisible series, a point between
    /// the two smallest x values (at the only one, when there is one) with y = NaN: the x values
    /// are then no longer evenly spaced, nor the y values (NaN), and XChart picks its round ticks
    /// (1, 2 or 5 × 10ⁿ). The point draws nothing, has no legend entry, and lies inside the data,
    /// so no range changes.
    static final class RoundTicks extends XYChart {

        /// The name of the invisible series.
        static final String OFF_GRID = "(round ticks)";

        RoundTicks(XYChartBuilder builder) {
            super(builder);
            getStyler().setXAxisTickMarkSpacingHint(TICK_SPACING);
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            removeSeries(OFF_GRID);
            double[] x = getSeriesMap().values().stream().flatMapToDouble(series -> Arrays.stream(series.getXData()))
                    .filter(Double::isFinite).distinct().sorted().limit(2).toArray();
            if (x.length > 0) {
                double between = x.length == 1 ? x[0] : x[0] + (x[1] - x[0]) / 2;
                XYSeries hidden = addSeries(OFF_GRID, new double[] {between, between}, new double[] {Double.NaN, Double.NaN});
                hidden.setMarker(SeriesMarkers.NONE);
                hidden.setLineColor(new Color(0, 0, 0, 0));
                hidden.setShowInLegend(false);
            }
            super.paint(g, width, height);
        }
    }

    /// The distance in pixels XChart aims at between two ticks of an x axis (its default is 74).
    /// It rounds the step between ticks to 1, 2 or 5 × 10ⁿ, so the ticks end up somewhat closer or
    /// farther, and widens the step until the labels fit.
    static final int TICK_SPACING = 80;

    private static void checkLengths(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
    }
}

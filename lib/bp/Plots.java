package bp;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
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

    /// An empty line chart with its title and axis titles, legend in the upper left corner.
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
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

    /// Round ticks on the x axis (0, 200, 400, …). XChart 3.8 puts the x ticks on the data points
    /// when the x values are evenly spaced (epochs 0, 34, 68, …); an invisible point off that grid,
    /// at `x` inside the axis range (0.5 for integer epochs), brings back round ticks. Its y is NaN,
    /// so the y range, even a logarithmic one, is untouched.
    public static void roundTicks(XYChart chart, double x) {
        XYSeries hidden = chart.addSeries("(round ticks)", new double[] {x, x}, new double[] {Double.NaN, Double.NaN});
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setLineColor(new Color(0, 0, 0, 0));
        hidden.setShowInLegend(false);
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
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserError("cannot write the plot " + file + " (" + e.getMessage() + "); check that the folder is writable or pass --out DIR.");
        }
        synchronized (saved) {
            saved.add(chart);
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

    private static void checkLengths(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
    }
}

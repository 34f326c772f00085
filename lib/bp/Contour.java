package bp;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/// Contour lines (level sets f(x, y) = c) of a function sampled on a grid, for XChart, which has
/// no contour chart of its own.
///
/// ```java
/// double[] xs = Plots.range(-2, 2, 201);
/// double[] ys = Plots.range(-1, 3, 201);
/// double[][] f = Contour.sample(xs, ys, (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x));
/// Contour.draw(chart, xs, ys, f, Contour.logLevels(0.1, 1000, 9), Color.GRAY);
/// ```
///
/// The grid: `f[i][j]` is the value at (`xs[i]`, `ys[j]`), with `xs` and `ys` increasing. The
/// lines come from *marching squares*: in each grid cell, an edge whose two corners lie on
/// opposite sides of the level c is crossed by the contour, at the point found by linear
/// interpolation between the corners; the crossings of a cell are joined by a segment, and the
/// segments of neighbouring cells, which share their crossing points, are joined into polylines.
/// A cell crossed on all four edges (a saddle) is split by the value at its centre, the mean of its
/// corners. Cells with a NaN corner are skipped. The lines are exact for a function that is linear
/// on each cell, so they are within about one grid step of the true level set for a smooth f.
///
/// XChart 3.8.8 breaks a line at a point whose coordinates are `Double.NaN` (checked by rendering),
/// so [#draw] adds one series per level, its polylines separated by NaN points.
public final class Contour {

    /// Numbers the contour series, so that their names never clash with a chart's other series.
    private static int drawn;

    private Contour() {}

    /// f sampled on the grid: `f[i][j]` = f(`xs[i]`, `ys[j]`).
    public static double[][] sample(double[] xs, double[] ys, DoubleBinaryOperator f) {
        double[][] values = new double[xs.length][ys.length];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                values[i][j] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return values;
    }

    /// `n` levels spaced evenly from `from` to `to`, both included.
    public static double[] levels(double from, double to, int n) {
        return Plots.range(from, to, n);
    }

    /// `n` levels spaced evenly on a logarithmic scale from `from` to `to` (both > 0, included):
    /// for functions like Rosenbrock's that span many orders of magnitude.
    public static double[] logLevels(double from, double to, int n) {
        if (!(from > 0 && to > 0)) {
            throw new IllegalArgumentException("logarithmic levels need positive bounds, got " + from + " and " + to);
        }
        double[] levels = Plots.range(Math.log(from), Math.log(to), n);
        for (int k = 0; k < n; k++) {
            levels[k] = Math.exp(levels[k]);
        }
        return levels;
    }

    /// The contour f = `level` as polylines, each a pair {x coordinates, y coordinates}; a closed
    /// line ends on its first point. Empty when the level is not crossed inside the grid.
    public static List<double[][]> lines(double[] xs, double[] ys, double[][] f, double level) {
        checkGrid(xs, ys, f);
        List<int[]> segments = new ArrayList<>();
        Map<Integer, double[]> points = new HashMap<>();
        for (int i = 0; i + 1 < xs.length; i++) {
            for (int j = 0; j + 1 < ys.length; j++) {
                cell(xs, ys, f, level, i, j, segments, points);
            }
        }
        return join(segments, points);
    }

    /// Draws the contours of `f` at each of `levels` on `chart` as thin solid lines of `color`, without
    /// markers and without legend entries. Returns the series added (one per level that is crossed).
    /// To change their width, call `setLineWidth(w)` and then `setLineStyle(SeriesLines.SOLID)` on
    /// each (XChart 3.8.8 builds the stroke from the width when the style is set).
    public static List<XYSeries> draw(XYChart chart, double[] xs, double[] ys, double[][] f, double[] levels,
            Color color) {
        List<XYSeries> added = new ArrayList<>();
        for (double level : levels) {
            List<double[][]> polylines = lines(xs, ys, f, level);
            if (polylines.isEmpty()) {
                continue;
            }
            double[][] joined = separatedByNaN(polylines);
            XYSeries series = chart.addSeries("contour %s #%d".formatted(level, ++drawn), joined[0], joined[1]);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color);
            // the width first: XChart builds the stroke from it when the style is set
            series.setLineWidth(1f);
            series.setLineStyle(SeriesLines.SOLID);
            series.setShowInLegend(false);
            added.add(series);
        }
        return added;
    }

    /// Draws the contours as [#draw(XYChart, double\[\], double\[\], double\[\]\[\], double\[\], Color)]
    /// does, with one legend entry `legend` for all of them: an empty series of the same look, added
    /// last to the list returned (so that a line width set on every series applies to it too).
    public static List<XYSeries> draw(XYChart chart, double[] xs, double[] ys, double[][] f, double[] levels,
            Color color, String legend) {
        List<XYSeries> added = draw(chart, xs, ys, f, levels, color);
        if (!added.isEmpty()) {
            XYSeries entry = chart.addSeries(legend, new double[] {Double.NaN}, new double[] {Double.NaN});
            entry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            entry.setMarker(SeriesMarkers.NONE);
            entry.setLineColor(color);
            entry.setLineWidth(1f);
            entry.setLineStyle(SeriesLines.SOLID);
            added.add(entry);
        }
        return added;
    }

    /// The crossing segments of cell (i, j), the square between the grid points (i, j) and
    /// (i + 1, j + 1). Its edges are numbered bottom 0, right 1, top 2, left 3; each edge of the
    /// grid has one id shared by the two cells it borders, so that segments join where they meet.
    private static void cell(double[] xs, double[] ys, double[][] f, double level, int i, int j,
            List<int[]> segments, Map<Integer, double[]> points) {
        // the corners counter-clockwise from the bottom left: a (i, j), b (i+1, j), c (i+1, j+1), d (i, j+1)
        double a = f[i][j];
        double b = f[i + 1][j];
        double c = f[i + 1][j + 1];
        double d = f[i][j + 1];
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
            return;
        }
        int ny = ys.length;
        int[] edge = {2 * (i * ny + j), 2 * ((i + 1) * ny + j) + 1, 2 * (i * ny + j + 1), 2 * (i * ny + j) + 1};
        List<Integer> crossed = new ArrayList<>(4);
        if (crosses(a, b, level)) {
            crossed.add(0);
            points.computeIfAbsent(edge[0], e -> point(xs[i], xs[i + 1], ys[j], ys[j], a, b, level));
        }
        if (crosses(b, c, level)) {
            crossed.add(1);
            points.computeIfAbsent(edge[1], e -> point(xs[i + 1], xs[i + 1], ys[j], ys[j + 1], b, c, level));
        }
        if (crosses(d, c, level)) {
            crossed.add(2);
            points.computeIfAbsent(edge[2], e -> point(xs[i], xs[i + 1], ys[j + 1], ys[j + 1], d, c, level));
        }
        if (crosses(a, d, level)) {
            crossed.add(3);
            points.computeIfAbsent(edge[3], e -> point(xs[i], xs[i], ys[j], ys[j + 1], a, d, level));
        }
        if (crossed.size() == 2) {
            segments.add(new int[] {edge[crossed.get(0)], edge[crossed.get(1)]});
        } else if (crossed.size() == 4) {
            // a saddle: a and c on one side, b and d on the other. If the centre is on a's side, the
            // region of a and c runs through the middle and the lines cut off the corners b and d.
            boolean centreAbove = (a + b + c + d) / 4 >= level;
            if (centreAbove == (a >= level)) {
                segments.add(new int[] {edge[0], edge[1]});
                segments.add(new int[] {edge[2], edge[3]});
            } else {
                segments.add(new int[] {edge[3], edge[0]});
                segments.add(new int[] {edge[1], edge[2]});
            }
        }
    }

    /// Whether the level lies between the values at the two ends of an edge (one ≥ level, one below).
    private static boolean crosses(double f0, double f1, double level) {
        return (f0 >= level) != (f1 >= level);
    }

    /// The point where f = level on the edge from (x0, y0) to (x1, y1), by linear interpolation.
    private static double[] point(double x0, double x1, double y0, double y1, double f0, double f1, double level) {
        double t = (level - f0) / (f1 - f0);
        return new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
    }

    /// Joins segments that share an edge point into polylines: first the open lines, from an end
    /// that belongs to one segment only, then the closed ones.
    private static List<double[][]> join(List<int[]> segments, Map<Integer, double[]> points) {
        Map<Integer, List<Integer>> touching = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            for (int end : segments.get(s)) {
                touching.computeIfAbsent(end, e -> new ArrayList<>(2)).add(s);
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<double[][]> polylines = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < segments.size(); s++) {
                if (used[s]) {
                    continue;
                }
                int start = segments.get(s)[0];
                if (pass == 0 && touching.get(start).size() > 1) {
                    start = segments.get(s)[1];
                    if (touching.get(start).size() > 1) {
                        continue;
                    }
                }
                polylines.add(walk(start, s, segments, touching, used, points));
            }
        }
        return polylines;
    }

    /// The polyline from the point `start` along segment `first` and on through the segments that
    /// join it, marking them used.
    private static double[][] walk(int start, int first, List<int[]> segments, Map<Integer, List<Integer>> touching,
            boolean[] used, Map<Integer, double[]> points) {
        List<double[]> line = new ArrayList<>();
        line.add(points.get(start));
        int at = start;
        int s = first;
        while (s >= 0) {
            used[s] = true;
            int[] segment = segments.get(s);
            at = segment[0] == at ? segment[1] : segment[0];
            line.add(points.get(at));
            s = -1;
            for (int next : touching.get(at)) {
                if (!used[next]) {
                    s = next;
                    break;
                }
            }
        }
        double[][] xy = new double[2][line.size()];
        for (int k = 0; k < line.size(); k++) {
            xy[0][k] = line.get(k)[0];
            xy[1][k] = line.get(k)[1];
        }
        return xy;
    }

    /// The polylines one after the other, separated by a NaN point so that XChart breaks the line.
    private static double[][] separatedByNaN(List<double[][]> polylines) {
        int n = polylines.stream().mapToInt(p -> p[0].length + 1).sum() - 1;
        double[][] xy = new double[2][n];
        int k = 0;
        for (double[][] polyline : polylines) {
            if (k > 0) {
                xy[0][k] = Double.NaN;
                xy[1][k] = Double.NaN;
                k++;
            }
            System.arraycopy(polyline[0], 0, xy[0], k, polyline[0].length);
            System.arraycopy(polyline[1], 0, xy[1], k, polyline[1].length);
            k += polyline[0].length;
        }
        return xy;
    }

    private static void checkGrid(double[] xs, double[] ys, double[][] f) {
        if (xs.length < 2 || ys.length < 2) {
            throw new IllegalArgumentException("a contour needs a grid of at least 2×2 points, got "
                    + xs.length + "×" + ys.length);
        }
        if (f.length != xs.length) {
            throw new IllegalArgumentException("the values f have " + f.length + " rows but there are "
                    + xs.length + " x values; f[i][j] must be the value at (xs[i], ys[j])");
        }
        for (double[] column : f) {
            if (column.length != ys.length) {
                throw new IllegalArgumentException("a row of f has " + column.length + " values but there are "
                        + ys.length + " y values; f[i][j] must be the value at (xs[i], ys[j])");
            }
        }
    }
}

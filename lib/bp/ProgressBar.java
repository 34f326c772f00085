package bp;

import java.io.PrintStream;

/// A one-line progress bar for long loops, redrawn in place on a terminal:
///
///     epoch 3/10 [██████████████▌          ] 34816/60000  loss 0.0912  41203 ex/s
///
/// It draws only when standard output is a terminal (System.console() is attached) and at most ten
/// times a second, so logs and CI output get no partial lines; [#done] clears the line. (A
/// library such as `me.tongfei:progressbar` brings JLine, which on Java 25 prints a native-access
/// warning; this is all the project needs.)
public final class ProgressBar {

    private static final int WIDTH = 25;
    private static final long REDRAW_NANOS = 100_000_000;

    private final String label;
    private final PrintStream out;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;

    /// A bar headed by `label` ("epoch 3/10"), drawn on System.out when it is a terminal.
    public ProgressBar(String label) {
        this(label, System.out, System.console() != null);
    }

    /// A bar on `out`, drawn only when `enabled`.
    public ProgressBar(String label, PrintStream out, boolean enabled) {
        this.label = label;
        this.out = out;
        this.enabled = enabled;
    }

    /// Reports that `done` of `total` items are done, with the last `loss`.
    public void update(int done, int total, double loss) {
        long now = System.nanoTime();
        if (!enabled || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(done, total, loss, (now - start) / 1e9));
        out.flush();
    }

    /// Clears the bar's line, ready for the epoch's summary.
    public void done() {
        if (enabled) {
            out.print("\r" + " ".repeat(line(0, 1, 0, 1).length() + 12) + "\r");
            out.flush();
        }
    }

    /// The text of the bar after `seconds`: label, bar, count, loss and items per second.
    String line(int done, int total, double loss, double seconds) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int full = (int) (fraction * WIDTH);
        String bar = "█".repeat(full) + (full < WIDTH ? (fraction * WIDTH - full >= 0.5 ? "▌" : " ") : "")
                + " ".repeat(Math.max(0, WIDTH - full - 1));
        return "%s [%s] %d/%d  loss %.4f  %.0f ex/s".formatted(label, bar, done, total, loss,
                seconds > 0 ? done / seconds : 0);
    }
}

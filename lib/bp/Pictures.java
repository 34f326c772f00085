package bp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/// Pictures that are not charts: a grid of small images (MNIST digits, a layer's weights) and a
/// confusion matrix with its counts, drawn with Java 2D and saved as PNG like [Plots#save].
public final class Pictures {

    /// How pixel values become colours.
    public enum Palette {
        /// 0 white to 1 black: ink on paper, for digits.
        INK,
        /// Negative blue, 0 white, positive red, scaled per image by its largest |value|: for weights.
        DIVERGING
    }

    private static final int MARGIN = 16, TITLE = 34, CAPTION = 18;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Pictures() {}

    /// A grid of square images, `columns` per row, each `side`×`side` pixels (row by row in
    /// `images[k]`), drawn `scale` times larger, with an optional caption under each (`captions`
    /// may be null) and a `title` on top.
    public static BufferedImage grid(String title, double[][] images, int side, String[] captions, int columns,
            int scale, Palette palette) {
        int rows = (images.length + columns - 1) / columns;
        int cell = side * scale, captionHeight = captions == null ? 4 : CAPTION;
        int width = Math.max(2 * MARGIN + columns * (cell + 6), titleWidth(title)), height = TITLE + MARGIN + rows * (cell + captionHeight + 6);
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(picture, title);
        for (int k = 0; k < images.length; k++) {
            int x0 = MARGIN + (k % columns) * (cell + 6), y0 = TITLE + (k / columns) * (cell + captionHeight + 6);
            double max = palette == Palette.DIVERGING ? maxAbs(images[k]) : 1;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    g.setColor(colour(images[k][r * side + c], max, palette));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(x0 - 1, y0 - 1, cell + 1, cell + 1);
            if (captions != null) {
                g.setColor(Color.BLACK);
                centred(g, captions[k], x0 + cell / 2, y0 + cell + 14);
            }
        }
        g.dispose();
        return picture;
    }

    /// The confusion matrix `counts[true][predicted]` (K×K) as a table of shaded cells with the
    /// counts written in them: correct answers on the diagonal in green, mistakes in red, darker
    /// for more.
    public static BufferedImage confusion(String title, int[][] counts) {
        int K = counts.length, cell = 52, left = MARGIN + 70, top = TITLE + 40;
        int width = Math.max(left + K * cell + MARGIN + 10, titleWidth(title)), height = top + K * cell + MARGIN + 10;
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(picture, title);
        int maxWrong = 1, maxRight = 1;
        for (int t = 0; t < K; t++) {
            for (int p = 0; p < K; p++) {
                if (t == p) {
                    maxRight = Math.max(maxRight, counts[t][p]);
                } else {
                    maxWrong = Math.max(maxWrong, counts[t][p]);
                }
            }
        }
        g.setColor(Color.BLACK);
        centred(g, "predicted digit", left + K * cell / 2, top - 24);
        for (int k = 0; k < K; k++) {
            centred(g, String.valueOf(k), left + k * cell + cell / 2, top - 6);
            centred(g, String.valueOf(k), left - 12, top + k * cell + cell / 2 + 5);
        }
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        centred(vertical, "true digit", -(top + K * cell / 2), left - 34);
        vertical.dispose();
        for (int t = 0; t < K; t++) {
            for (int p = 0; p < K; p++) {
                double strength = t == p ? (double) counts[t][p] / maxRight : Math.sqrt((double) counts[t][p] / maxWrong);
                Color base = t == p ? new Color(0, 158, 115) : new Color(213, 94, 0);
                g.setColor(counts[t][p] == 0 ? Color.WHITE : mix(Color.WHITE, base, 0.15 + 0.85 * strength));
                g.fillRect(left + p * cell, top + t * cell, cell, cell);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(left + p * cell, top + t * cell, cell, cell);
                g.setColor(strength > 0.6 ? Color.WHITE : Color.BLACK);
                centred(g, String.valueOf(counts[t][p]), left + p * cell + cell / 2, top + t * cell + cell / 2 + 5);
            }
        }
        g.dispose();
        return picture;
    }

    /// Writes `picture` as `<name>.png` into the output folder of `options` and prints its path.
    public static Path save(BufferedImage picture, Options options, String name) {
        Path file = options.out().resolve(name + ".png");
        try {
            Files.createDirectories(options.out());
            ImageIO.write(picture, "png", file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot write the picture " + file + " (" + e.getMessage() + "); check that the folder is writable or pass --out DIR.");
        }
        System.out.println("  plot: " + Repo.display(file));
        return file;
    }

    private static Graphics2D start(BufferedImage picture, String title) {
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        g.drawString(title, MARGIN, 24);
        g.setFont(TEXT_FONT);
        g.setStroke(new BasicStroke(1));
        return g;
    }

    /// The width a picture needs for `title` and its margins.
    private static int titleWidth(String title) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int width = g.getFontMetrics(TITLE_FONT).stringWidth(title) + 2 * MARGIN;
        g.dispose();
        return width;
    }

    private static void centred(Graphics2D g, String text, int x, int y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, y);
    }

    private static Color colour(double value, double max, Palette palette) {
        if (palette == Palette.INK) {
            int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, value))));
            return new Color(level, level, level);
        }
        double t = max == 0 ? 0 : Math.max(-1, Math.min(1, value / max));
        return t >= 0 ? mix(Color.WHITE, new Color(178, 24, 43), t) : mix(Color.WHITE, new Color(33, 102, 172), -t);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}

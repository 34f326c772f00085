package ch09;

import bp.UserError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/// A digit drawn by the user, brought to the form of the MNIST images: 28×28 grey pixels in
/// [0, 1], the ink bright (1) on a dark background (0), the digit scaled to fit a 20×20 box and
/// centred by its centre of mass, as the MNIST digits were prepared.
///
/// Any picture ImageIO reads will do (PNG, JPEG, GIF, BMP), of any size, in colour or grey,
/// with dark ink on a light background or light ink on a dark one, transparent or not:
///
///  1. grey level g = (0.299 R + 0.587 G + 0.114 B)/255, transparent pixels over white;
///  2. the background is the median grey of the border pixels; the ink is how far a pixel is
///     from it, |g − background|, scaled so that the strongest ink is 1;
///  3. the box around the ink (pixels above 0.2) is scaled to fit 20×20, keeping its shape, by
///     averaging the pixels that fall into each new one;
///  4. the 20×20 digit goes into a 28×28 image so that its centre of mass is at the centre.
public final class DigitImage {

    /// MNIST's image side, and the box the digit is scaled into.
    static final int SIDE = 28, BOX = 20;

    private DigitImage() {}

    /// The 784 pixels (row by row, in [0, 1]) of the digit in the picture `file`. Throws
    /// [UserError] with one sentence when the file is missing, is not a picture, or holds no ink.
    public static double[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("the image " + file + " does not exist");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UserError("could not read the image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UserError(file + " is not an image this program can read; give a PNG, JPEG, GIF or BMP file");
        }
        return fromGrey(grey(image), file.toString());
    }

    /// The 784 MNIST-style pixels of a picture given as grey levels `grey[row][col]` in [0, 1]
    /// (any size, either polarity); `name` names the picture in an error.
    public static double[] fromGrey(double[][] grey, String name) {
        double[][] ink = ink(grey);
        int top = ink.length, bottom = -1, left = ink[0].length, right = -1;
        for (int r = 0; r < ink.length; r++) {
            for (int c = 0; c < ink[0].length; c++) {
                if (ink[r][c] > 0.2) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        if (bottom < 0) {
            throw new UserError(name + " holds no digit: every pixel has the colour of the background");
        }
        double[][] box = fit(ink, top, left, bottom - top + 1, right - left + 1);
        return centre(box);
    }

    /// Grey levels in [0, 1] of every pixel, transparent parts seen over white.
    private static double[][] grey(BufferedImage image) {
        double[][] g = new double[image.getHeight()][image.getWidth()];
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g[0].length; c++) {
                int argb = image.getRGB(c, r);
                double alpha = (argb >>> 24) / 255.0;
                double luminance = (0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff) + 0.114 * (argb & 0xff)) / 255;
                g[r][c] = alpha * luminance + (1 - alpha);
            }
        }
        return g;
    }

    /// |g − background| scaled so that its maximum is 1 (all zeros when there is no ink).
    private static double[][] ink(double[][] grey) {
        int rows = grey.length, cols = grey[0].length;
        double[] border = new double[2 * (rows + cols)];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            border[n++] = grey[r][0];
            border[n++] = grey[r][cols - 1];
        }
        for (int c = 0; c < cols; c++) {
            border[n++] = grey[0][c];
            border[n++] = grey[rows - 1][c];
        }
        Arrays.sort(border, 0, n);
        double background = border[n / 2];
        double[][] ink = new double[rows][cols];
        double max = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                ink[r][c] = Math.abs(grey[r][c] - background);
                max = Math.max(max, ink[r][c]);
            }
        }
        if (max < 0.1) {
            return new double[rows][cols];
        }
        for (double[] row : ink) {
            for (int c = 0; c < cols; c++) {
                row[c] /= max;
            }
        }
        return ink;
    }

    /// The h×w region at (top, left) of `ink`, scaled to fit BOX×BOX with its aspect kept: each new
    /// pixel is the mean of the old pixels it covers (with fractional overlaps weighted).
    private static double[][] fit(double[][] ink, int top, int left, int h, int w) {
        double scale = (double) BOX / Math.max(h, w);
        int newH = Math.max(1, (int) Math.round(h * scale)), newW = Math.max(1, (int) Math.round(w * scale));
        double[][] out = new double[newH][newW];
        for (int r = 0; r < newH; r++) {
            for (int c = 0; c < newW; c++) {
                out[r][c] = mean(ink, top + r * (double) h / newH, top + (r + 1) * (double) h / newH,
                        left + c * (double) w / newW, left + (c + 1) * (double) w / newW);
            }
        }
        return out;
    }

    /// The area-weighted mean of `ink` over the rectangle [r0, r1) × [c0, c1) (fractional bounds).
    private static double mean(double[][] ink, double r0, double r1, double c0, double c1) {
        double sum = 0, area = 0;
        for (int r = (int) Math.floor(r0); r < Math.ceil(r1); r++) {
            double wr = Math.min(r + 1, r1) - Math.max(r, r0);
            for (int c = (int) Math.floor(c0); c < Math.ceil(c1); c++) {
                double wc = Math.min(c + 1, c1) - Math.max(c, c0);
                sum += wr * wc * ink[r][c];
                area += wr * wc;
            }
        }
        return area > 0 ? sum / area : 0;
    }

    /// `box` placed in a SIDE×SIDE image with its centre of mass at the centre (clamped so that it
    /// stays inside), row by row.
    private static double[] centre(double[][] box) {
        double mass = 0, rowMass = 0, colMass = 0;
        for (int r = 0; r < box.length; r++) {
            for (int c = 0; c < box[0].length; c++) {
                mass += box[r][c];
                rowMass += (r + 0.5) * box[r][c];
                colMass += (c + 0.5) * box[r][c];
            }
        }
        int top = clamp((int) Math.round(SIDE / 2.0 - rowMass / mass), SIDE - box.length);
        int left = clamp((int) Math.round(SIDE / 2.0 - colMass / mass), SIDE - box[0].length);
        double[] pixels = new double[SIDE * SIDE];
        for (int r = 0; r < box.length; r++) {
            for (int c = 0; c < box[0].length; c++) {
                pixels[(top + r) * SIDE + left + c] = Math.min(1, box[r][c]);
            }
        }
        return pixels;
    }

    private static int clamp(int offset, int max) {
        return Math.max(0, Math.min(max, offset));
    }
}

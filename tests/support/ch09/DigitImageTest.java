package ch09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.UserError;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A digit drawn by a user becomes an MNIST-style 28×28 picture whatever its size and colours.
@DisplayName("DigitImage")
class DigitImageTest {

    /// A 'plus' sign: a vertical and a horizontal bar, 1 on 0, in a 28×28 MNIST-style picture.
    static double[][] plus() {
        double[][] g = new double[28][28];
        for (int i = 6; i < 22; i++) {
            g[i][13] = g[i][14] = 1;
            g[13][i] = g[14][i] = 1;
        }
        return g;
    }

    @Test
    @DisplayName("the ink fills a 20×20 box centred in 28×28: a plus sign 16 pixels wide is scaled up to 20, its centre at (14, 14)")
    void scaledAndCentred() {
        double[] pixels = DigitImage.fromGrey(plus(), "plus");
        assertEquals(784, pixels.length);
        int left = 28, right = -1, mass = 0;
        double rowMass = 0, colMass = 0, total = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                double v = pixels[r * 28 + c];
                if (v > 0.2) {
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                    mass++;
                }
                total += v;
                rowMass += (r + 0.5) * v;
                colMass += (c + 0.5) * v;
            }
        }
        assertEquals(20, right - left + 1, "the bar spans the 20-pixel box");
        assertEquals(14, rowMass / total, 0.6, "centre of mass, row");
        assertEquals(14, colMass / total, 0.6, "centre of mass, column");
        assertTrue(mass > 40, "there is ink: " + mass + " pixels");
    }

    @Test
    @DisplayName("dark ink on white paper and white ink on black give the same picture")
    void eitherPolarity() {
        double[][] inverted = plus();
        for (double[] row : inverted) {
            for (int c = 0; c < row.length; c++) {
                row[c] = 1 - row[c];
            }
        }
        double[] light = DigitImage.fromGrey(plus(), "a"), dark = DigitImage.fromGrey(inverted, "b");
        for (int i = 0; i < 784; i++) {
            assertEquals(light[i], dark[i], 1e-12, "pixel " + i);
        }
    }

    @Test
    @DisplayName("a large colour PNG (red ink on a pale blue page, 5 times larger) reads like the small grey one")
    void colourPicture(@TempDir Path dir) throws Exception {
        double[][] g = plus();
        BufferedImage page = new BufferedImage(140, 140, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 140; y++) {
            for (int x = 0; x < 140; x++) {
                boolean ink = g[y / 5][x / 5] > 0;
                page.setRGB(x, y, ink ? 0xB0_10_10 : 0xDD_EE_FF);
            }
        }
        Path file = dir.resolve("plus.png");
        ImageIO.write(page, "png", file.toFile());
        double[] read = DigitImage.read(file), small = DigitImage.fromGrey(plus(), "plus");
        double difference = 0;
        for (int i = 0; i < 784; i++) {
            difference = Math.max(difference, Math.abs(read[i] - small[i]));
        }
        assertTrue(difference < 0.15, "largest pixel difference " + difference);
    }

    @Test
    @DisplayName("a blank picture, a file that is not a picture and a missing file are refused in one sentence")
    void refused(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(UserError.class, () -> DigitImage.fromGrey(new double[28][28], "blank")).getMessage()
                .contains("no digit"));
        Path text = Files.writeString(dir.resolve("digit.png"), "hello");
        assertTrue(assertThrows(UserError.class, () -> DigitImage.read(text)).getMessage().contains("not an image"));
        assertTrue(assertThrows(UserError.class, () -> DigitImage.read(dir.resolve("none.png"))).getMessage()
                .contains("does not exist"));
    }
}

package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Pictures")
class PicturesTest {

    @Test
    @DisplayName("grid: a pixel of value 1 is drawn black and 0 white with the INK palette, scaled as asked")
    void gridDrawsPixels() {
        double[] image = new double[4];
        image[0] = 1; // top-left of a 2×2 image
        BufferedImage picture = Pictures.grid("t", new double[][] {image}, 2, null, 1, 10, Pictures.Palette.INK);
        // the first cell starts at (16, 34) and each pixel is a 10×10 square
        assertEquals(Color.BLACK.getRGB(), picture.getRGB(16 + 5, 34 + 5), "pixel (0, 0) has value 1: black");
        assertEquals(Color.WHITE.getRGB(), picture.getRGB(16 + 15, 34 + 5), "pixel (0, 1) has value 0: white");
    }

    @Test
    @DisplayName("grid: the DIVERGING palette draws positive values red and negative ones blue")
    void divergingColours() {
        BufferedImage picture = Pictures.grid("t", new double[][] {{2, -2}}, 1, null, 1, 10, Pictures.Palette.DIVERGING);
        Color positive = new Color(picture.getRGB(16 + 5, 34 + 5));
        assertTrue(positive.getRed() > positive.getBlue(), "a positive weight is red: " + positive);
        BufferedImage negative = Pictures.grid("t", new double[][] {{-2}}, 1, null, 1, 10, Pictures.Palette.DIVERGING);
        Color blue = new Color(negative.getRGB(16 + 5, 34 + 5));
        assertTrue(blue.getBlue() > blue.getRed(), "a negative weight is blue: " + blue);
    }

    @Test
    @DisplayName("confusion: a correct count on the diagonal is shaded green, a mistake red, zero white; a long title fits")
    void confusionShading() {
        String title = "A long title that must not be cut off at the right edge of a small 2×2 confusion matrix";
        BufferedImage picture = Pictures.confusion(title, new int[][] {{10, 3}, {0, 7}});
        assertTrue(picture.getWidth() > picture.getGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.BOLD, 16)).stringWidth(title), "the picture is as wide as its title");
        // cells start at left = 86, top = 74, 52 pixels each; sample near each cell's corner
        Color right = new Color(picture.getRGB(86 + 4, 74 + 4));
        Color wrong = new Color(picture.getRGB(86 + 52 + 4, 74 + 4));
        Color none = new Color(picture.getRGB(86 + 4, 74 + 52 + 4));
        assertTrue(right.getGreen() > right.getRed(), "the diagonal is green: " + right);
        assertTrue(wrong.getRed() > wrong.getBlue(), "a mistake is red: " + wrong);
        assertEquals(Color.WHITE, none, "a zero count stays white");
    }

    @Test
    @DisplayName("save writes a readable PNG into the --out folder")
    void saveWritesPng(@TempDir Path dir) throws Exception {
        Options options = Options.parse("ch09", "t", new String[] {"--out", dir.toString(), "--no-show"});
        Path file = Pictures.save(Pictures.confusion("t", new int[][] {{1}}), options, "confusion");
        assertTrue(Files.exists(file), file.toString());
        BufferedImage read = ImageIO.read(file.toFile());
        assertNotNull(read, "the file must be a PNG ImageIO can read");
        assertNotEquals(0, read.getWidth());
    }
}

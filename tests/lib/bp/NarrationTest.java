package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The chapters' narration in Chinese (`--lang zh`): phrases replaced whole, longest first,
/// numbers and code untouched, columns kept aligned; and every phrase of every catalogue is
/// still printed by its chapter (or the library), so a catalogue cannot go stale.
@DisplayName("Narration")
class NarrationTest {

    static final List<Map.Entry<String, String>> PHRASES = List.of(
            Map.entry("width of 0.1 < a < 0.9", "0.1 < a < 0.9 的宽度"),
            Map.entry("b     = the bias", "b     = 偏置"),
            Map.entry("the bias", "偏置项"));

    @Test
    @DisplayName("a phrase is replaced whole, numbers and the rest of the line stay")
    void phrases() {
        assertEquals("   b     = 偏置 = 0.1000", Narration.translate("   b     = the bias = 0.1000", PHRASES));
        assertEquals("   z = w·x + b = -0.8600", Narration.translate("   z = w·x + b = -0.8600", PHRASES));
        assertEquals("   偏置项 shifts the curve", Narration.translate("   the bias shifts the curve", PHRASES));
    }

    @Test
    @DisplayName("a phrase padded into a column keeps the column: Chinese characters are two columns wide")
    void columns() {
        String english = "   b     = the bias              =   0.1000";
        String chinese = Narration.translate(english, PHRASES);
        assertTrue(chinese.startsWith("   b     = 偏置   ") && chinese.endsWith(" =   0.1000"), chinese);
        assertEquals(Narration.width(english), Narration.width(chinese), "the = column moved: " + chinese);
        String header = "        w   width of 0.1 < a < 0.9";
        String translated = Narration.translate(header, PHRASES);
        assertTrue(translated.startsWith("        w ") && translated.endsWith(" 0.1 < a < 0.9 的宽度"), translated);
        assertEquals(Narration.width(header), Narration.width(translated), "a right-aligned header keeps its right edge: " + translated);
    }

    @Test
    @DisplayName("every phrase of chapters/zh/*.tsv is printed by its chapter (script or solutions/chNN; common.tsv: lib/bp or the chapters)")
    void catalogues() throws IOException {
        Path root = Repo.root();
        List<String> stale = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(root.resolve("chapters/zh"))) {
            for (Path catalogue : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                String name = catalogue.getFileName().toString().replace(".tsv", "");
                // the common phrases are printed by the library or by every chapter ("What's next")
                String source = name.equals("common") ? sources(root.resolve("lib/bp")) + sources(root.resolve("chapters"))
                        : sources(root.resolve("chapters"), name + "_") + sources(root.resolve("solutions").resolve(name));
                assertTrue(!source.isEmpty(), catalogue + " belongs to no chapter");
                for (String english : Narration.read(catalogue).keySet()) {
                    checked++;
                    if (!source.contains(english)) {
                        stale.add(name + ": " + english);
                    }
                }
            }
        }
        assertTrue(stale.isEmpty(), "phrases that their chapter no longer prints: " + stale);
        assertTrue(checked > 30, "only " + checked + " phrases");
    }

    private static String sources(Path dir) throws IOException {
        return sources(dir, "");
    }

    private static String sources(Path dir, String prefix) throws IOException {
        StringBuilder text = new StringBuilder();
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".java")).sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }
}

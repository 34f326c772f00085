package playground;

import bp.TempFolder;
import ch06.Network;
import ch06.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/// A network's parameters as the text of chapter 6's weights file ([Weights]), for the page's
/// "export weights" button: [Weights#write] writes it to a temporary file, which is read back.
final class WeightsText {

    private WeightsText() {}

    /// The weights file of `network` with the comment lines `comments`, as text.
    static String of(Network network, List<String> comments) {
        try (var tmp = TempFolder.create("backprop-playground-")) {
            Path file = tmp.path().resolve("weights.txt");
            Weights.write(file, network, comments);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package ch06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The plain-text weights files of chapter 6's --init: written and read back exactly; every
/// malformed file ends in one sentence naming the file and the line.
@DisplayName("Weights")
class WeightsTest {

    static Network xor(long seed) {
        Random random = new Random(seed);
        return new Network(new Dense(2, 10, random), new ReLU(), new Dense(10, 1, random));
    }

    @Test
    @DisplayName("write then load sets every parameter to exactly the written values")
    void roundTrip(@TempDir Path dir) {
        Network from = xor(1), to = xor(2);
        Path file = dir.resolve("w.txt");
        Weights.write(file, from, List.of("a test"));
        Weights.load(file, to);
        for (int i = 0; i < from.parameters().size(); i++) {
            assertArrayEquals(from.parameters().get(i).value().data, to.parameters().get(i).value().data, 0,
                    from.parameters().get(i).name());
        }
    }

    @Test
    @DisplayName("a missing file, an empty one, a wrong name, a wrong shape, a bad number, a missing row and a missing block: one sentence each, with the file")
    void malformed(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("w.txt");
        Weights.write(good, xor(1), List.of());
        String text = Files.readString(good);
        List<String> broken = List.of(
                "",
                text.replace("W1 10 2", "V1 10 2"),
                text.replace("W1 10 2", "W1 2 10"),
                text.replaceFirst("\n[^\n]*\n", "\nhello 1\n"),
                text.replace("b1 1 10", "b1 1 10\n").replaceFirst("(W1 10 2\n[^\n]*\n)[^\n]*\n", "$1"),
                text.substring(0, text.indexOf("W2")));
        for (int k = 0; k < broken.size(); k++) {
            Path file = Files.writeString(dir.resolve("broken" + k + ".txt"), broken.get(k));
            Network net = xor(3);
            UserError e = assertThrows(UserError.class, () -> Weights.load(file, net), "case " + k);
            assertTrue(e.getMessage().contains(file.toString()), "case " + k + " names the file: " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "case " + k + " is one line: " + e.getMessage());
        }
        Path missing = dir.resolve("missing.txt");
        assertThrows(UserError.class, () -> Weights.load(missing, xor(3)));
    }
}

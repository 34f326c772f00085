package ch09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bp.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The model file of chapter 9: what is saved reads back exactly, and every kind of damage is
/// refused in one sentence.
@DisplayName("ModelFile")
class ModelFileTest {

    static Mlp network() {
        return new Mlp(new int[] {6, 5, 3}, new Random(4));
    }

    @Test
    @DisplayName("save then load gives the same layer sizes and bit-identical weights, and leaves no temporary file")
    void roundTrip(@TempDir Path dir) throws Exception {
        Mlp net = network();
        Path file = dir.resolve("m.bpm");
        ModelFile.save(net, file);
        Mlp back = ModelFile.load(file);
        assertArrayEquals(net.sizes(), back.sizes());
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(net.W(l).data, back.W(l).data, 0, "W" + l);
            assertArrayEquals(net.b(l).data, back.b(l).data, 0, "b" + l);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model file is left in the folder");
        }
        // 2 header lines, (5·6 + 5 + 3·5 + 3) doubles, a CRC
        assertEquals(("backprop-mlp 1\nlayers 6 5 3\n").length() + 8 * 53 + 8, Files.size(file));
    }

    @Test
    @DisplayName("saving over an existing model replaces it whole")
    void replaces(@TempDir Path dir) {
        Path file = dir.resolve("m.bpm");
        ModelFile.save(network(), file);
        Mlp other = new Mlp(new int[] {6, 4, 3}, new Random(9));
        ModelFile.save(other, file);
        assertArrayEquals(new int[] {6, 4, 3}, ModelFile.load(file).sizes());
    }

    @Test
    @DisplayName("one flipped bit in a weight is caught by the checksum")
    void corrupted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.bpm");
        ModelFile.save(network(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        UserError e = assertThrows(UserError.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    @DisplayName("a truncated file, a foreign file, a bad header and a missing file each give their own sentence")
    void refused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.bpm");
        ModelFile.save(network(), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("t.bpm"), Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(assertThrows(UserError.class, () -> ModelFile.load(truncated)).getMessage().contains("truncated"));
        Path foreign = Files.writeString(dir.resolve("f.bpm"), "PK\u0003\u0004 a zip file");
        assertTrue(assertThrows(UserError.class, () -> ModelFile.load(foreign)).getMessage().contains("not a model file"));
        Path header = Files.write(dir.resolve("h.bpm"), "backprop-mlp 1\nlayers 6 x 3\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(UserError.class, () -> ModelFile.load(header)).getMessage().contains("second line"));
        Path missing = dir.resolve("nothing.bpm");
        assertTrue(assertThrows(UserError.class, () -> ModelFile.load(missing)).getMessage().contains("does not exist"));
    }
}

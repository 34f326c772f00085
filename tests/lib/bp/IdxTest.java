package bp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Idx")
class IdxTest {

    /// 2 images of 3×4 pixels: the values 0, 1, …, 22 and 255 (to check that bytes are unsigned).
    private static final int[] DIMS = {2, 3, 4};
    private static final byte[] DATA = data(24);

    @TempDir
    Path dir;

    @Test
    @DisplayName("a raw IDX file is read back with its dimensions and its bytes, unsigned")
    void readsRaw() {
        Path file = write(dir.resolve("images.idx"), 0x00000803, DIMS, DATA, false);
        Idx idx = Idx.read(file, 3);
        assertArrayEquals(DIMS, idx.dims());
        assertArrayEquals(DATA, idx.data());
        assertEquals(22, idx.unsigned(22));
        assertEquals(255, idx.unsigned(23), "the byte 0xFF is the pixel value 255, not -1");
    }

    @Test
    @DisplayName("a gzip-compressed IDX file is read back the same as the raw one")
    void readsGzip() {
        Path file = write(dir.resolve("images.idx.gz"), 0x00000803, DIMS, DATA, true);
        Idx idx = Idx.read(file, 3);
        assertArrayEquals(DIMS, idx.dims());
        assertArrayEquals(DATA, idx.data());
    }

    @Test
    @DisplayName("gzip is recognised by its magic bytes 1f 8b, not by the file name")
    void gzipByContentNotName() {
        Path gzipWithoutSuffix = write(dir.resolve("labels"), 0x00000801, new int[] {5}, data(5), true);
        Path rawWithSuffix = write(dir.resolve("labels.gz"), 0x00000801, new int[] {5}, data(5), false);
        assertArrayEquals(data(5), Idx.read(gzipWithoutSuffix, 1).data());
        assertArrayEquals(data(5), Idx.read(rawWithSuffix, 1).data());
    }

    @Test
    @DisplayName("a missing file is a UserError naming the file")
    void missingFile() {
        Path file = dir.resolve("nothing-here.gz");
        assertMessage(file, () -> Idx.read(file, 1), "does not exist");
    }

    @Test
    @DisplayName("a file that ends inside the header is reported as truncated, with the header's length")
    void truncatedHeader() {
        byte[] full = idx(0x00000803, DIMS, DATA);
        Path file = writeBytes(dir.resolve("short-header.idx"), Arrays.copyOf(full, 6));
        assertMessage(file, () -> Idx.read(file, 3), "is truncated", "header should be 16 bytes long", "ends after 6 bytes");
        Path tiny = writeBytes(dir.resolve("two-bytes.idx"), new byte[] {0, 0});
        assertMessage(tiny, () -> Idx.read(tiny, 3), "is truncated", "ends after 2 bytes");
    }

    @Test
    @DisplayName("a file with less data than its dimensions call for is reported as truncated, with both lengths")
    void truncatedData() {
        byte[] full = idx(0x00000803, DIMS, DATA);
        Path file = write(dir.resolve("short-data.gz"), Arrays.copyOf(full, 16 + 10), true);
        assertMessage(file, () -> Idx.read(file, 3), "is truncated", "expected 24 bytes of data", "2 x 3 x 4", "found 10");
    }

    @Test
    @DisplayName("bytes after the data are an error too, not silently ignored")
    void trailingBytes() {
        byte[] full = idx(0x00000803, DIMS, DATA);
        Path file = writeBytes(dir.resolve("long.idx"), Arrays.copyOf(full, full.length + 3));
        assertMessage(file, () -> Idx.read(file, 3), "3 extra bytes", "24 bytes of data");
    }

    @Test
    @DisplayName("a wrong magic number is reported with the number found and the number expected")
    void wrongMagic() {
        Path file = writeBytes(dir.resolve("zip.idx"), "PK\u0003\u0004 not an IDX file".getBytes());
        assertMessage(file, () -> Idx.read(file, 3), "not an IDX file of unsigned bytes", "0x504B0304", "expected 0x00000803");
        Path ints = write(dir.resolve("ints.idx"), 0x00000C01, new int[] {1}, new byte[4], false);
        assertMessage(ints, () -> Idx.read(ints, 1), "0x00000C01", "expected 0x00000801");
    }

    @Test
    @DisplayName("a label file read where an image file belongs is reported as having the wrong number of dimensions")
    void wrongDimensions() {
        Path file = write(dir.resolve("labels.idx"), 0x00000801, new int[] {5}, data(5), true);
        assertMessage(file, () -> Idx.read(file, 3), "has 1 dimension", "expected 3", "0x00000801", "0x00000803");
    }

    @Test
    @DisplayName("a dimension of size 0 is an error: every dimension must be positive")
    void zeroDimension() {
        Path file = write(dir.resolve("empty.idx"), 0x00000803, new int[] {0, 28, 28}, new byte[0], false);
        assertMessage(file, () -> Idx.read(file, 3), "0 x 28 x 28", "must be positive");
    }

    @Test
    @DisplayName("a file that starts like gzip but is not valid gzip is reported as a damaged gzip file")
    void corruptGzip() {
        byte[] garbage = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Path file = writeBytes(dir.resolve("corrupt.gz"), garbage);
        assertMessage(file, () -> Idx.read(file, 3), "is a damaged gzip file");
    }

    @Test
    @DisplayName("a gzip file cut short (an interrupted download) is reported as a damaged gzip file")
    void cutGzip() {
        byte[] pixels = new byte[100 * 28 * 28];
        new Random(231).nextBytes(pixels);
        byte[] gzip = gzip(idx(0x00000803, new int[] {100, 28, 28}, pixels));
        Path file = writeBytes(dir.resolve("cut.gz"), Arrays.copyOf(gzip, gzip.length / 2));
        assertMessage(file, () -> Idx.read(file, 3), "is a damaged gzip file");
    }

    @Test
    @DisplayName("a file outside the repository gets the advice to replace it, one in the repository to restore it from git")
    void remedyDependsOnPlace() {
        assertEquals("replace it with an intact copy", Idx.remedy(dir.resolve("x.gz"), "it"));
        assertEquals("restore it from git (git checkout " + Repo.display(Repo.path("data/mnist")) + ")",
                Idx.remedy(Repo.path("data/mnist/x.gz"), "it"));
    }

    /// Asserts that `read` throws a UserError with one sentence that names `file` and contains `parts`.
    static void assertMessage(Path file, Runnable read, String... parts) {
        String message = assertThrows(UserError.class, read::run).getMessage();
        assertTrue(message.startsWith(Repo.display(file) + " "), "should start with the file's name: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "should contain \"" + part + "\": " + message);
        }
        assertTrue(message.endsWith("."), "should be one sentence: " + message);
        assertEquals(1, message.split("\\. ").length, "should be one sentence: " + message);
    }

    /// The bytes 0, 1, 2, … (mod 256) with the last one 0xFF.
    static byte[] data(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) i;
        }
        data[length - 1] = (byte) 0xFF;
        return data;
    }

    /// An IDX file's bytes: the magic number, the dimensions (big-endian int32) and the data.
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * dims.length + data.length).putInt(magic);
        for (int d : dims) {
            bytes.putInt(d);
        }
        return bytes.put(data).array();
    }

    /// Writes an IDX file, gzip-compressed or raw. Returns `file`.
    static Path write(Path file, int magic, int[] dims, byte[] data, boolean gzip) {
        return write(file, idx(magic, dims, data), gzip);
    }

    static Path write(Path file, byte[] bytes, boolean gzip) {
        return writeBytes(file, gzip ? gzip(bytes) : bytes);
    }

    static Path writeBytes(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

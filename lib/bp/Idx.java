package bp;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/// An array of unsigned bytes read from an IDX file, the format MNIST comes in.
///
/// An IDX file is a header and the data, with every integer big-endian:
///
/// | bytes             | content                                                            |
/// |-------------------|--------------------------------------------------------------------|
/// | 0–3               | magic number `0x000008NN`: type `0x08` (unsigned byte), `NN` dimensions |
/// | 4 … 4 + 4·NN − 1  | the size of each dimension, an int32 each                          |
/// | the rest          | the values, one byte each, the last dimension varying fastest      |
///
/// A label file has magic `0x00000801` and dimensions `(m)`; an image file has magic
/// `0x00000803` and dimensions `(m, rows, cols)`.
///
/// @param dims the size of each dimension, e.g. `(60000, 28, 28)`; every one positive
/// @param data the values in file order, of length `dims[0] · dims[1] · …`; read a value
///             with [#unsigned(int)], because Java's `byte` is signed
public record Idx(int[] dims, byte[] data) {

    /// Type code of unsigned bytes, the third byte of the magic number.
    private static final int UNSIGNED_BYTE = 0x08;

    /// The two bytes every gzip stream starts with.
    private static final int GZIP_MAGIC_1 = 0x1f, GZIP_MAGIC_2 = 0x8b;

    private static final int BUFFER = 1 << 16;

    /// Reads the IDX file `file`, gzip-compressed or raw (told apart by the gzip magic bytes
    /// `1f 8b`, not by the file name), that must hold unsigned bytes in `dimensions` dimensions.
    ///
    /// Throws a [UserError] naming the file when it is missing, unreadable, a damaged gzip
    /// stream, has the wrong magic number or number of dimensions, a dimension that is not
    /// positive, or fewer or more data bytes than the dimensions call for.
    public static Idx read(Path file, int dimensions) {
        try (InputStream in = open(file)) {
            int[] dims = readHeader(in, file, dimensions);
            return new Idx(dims, readData(in, file, dims));
        } catch (NoSuchFileException e) {
            throw error(file, "does not exist");
        } catch (ZipException | EOFException e) {
            throw error(file, "is a damaged gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError("cannot read " + Repo.display(file) + " (" + e + "); check that it is a readable file.", e);
        }
    }

    /// The value at flat index `i` as an int 0–255.
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    /// The file's bytes, decompressed when they start with the gzip magic bytes.
    private static InputStream open(Path file) throws IOException {
        var in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        in.reset();
        return gzip ? new GZIPInputStream(in, BUFFER) : in;
    }

    /// Reads the magic number and the dimensions, checking them. Returns the dimensions.
    private static int[] readHeader(InputStream in, Path file, int dimensions) throws IOException {
        int headerLength = 4 + 4 * dimensions;
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw truncatedHeader(file, magicBytes.length, headerLength);
        }
        int magic = ByteBuffer.wrap(magicBytes).getInt();
        int expected = UNSIGNED_BYTE << 8 | dimensions;
        if ((magic & 0xFFFFFF00) != UNSIGNED_BYTE << 8) {
            throw error(file, "is not an IDX file of unsigned bytes: its magic number is " + hex(magic)
                    + ", expected " + hex(expected));
        }
        int found = magic & 0xFF;
        if (found != dimensions) {
            throw error(file, "has " + found + (found == 1 ? " dimension" : " dimensions") + " (magic number " + hex(magic)
                    + "), expected " + dimensions + " (magic number " + hex(expected) + ")");
        }
        byte[] sizes = in.readNBytes(4 * dimensions);
        if (sizes.length < 4 * dimensions) {
            throw truncatedHeader(file, 4 + sizes.length, headerLength);
        }
        int[] dims = new int[dimensions];
        ByteBuffer.wrap(sizes).asIntBuffer().get(dims);
        if (Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            throw error(file, "has dimensions " + shape(dims) + ", but every dimension must be positive");
        }
        return dims;
    }

    /// Reads exactly `dims[0] · dims[1] · …` bytes and checks that nothing follows them.
    private static byte[] readData(InputStream in, Path file, int[] dims) throws IOException {
        long length = Arrays.stream(dims).asLongStream().reduce(1, Math::multiplyExact);
        if (length > Integer.MAX_VALUE - 8) {
            throw error(file, "has dimensions " + shape(dims) + ", too large to load into one array");
        }
        byte[] data = new byte[(int) length];
        int read = in.readNBytes(data, 0, data.length);
        if (read < length) {
            throw error(file, "is truncated: expected " + length + " bytes of data after the header (" + shape(dims)
                    + "), found " + read);
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw error(file, "has " + extra + " extra bytes after the " + length + " bytes of data its header ("
                    + shape(dims) + ") calls for");
        }
        return data;
    }

    private static UserError truncatedHeader(Path file, int found, int expected) {
        return error(file, "is truncated: its header should be " + expected + " bytes long, but the file ends after " + found + " bytes");
    }

    /// One sentence: the file, what is wrong with it, and how to get an intact copy.
    private static UserError error(Path file, String problem) {
        return new UserError(Repo.display(file) + " " + problem + "; " + remedy(file, "it") + ".");
    }

    /// What to do about a damaged `file` (`what` names it: "it", "them"): restore it from git
    /// when it is one of the repository's, else replace it.
    static String remedy(Path file, String what) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            if (abs.startsWith(Repo.root()) && abs.getParent() != null) {
                return "restore " + what + " from git (git checkout " + Repo.display(abs.getParent()) + ")";
            }
        } catch (UserError notInRepository) {
            // Not run inside the repository: the generic advice below fits.
        }
        return "replace " + what + " with an intact copy";
    }

    /// "0x00000803".
    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }

    /// "60000 x 28 x 28".
    static String shape(int[] dims) {
        return String.join(" x ", Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }
}

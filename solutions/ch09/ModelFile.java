package ch09;

import bp.UserError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.ejml.data.DMatrixRMaj;

/// A trained [Mlp] saved to a file and read back.
///
/// The format, version 1 (all numbers big-endian):
///
///     backprop-mlp 1\n                    a line of ASCII: what the file is, and the format version
///     layers 784 128 10\n                 a line of ASCII: the layer sizes n₀ … n_L
///     W¹ b¹ W² b² … Wᴸ bᴸ                 float64 values: Wˡ row by row (nˡ rows of nˡ⁻¹),
///                                         then bˡ (nˡ values)
///     CRC-32                              8 bytes: the CRC-32 of every byte before it, as a long
///
/// A 784-128-10 model takes 814 KB. [#save] writes a temporary file next to the target, forces it
/// to the disk and then renames it over the target in one step, so the target is never half
/// written: a crash leaves either the old file or the new one. [#load] checks the header, the
/// length and the checksum, so a truncated or corrupted file is refused with one sentence.
public final class ModelFile {

    /// The first line of every model file.
    public static final String MAGIC = "backprop-mlp 1";

    private ModelFile() {}

    /// Writes `net` to `file` atomically (see the class comment). Throws [UserError] when the
    /// file cannot be written.
    public static void save(Mlp net, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes(net)));
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserError("could not write the model to " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is only left behind; the target is intact either way
                }
            }
        }
    }

    /// Reads a model written by [#save]. Throws [UserError] with one sentence when the file is
    /// missing, is not a model file, or is truncated or corrupted.
    public static Mlp load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("the model file " + file + " does not exist; train one with ./jbang mnist train --save " + file);
        } catch (IOException e) {
            throw new UserError("could not read the model file " + file + ": " + e.getMessage(), e);
        }
        int firstLine = lineEnd(bytes, 0);
        if (firstLine < 0 || !new String(bytes, 0, firstLine, StandardCharsets.US_ASCII).equals(MAGIC)) {
            throw new UserError(file + " is not a model file of this project (it does not start with \"" + MAGIC
                    + "\"); save one with ./jbang mnist train --save FILE");
        }
        int secondLine = lineEnd(bytes, firstLine + 1);
        int[] sizes = secondLine < 0 ? null : sizes(new String(bytes, firstLine + 1, secondLine - firstLine - 1,
                StandardCharsets.US_ASCII));
        if (sizes == null) {
            throw new UserError(file + " is corrupt: its second line must be \"layers\" and the layer sizes, like \"layers 784 128 10\"");
        }
        int header = secondLine + 1;
        long values = 0;
        for (int l = 1; l < sizes.length; l++) {
            values += (long) sizes[l] * sizes[l - 1] + sizes[l];
        }
        long expected = header + 8 * values + 8;
        if (bytes.length != expected) {
            throw new UserError(file + " is corrupt or truncated: a model with layers " + Mlp.name(sizes) + " has "
                    + expected + " bytes, this file " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (buffer.getLong(bytes.length - 8) != crc.getValue()) {
            throw new UserError(file + " is corrupt: its checksum does not match its contents");
        }
        buffer.position(header);
        List<DMatrixRMaj> weights = new ArrayList<>(), biases = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            weights.add(read(buffer, sizes[l], sizes[l - 1]));
            biases.add(read(buffer, 1, sizes[l]));
        }
        return new Mlp(weights, biases);
    }

    /// The whole file's bytes for `net`.
    private static byte[] bytes(Mlp net) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write((MAGIC + "\nlayers " + net.toString().replace('-', ' ') + "\n").getBytes(StandardCharsets.US_ASCII));
        int L = net.sizes().length - 1;
        for (int l = 1; l <= L; l++) {
            write(out, net.W(l));
            write(out, net.b(l));
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(buffer.toByteArray());
        out.writeLong(crc.getValue());
        return buffer.toByteArray();
    }

    private static void write(DataOutputStream out, DMatrixRMaj M) throws IOException {
        for (int i = 0; i < M.getNumElements(); i++) {
            out.writeDouble(M.data[i]);
        }
    }

    private static DMatrixRMaj read(ByteBuffer buffer, int rows, int cols) {
        DMatrixRMaj M = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < M.getNumElements(); i++) {
            M.data[i] = buffer.getDouble();
        }
        return M;
    }

    /// The index of the first '\n' at or after `from` within the first 200 bytes, or −1.
    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < Math.min(bytes.length, from + 200); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /// The sizes of a "layers 784 128 10" line (at least two, each 1 to 100000), or null.
    private static int[] sizes(String line) {
        String[] words = line.trim().split(" +");
        if (words.length < 3 || !words[0].equals("layers")) {
            return null;
        }
        int[] sizes = new int[words.length - 1];
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = Integer.parseInt(words[i + 1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (sizes[i] < 1 || sizes[i] > 100_000) {
                return null;
            }
        }
        return sizes;
    }
}

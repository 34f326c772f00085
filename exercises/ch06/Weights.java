package ch06;

import bp.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.ejml.data.DMatrixRMaj;

/// A network's parameters as a plain-text file, so that a run can start from the same weights as
/// another framework (chapter 6's `--init FILE`, written by `tools/xor_torch.py --write-init FILE`).
///
/// The format, for the XOR network X ─ Dense(2→10) ─ ReLU ─ Dense(10→1):
///
/// ```
/// # any line starting with # is a comment; blank lines are ignored
/// W1 10 2
/// 0.5323 -0.1284
/// ...                  (10 rows of 2 numbers: row j holds the weights of hidden unit j)
/// b1 1 10
/// 0.1 -0.3 ...         (1 row of 10 numbers)
/// W2 1 10
/// ...
/// b2 1 1
/// 0.27
/// ```
///
/// One block per parameter, in the network's order ([Network#parameters()]: W1, b1, W2, b2, ...).
/// A block is a header line `NAME ROWS COLS` and then ROWS lines of COLS numbers separated by
/// spaces or tabs. W is nOut×nIn, which is PyTorch's `nn.Linear.weight` as it is (out_features ×
/// in_features); b is written as one row. Numbers are anything `Double.parseDouble` reads
/// (`0.25`, `-1.5e-3`) and must be finite. [#write] writes every number in full precision (the
/// shortest decimal that reads back as the same double, as Python's `repr` does), so writing and
/// reading back loses nothing.
///
/// A file that does not fit ends in one sentence naming the file and the line ([UserError]).
public final class Weights {

    private Weights() {}

    /// Sets every parameter of `network` (in place) to the values in `file`, which must hold
    /// exactly the network's parameters, with their names, in their order and of their shapes.
    public static void load(Path file, Network network) {
        List<Block> blocks = readBlocks(file);
        List<Parameter> parameters = network.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (i >= blocks.size()) {
                throw new UserError(file + ":" + blocks.getLast().end() + ": the file ends without " + p.name()
                        + "; the network needs the blocks " + expected(parameters) + ".");
            }
            Block block = blocks.get(i);
            String where = file + ":" + block.line();
            if (!block.name().equals(p.name())) {
                throw new UserError(where + ": block " + (i + 1) + " is " + block.name() + " but the network's parameter "
                        + (i + 1) + " is " + p.name() + "; it needs the blocks " + expected(parameters)
                        + ", in that order.");
            }
            if (block.M().numRows != p.value().numRows || block.M().numCols != p.value().numCols) {
                throw new UserError(where + ": " + p.name() + " is " + Shapes.of(block.M()) + " here but the network's "
                        + p.name() + " is " + Shapes.of(p.value()) + "; it needs the blocks " + expected(parameters) + ".");
            }
        }
        if (blocks.size() > parameters.size()) {
            Block extra = blocks.get(parameters.size());
            throw new UserError(file + ":" + extra.line() + ": the block " + extra.name() + " is one too many; the "
                    + "network needs only " + expected(parameters) + ".");
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().setTo(blocks.get(i).M());
        }
    }

    /// Writes every parameter of `network` to `file` in the format above, after the comment
    /// lines `comments` (each gets its "# ").
    public static void write(Path file, Network network, List<String> comments) {
        StringBuilder text = new StringBuilder();
        for (String comment : comments) {
            text.append("# ").append(comment).append('\n');
        }
        for (Parameter p : network.parameters()) {
            DMatrixRMaj M = p.value();
            text.append(p.name()).append(' ').append(M.numRows).append(' ').append(M.numCols).append('\n');
            for (int i = 0; i < M.numRows; i++) {
                StringJoiner row = new StringJoiner(" ");
                for (int j = 0; j < M.numCols; j++) {
                    row.add(Double.toString(M.get(i, j)));
                }
                text.append(row).append('\n');
            }
        }
        writeText(file, text.toString());
    }

    /// The blocks of `file`, by name, in the order of the file.
    public static Map<String, DMatrixRMaj> read(Path file) {
        Map<String, DMatrixRMaj> blocks = new LinkedHashMap<>();
        for (Block block : readBlocks(file)) {
            blocks.put(block.name(), block.M());
        }
        return blocks;
    }

    /// One block of the file: its name, the line of its header and the line of its last row (both
    /// counted from 1), and its matrix.
    private record Block(String name, int line, int end, DMatrixRMaj M) {}

    /// The blocks of `file` in the order of the file.
    private static List<Block> readBlocks(Path file) {
        List<String> lines = readLines(file);
        List<Block> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int n = nextContent(lines, 0);
        if (n == lines.size()) {
            throw new UserError(file + ": there are no weights in it; it needs header lines such as \"W1 10 2\" "
                    + "each followed by that many rows of numbers (see the doc comment of ch06.Weights).");
        }
        while (n < lines.size()) {
            String[] header = fields(lines.get(n));
            String where = file + ":" + (n + 1);
            if (header.length != 3 || !header[0].matches("[A-Za-z]\\w*")) {
                throw new UserError(where + ": expected a header \"NAME ROWS COLS\" such as \"W1 10 2\", but found \""
                        + lines.get(n).strip() + "\".");
            }
            String name = header[0];
            int rows = size(header[1], where, "ROWS");
            int cols = size(header[2], where, "COLS");
            if (names.contains(name)) {
                throw new UserError(where + ": " + name + " appears a second time; each parameter has one block.");
            }
            int headerLine = n + 1;
            DMatrixRMaj M = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < rows; i++) {
                n = nextContent(lines, n + 1);
                if (n == lines.size()) {
                    throw new UserError(file + ":" + lines.size() + ": the file ends after " + i + " of the " + rows
                            + " rows of " + name + " (" + rows + "×" + cols + ").");
                }
                readRow(lines.get(n), file + ":" + (n + 1), name, cols, M, i);
            }
            names.add(name);
            blocks.add(new Block(name, headerLine, n + 1, M));
            n = nextContent(lines, n + 1);
        }
        return blocks;
    }

    /// Row `i` of `M` from one line of exactly `cols` finite numbers.
    private static void readRow(String line, String where, String name, int cols, DMatrixRMaj M, int i) {
        String[] numbers = fields(line);
        if (numbers.length != cols) {
            throw new UserError(where + ": row " + (i + 1) + " of " + name + " has " + numbers.length
                    + " numbers but " + name + " has " + cols + " columns" + (numbers.length > 0
                    && !isNumber(numbers[0]) ? " (is a row missing before the header \"" + line.strip() + "\"?)" : "")
                    + ".");
        }
        for (int j = 0; j < cols; j++) {
            if (!isNumber(numbers[j])) {
                throw new UserError(where + ": \"" + numbers[j] + "\" in row " + (i + 1) + " of " + name
                        + " is not a finite number.");
            }
            M.set(i, j, Double.parseDouble(numbers[j]));
        }
    }

    /// A positive size from a header field.
    private static int size(String field, String where, String what) {
        try {
            int value = Integer.parseInt(field);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(where + ": " + what + " must be a positive whole number, but it is \"" + field + "\".");
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /// The index of the first line from `from` on that is neither blank nor a comment (or the size).
    private static int nextContent(List<String> lines, int from) {
        int n = from;
        while (n < lines.size() && (lines.get(n).isBlank() || lines.get(n).strip().startsWith("#"))) {
            n++;
        }
        return n;
    }

    private static String[] fields(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    /// "W1 10×2, b1 1×10, W2 1×10, b2 1×1".
    private static String expected(List<Parameter> parameters) {
        StringJoiner text = new StringJoiner(", ");
        for (Parameter p : parameters) {
            text.add(p.name() + " " + Shapes.of(p.value()));
        }
        return text.toString();
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("the weights file " + file + " does not exist (or is not a file); give the path of "
                    + "a file written by tools/xor_torch.py --write-init FILE or by hand in the format of ch06.Weights.");
        }
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserError("cannot read the weights file " + file + " (" + e.getMessage() + ").");
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + " (" + e.getMessage() + "); check that the folder is writable.");
        }
    }
}

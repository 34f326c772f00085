package book;

import bp.UserError;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/// A committed Jupyter notebook, `notebooks/chNN_topic.ipynb`, as the book reads it: its cells in
/// order, each Markdown or code, a code cell with its outputs (text, or a PNG picture).
///
/// @param slug  the file name without `.ipynb`: `ch01_neuron`, the same as the chapter script's
/// @param cells every cell, in the notebook's order (the index is the cell's position)
public record Notebook(String slug, List<Cell> cells) {

    /// One cell. `index` is its position among all the notebook's cells (0-based): translations
    /// name their cells by it.
    public record Cell(int index, boolean markdown, String source, List<Output> outputs) {}

    /// One output of a code cell: `text` (a stream, a plain-text result or an error's traceback),
    /// or a PNG picture in `png`.
    public record Output(String text, byte[] png, boolean error) {}

    /// `ch01` for `ch01_neuron`.
    public String chapter() {
        return slug.substring(0, 4);
    }

    /// The chapter's number, 1 for `ch01`.
    public int number() {
        return Integer.parseInt(slug.substring(2, 4));
    }

    public List<Cell> markdownCells() {
        return cells.stream().filter(Cell::markdown).toList();
    }

    /// The number of pictures among the outputs: the chapter's figures.
    public int figures() {
        return (int) cells.stream().flatMap(c -> c.outputs().stream()).filter(o -> o.png() != null).count();
    }

    /// Every `notebooks/chNN_*.ipynb` under `root`, in chapter order.
    public static List<Notebook> all(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("notebooks"))) {
            List<Notebook> notebooks = new ArrayList<>();
            for (Path file : files.filter(p -> p.getFileName().toString().matches("ch\\d\\d_\\w+\\.ipynb")).sorted().toList()) {
                notebooks.add(read(file));
            }
            return notebooks;
        }
    }

    /// Reads one notebook; a file that is not a notebook is a [UserError] naming it.
    public static Notebook read(Path file) throws IOException {
        String slug = file.getFileName().toString().replaceFirst("\\.ipynb$", "");
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new UserError(file + " is not a Jupyter notebook (" + e.getMessage() + ").");
        }
        List<Cell> cells = new ArrayList<>();
        JsonArray array = json.has("cells") ? json.getAsJsonArray("cells") : new JsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonObject cell = array.get(i).getAsJsonObject();
            String type = cell.get("cell_type").getAsString();
            if (!type.equals("markdown") && !type.equals("code")) {
                continue;
            }
            List<Output> outputs = new ArrayList<>();
            if (cell.has("outputs")) {
                for (JsonElement element : cell.getAsJsonArray("outputs")) {
                    Output output = output(element.getAsJsonObject());
                    if (output != null) {
                        outputs.add(output);
                    }
                }
            }
            cells.add(new Cell(i, type.equals("markdown"), text(cell.get("source")), outputs));
        }
        return new Notebook(slug, cells);
    }

    private static Output output(JsonObject output) {
        String type = output.get("output_type").getAsString();
        if (type.equals("stream")) {
            return new Output(text(output.get("text")), null, false);
        }
        if (type.equals("error")) {
            StringBuilder trace = new StringBuilder();
            if (output.has("traceback")) {
                output.getAsJsonArray("traceback").forEach(line -> trace.append(line.getAsString().replaceAll("\u001B\\[[0-9;]*m", "")).append('\n'));
            }
            return new Output(trace.toString(), null, true);
        }
        JsonObject data = output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
        if (data.has("image/png")) {
            return new Output(null, Base64.getMimeDecoder().decode(text(data.get("image/png"))), false);
        }
        if (data.has("text/plain")) {
            return new Output(text(data.get("text/plain")), null, false);
        }
        return null;
    }

    /// A notebook's multi-line string: one string, or an array of lines.
    public static String text(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "";
        }
        if (element.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            element.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return element.getAsString();
    }
}

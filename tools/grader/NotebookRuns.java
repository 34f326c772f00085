package grader;

import book.Notebook;
import bp.TempFolder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/// The notebooks: every chapter has one (`notebooks/chNN_topic.ipynb` next to
/// `chapters/chNN_topic.java`), each is committed with its outputs (a plot in every cell that
/// calls `show(`, no error output), and each executes headless without a cell error, through
/// `./jbang notebooks run` into a temporary folder (the committed files are never rewritten).
final class NotebookRuns {

    static final String KERNEL = "backprop-java";

    /// Generous: all the notebooks run in about 2.5 minutes; the first install fetches Jupyter and
    /// the kernel.
    private static final long TIME_LIMIT_SECONDS = 900;

    private final Path root;
    private final Report report;

    NotebookRuns(Path root, Report report) {
        this.root = root;
        this.report = report;
    }

    /// Every chapter has its notebook, and every committed notebook holds its outputs.
    void checkCommitted() throws IOException {
        report.heading("notebooks/ (committed with their outputs)");
        for (Path script : TestCommand.chapterScripts(root)) {
            Path notebook = notebookOf(script);
            boolean exists = Files.isRegularFile(notebook);
            report.line(exists, "chapters/" + script.getFileName() + " has its notebook notebooks/" + notebook.getFileName(),
                    exists ? null : "add notebooks/" + notebook.getFileName() + " (see docs/notebooks.md) and commit it after ./jbang notebooks run");
        }
        for (Path notebook : notebooks()) {
            List<String> problems = problems(notebook);
            report.line(problems.isEmpty(), "notebooks/" + notebook.getFileName() + " is committed with its outputs, a plot where it plots, no error",
                    problems.isEmpty() ? null : String.join("; ", problems) + "; run ./jbang notebooks run and commit the result");
        }
    }

    /// Installs what is missing, then executes every notebook headless into a temporary folder, in
    /// one `./jbang notebooks run` (which builds the class paths once for all the kernels), and
    /// reports one line per notebook from its output.
    void executeAll() throws IOException {
        report.heading("notebooks execute headless (./jbang notebooks install, ./jbang notebooks run)");
        Run install = run("notebooks", "install");
        report.line(install.code() == 0, "./jbang notebooks install sets up Jupyter and the " + KERNEL + " kernel (" + install.seconds() + ")",
                install.code() == 0 ? null : "exit code " + install.code() + "; " + install.tail());
        if (install.code() != 0) {
            return;
        }
        try (var out = TempFolder.create("backprop-notebooks-")) {
            Run executed = run("notebooks", "run", "--output-dir", out.path().toString());
            List<String> lines = executed.output().lines().toList();
            for (Path notebook : notebooks()) {
                String name = "notebooks/" + notebook.getFileName();
                String done = lines.stream().filter(l -> l.startsWith("executed " + name + " in ")).findFirst().orElse(null);
                List<String> problems = done != null ? problems(out.path().resolve(notebook.getFileName())) : List.of();
                boolean ok = done != null && problems.isEmpty();
                String hint = ok ? null : done != null ? String.join("; ", problems) : failure(lines, name, executed);
                boolean saysWhere = done == null || done.endsWith(", written to " + out.path().resolve(notebook.getFileName()));
                if (!saysWhere) {
                    ok = false;
                    hint = "its line should end with ', written to " + out.path().resolve(notebook.getFileName()) + "': " + done;
                }
                String time = done == null ? "" : " (" + done.replaceFirst("^executed \\S+ in (\\d+ s).*$", "$1") + ")";
                report.line(ok, name + " executes without a cell error and plots, and says where it was written" + time, hint);
            }
        }
    }

    /// The lines `./jbang notebooks run` printed under "FAILED `name`" (the failing cell and its
    /// error), on one line; or the end of its output when it did not get to that notebook.
    private static String failure(List<String> lines, String name, Run run) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FAILED " + name + " ")) {
                at = i;
            }
        }
        if (at < 0) {
            return "exit code " + run.code() + "; " + run.tail();
        }
        List<String> error = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("    "); i++) {
            error.add(lines.get(i).strip());
        }
        List<String> last = error.subList(Math.max(0, error.size() - 8), error.size());
        return lines.get(at).substring(7) + " " + String.join(" | ", last);
    }

    /// `notebooks/ch01_neuron.ipynb` for `chapters/ch01_neuron.java`.
    private Path notebookOf(Path script) {
        return root.resolve("notebooks").resolve(script.getFileName().toString().replaceFirst("\\.java$", ".ipynb"));
    }

    private List<Path> notebooks() throws IOException {
        Path dir = root.resolve("notebooks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("ch\\d\\d_.*\\.ipynb")).sorted().toList();
        }
    }

    /// What is wrong with an executed notebook: the kernel is not ours, a code cell was not run, a
    /// cell holds an error output, or a cell that calls `show(` has no `image/png` output.
    static List<String> problems(Path notebook) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return List.of(notebook.getFileName() + " is not a notebook (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        JsonObject kernelspec = json.has("metadata") ? json.getAsJsonObject("metadata").getAsJsonObject("kernelspec") : null;
        if (kernelspec == null || !kernelspec.has("name") || !KERNEL.equals(kernelspec.get("name").getAsString())) {
            problems.add("its kernel is not " + KERNEL);
        }
        JsonArray cells = json.has("cells") ? json.getAsJsonArray("cells") : new JsonArray();
        int codeCells = 0, outputs = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            codeCells++;
            String source = Notebook.text(cell.get("source"));
            JsonArray cellOutputs = cell.has("outputs") ? cell.getAsJsonArray("outputs") : new JsonArray();
            outputs += cellOutputs.size();
            if (!cell.has("execution_count") || cell.get("execution_count").isJsonNull()) {
                problems.add("code cell " + (i + 1) + " was not run");
            }
            boolean image = false;
            for (JsonElement element : cellOutputs) {
                JsonObject output = element.getAsJsonObject();
                if ("error".equals(output.get("output_type").getAsString())) {
                    problems.add("cell " + (i + 1) + " holds an error output");
                }
                image |= output.has("data") && output.getAsJsonObject("data").has("image/png");
            }
            if (source.contains("show(") && !image) {
                problems.add("cell " + (i + 1) + " calls show( but has no image/png output");
            }
        }
        if (codeCells == 0 || outputs == 0) {
            problems.add("it has no outputs");
        }
        return problems;
    }

    /// Runs `./jbang ARGS` in the repository.
    private Run run(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("jbang").toString()));
        command.addAll(List.of(args));
        return Run.of(command, root, TIME_LIMIT_SECONDS);
    }
}

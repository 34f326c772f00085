package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("NotebookRuns")
class NotebookRunsTest {

    /// A notebook of the backprop kernel with one Markdown cell and the given code cells.
    static String notebook(String kernel, String... codeCells) {
        StringBuilder cells = new StringBuilder("""
                {"cell_type": "markdown", "metadata": {}, "source": ["# A chapter"]}""");
        for (String cell : codeCells) {
            cells.append(",\n").append(cell);
        }
        return """
                {"cells": [%s],
                 "metadata": {"kernelspec": {"name": "%s", "display_name": "Java 25 (backprop)", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """.formatted(cells, kernel);
    }

    static final String PRINTS = """
            {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["sigmoid(0.5)"],
             "outputs": [{"output_type": "stream", "name": "stdout", "text": ["0.62\\n"]}]}""";

    static final String PLOTS = """
            {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["var c = chart();\\n", "show(c);"],
             "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0KGgo="}}]}""";

    static List<String> problemsOf(Path dir, String json) throws IOException {
        return NotebookRuns.problems(Files.writeString(dir.resolve("ch01_neuron.ipynb"), json));
    }

    @Test
    @DisplayName("a notebook run through with its outputs and its plot has no problem")
    void goodNotebook(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), problemsOf(dir, notebook("backprop-java", PRINTS, PLOTS)));
    }

    @Test
    @DisplayName("an error output is a problem")
    void errorOutput(@TempDir Path dir) throws IOException {
        String failed = """
                {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["1 / 0"],
                 "outputs": [{"output_type": "error", "ename": "ArithmeticException", "evalue": "/ by zero", "traceback": []}]}""";
        List<String> problems = problemsOf(dir, notebook("backprop-java", PRINTS, failed));
        assertEquals(List.of("cell 3 holds an error output"), problems);
    }

    @Test
    @DisplayName("a notebook saved without running it (no outputs, no execution counts) is a problem")
    void notRun(@TempDir Path dir) throws IOException {
        String cell = """
                {"cell_type": "code", "execution_count": null, "metadata": {}, "source": ["sigmoid(0.5)"], "outputs": []}""";
        List<String> problems = problemsOf(dir, notebook("backprop-java", cell));
        assertEquals(List.of("code cell 2 was not run", "it has no outputs"), problems);
    }

    @Test
    @DisplayName("a cell that calls show( without an image/png output is a problem")
    void plotWithoutImage(@TempDir Path dir) throws IOException {
        String noImage = """
                {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": "show(chart);",
                 "outputs": [{"output_type": "stream", "name": "stdout", "text": "drawn\\n"}]}""";
        List<String> problems = problemsOf(dir, notebook("backprop-java", PRINTS, noImage));
        assertEquals(List.of("cell 3 calls show( but has no image/png output"), problems);
    }

    @Test
    @DisplayName("another kernel than backprop-java is a problem, and so is a file that is not JSON")
    void wrongKernelAndNotJson(@TempDir Path dir) throws IOException {
        assertEquals(List.of("its kernel is not backprop-java"), problemsOf(dir, notebook("python3", PRINTS, PLOTS)));
        List<String> broken = problemsOf(dir, "{\"cells\": [");
        assertEquals(1, broken.size());
        assertTrue(broken.getFirst().contains("is not a notebook"), broken.getFirst());
    }

    @Test
    @DisplayName("every script in chapters/ needs its notebook: a new chapter without one fails the check")
    void everyChapterHasItsNotebook(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("chapters"));
        Files.createDirectories(root.resolve("notebooks"));
        Files.writeString(root.resolve("chapters/ch01_neuron.java"), "void main() {}");
        Files.writeString(root.resolve("chapters/ch10_autodiff.java"), "void main() {}");
        Files.writeString(root.resolve("notebooks/ch01_neuron.ipynb"), notebook("backprop-java", PRINTS, PLOTS));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));
        new NotebookRuns(root, report).checkCommitted();
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, report.failed(), text);
        assertEquals(2, report.passed(), text);
        assertTrue(text.contains("FAIL  chapters/ch10_autodiff.java has its notebook notebooks/ch10_autodiff.ipynb"), text);
    }
}

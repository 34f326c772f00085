package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Options")
class OptionsTest {

    @Test
    @DisplayName("the shared options are parsed: --quick, --out DIR, --no-show, --seed N, --mine")
    void parsesEveryOption() {
        Options o = Options.parse("ch01", "Title", new String[] {"--quick", "--out", "/tmp/plots", "--no-show", "--seed", "7", "--mine"});
        assertTrue(o.quick());
        assertEquals(Path.of("/tmp/plots"), o.out());
        assertTrue(o.noShow());
        assertFalse(o.show(), "--no-show must never open a window");
        assertEquals(7, o.seed());
        assertTrue(o.mine());
        assertEquals("ch01", o.command());
    }

    @Test
    @DisplayName("without options: not quick, seed 42, plots to out/chNN under the repository root")
    void defaults() {
        Options o = Options.parse("ch01", "Title", new String[0]);
        assertFalse(o.quick());
        assertFalse(o.mine());
        assertEquals(Options.DEFAULT_SEED, o.seed());
        assertEquals(Repo.root().resolve("out/ch01"), o.out());
    }

    @Test
    @DisplayName("--seed makes the random numbers repeatable")
    void seedIsRepeatable() {
        Options o = Options.parse("ch01", "Title", new String[] {"--seed", "5"});
        assertEquals(o.random().nextDouble(), o.random().nextDouble());
    }

    @Test
    @DisplayName("an unknown option prints one sentence naming it and the usage to stderr, and exits with code 2")
    void unknownOptionExitsTwo() {
        String err = stderrOf(() -> assertThrows(Options.Exit.class, () -> Options.parse("ch01", "Title", new String[] {"--bogus"})).code == 2);
        assertTrue(err.startsWith("ch01: Unknown option: '--bogus'"), err);
        assertTrue(err.contains("Usage: ./jbang ch01"), err);
        assertTrue(err.contains("--quick"), err);
    }

    @Test
    @DisplayName("a malformed value (--seed abc, --out without a folder) exits with code 2")
    void malformedValueExitsTwo() {
        String err = stderrOf(() -> assertThrows(Options.Exit.class, () -> Options.parse("ch01", "Title", new String[] {"--seed", "abc"})).code == 2);
        assertTrue(err.contains("'abc' is not a long"), err);
        String missing = stderrOf(() -> assertThrows(Options.Exit.class, () -> Options.parse("ch01", "Title", new String[] {"--out"})).code == 2);
        assertTrue(missing.contains("Missing required parameter") && missing.contains("--out"), missing);
    }

    @Test
    @DisplayName("--help prints the usage with the chapter's title to stdout and exits with code 0")
    void helpExitsZero() {
        PrintStream saved = System.out;
        var text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true));
        try {
            assertEquals(0, assertThrows(Options.Exit.class, () -> Options.parse("ch01", "A single neuron.", new String[] {"--help"})).code);
        } finally {
            System.setOut(saved);
        }
        assertTrue(text.toString().contains("A single neuron."), text.toString());
        assertTrue(text.toString().contains("--no-show"), text.toString());
    }

    @Test
    @DisplayName("a chapter's usage ends with its footer, line by line, a % sign included (chapter 9's commands)")
    void helpEndsWithTheFooter() {
        PrintStream saved = System.out;
        var text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true));
        try {
            assertEquals(0, assertThrows(Options.Exit.class, () -> Options.parse("ch09", "MNIST.", List.of(),
                    "With a command it is a tool:\n  ./jbang mnist train   Train, to 98% or so.", new String[] {"--help"})).code);
        } finally {
            System.setOut(saved);
        }
        String usage = text.toString();
        assertTrue(usage.indexOf("--no-show") < usage.indexOf("With a command it is a tool:"), usage);
        assertTrue(usage.contains("\n  ./jbang mnist train   Train, to 98% or so."), usage);
    }

    @Test
    @DisplayName("a chapter's own file option: its value when given, empty when not, an error without a value")
    void fileOptions() {
        List<Options.FileOption> extra = List.of(new Options.FileOption("--init", "Read the initial weights from FILE."));
        Options given = Options.parse("ch06", "Title", extra, new String[] {"--init", "w.txt", "--quick"});
        assertEquals(Optional.of(Path.of("w.txt")), given.file("--init"));
        assertTrue(given.quick());
        assertEquals(Optional.empty(), Options.parse("ch06", "Title", extra, new String[0]).file("--init"));
        String err = stderrOf(() -> assertThrows(Options.Exit.class, () -> Options.parse("ch06", "Title", extra, new String[] {"--init"})).code == 2);
        assertTrue(err.contains("--init"), err);
        String bogus = stderrOf(() -> assertThrows(Options.Exit.class, () -> Options.parse("ch01", "Title", new String[] {"--init", "w.txt"})).code == 2);
        assertTrue(bogus.contains("--init"), "a chapter without --init must reject it: " + bogus);
    }

    /// Runs `check` with System.err captured; asserts it returned true and returns what was printed.
    private static String stderrOf(Supplier<Boolean> check) {
        PrintStream saved = System.err;
        var text = new ByteArrayOutputStream();
        System.setErr(new PrintStream(text, true));
        try {
            assertTrue(check.get(), "wrong exit code");
        } finally {
            System.setErr(saved);
        }
        return text.toString();
    }
}

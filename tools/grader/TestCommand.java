package grader;

import bp.Javac;
import bp.Repo;
import bp.TempFolder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `./jbang test`: every check of the project, ending with `N passed, N failed`.
///
/// 1. the library's tests (`tests/lib/`), the tools' tests (`tests/tools/`), the support
///    tests (`tests/support/`) of the code in `solutions/` that is not an exercise (chapter 6's
///    weights files, chapter 9's model files and digit pictures), and the playground's tests
///    (`tests/playground/`: its web API, a load check, its page in headless chromium): ungraded,
///    so they need not fail on the stubs;
/// 2. every chapter's graded tests on `solutions/`: all must pass;
/// 3. honesty: `exercises/` is exactly what the generator makes from `solutions/` (the stubs of
///    the files that hold exercises, and nothing else), and every graded test fails on those
///    untouched stubs (a test that passes on a stub cannot fail);
/// 4. the catalog: every alias has a description and a script that exists; every link of
///    `README.md` and `docs/*.md` names an existing file and heading ([DocLinks]);
/// 5. every chapter end to end, as a student runs it: `--quick --no-show` succeeds and writes
///    at least two plots, `--mine` on the untouched stubs stops with the "not written yet"
///    sentence, `--mine` on the solutions succeeds narrated in Chinese (`--lang zh`, no English
///    sentence left), and a bad option prints the usage and exits 2;
/// 6. the notebooks: every chapter has one, each is committed with its outputs, and each executes
///    headless without a cell error (`./jbang notebooks install`, then `./jbang notebooks run`);
/// 7. the textbook ([BookChecks]): the translations cover the notebooks, both books build, their
///    pages, links, images and PDFs are complete, and Chromium typesets their math.
@Command(name = "./jbang test", sortOptions = false, usageHelpAutoWidth = true,
        description = "Run every check of the project and end with 'N passed, N failed'.")
public final class TestCommand implements Callable<Integer> {

    @Option(names = "--no-chapters", description = "Skip running the chapter scripts (the slowest part).")
    boolean noChapters;

    @Option(names = "--no-notebooks", description = "Skip executing the notebooks (their committed outputs are still checked).")
    boolean noNotebooks;

    @Option(names = "--no-book", description = "Skip building and checking the textbook (./jbang book in both languages).")
    boolean noBook;

    @Option(names = "--only-book", description = "Only the textbook's checks: its translations, both books built, their pages, links, PDFs and math in Chromium.")
    boolean onlyBook;

    @Option(names = "--only-grading", description = "Only the instructor grader's own suite (tests/submissions), in and out of bubblewrap.")
    boolean onlyGrading;

    @Option(names = "--only-playground", description = "Only the playground's tests (tests/playground: its API, a load check, its page in headless chromium).")
    boolean onlyPlayground;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    private final Report report = new Report(System.out);

    @Override
    public Integer call() throws Exception {
        Path root = Repo.root();
        if (onlyBook) {
            new BookChecks(root, report).run();
            return report.finish();
        }
        if (onlyGrading) {
            new SubmissionsCheck(root, report).run();
            return report.finish();
        }
        if (onlyPlayground) {
            playground(root);
            return report.finish();
        }
        suites(root);
        List<String> chapters = Grader.chapters(root);
        Path solutions = root.resolve("solutions");
        for (String chapter : chapters) {
            report.heading(chapter + " graded tests on solutions/" + chapter);
            report.suite(chapter, Grader.grade(root, chapter, solutions));
        }
        try (var stubs = TempFolder.create("backprop-stubs-")) {
            honesty(root, chapters, stubs.path());
            catalog(root);
            links(root);
            new SubmissionsCheck(root, report).run();
            if (!noChapters) {
                new ChapterRuns(root, stubs.path(), report).runAll();
            }
        }
        NotebookRuns notebooks = new NotebookRuns(root, report);
        notebooks.checkCommitted();
        if (!noBook) {
            new BookChecks(root, report).run();
        }
        if (!noNotebooks) {
            notebooks.executeAll();
        }
        return report.finish();
    }

    private void suites(Path root) {
        List<Path> chapters = Suite.concat(Javac.sourcesIn(root.resolve("lib")), Javac.sourcesIn(root.resolve("solutions")));
        suite("lib", chapters, root.resolve("tests/lib"));
        // the fast trainer builds on chapter 9's network, one floor up
        suite("fast", Suite.concat(chapters, Javac.sourcesIn(root.resolve("fast"))), root.resolve("tests/fast"));
        suite("tools", Suite.concat(Javac.sourcesIn(root.resolve("tools/grader")), bookSources(root)), root.resolve("tests/tools"));
        suite("support", chapters, root.resolve("tests/support"));
        playground(root);
    }

    /// The playground's server and API, 200 event streams at once, and its page in headless chromium.
    private void playground(Path root) {
        List<Path> chapters = Suite.concat(Javac.sourcesIn(root.resolve("lib")), Javac.sourcesIn(root.resolve("solutions")));
        suite("playground", Suite.concat(chapters, Javac.sourcesIn(root.resolve("tools/playground"))), root.resolve("tests/playground"));
    }

    /// The book's classes that the checks use (the rest of tools/book needs the book's own libraries).
    private static List<Path> bookSources(Path root) {
        return Stream.of("Spans", "Notebook", "Translation", "Chromium").map(name -> root.resolve("tools/book/" + name + ".java")).toList();
    }

    /// Runs the tests in `tests` compiled together with the code they test.
    private void suite(String label, List<Path> code, Path tests) {
        report.heading(label + " tests (" + Repo.display(tests) + ")");
        Suite.Result result = Suite.run(code, Javac.sourcesIn(tests));
        report.suite(label, result);
        if (result.compiled() && result.outcomes().isEmpty()) {
            report.line(false, Repo.display(tests) + " has tests", "no test was found");
        }
    }

    /// Writes the generated stubs into `stubs`, checks they equal exercises/, and grades them.
    private void honesty(Path root, List<String> chapters, Path stubs) throws IOException {
        report.heading("exercises/ is generated from solutions/");
        List<String> differences = ExerciseGenerator.differences(root.resolve("solutions"), root.resolve("exercises"));
        Map<Path, String> generated = ExerciseGenerator.generate(root.resolve("solutions"));
        for (Map.Entry<Path, String> file : generated.entrySet()) {
            String name = "exercises/" + file.getKey().toString().replace('\\', '/');
            List<String> mine = differences.stream().filter(d -> d.startsWith(name + " ")).toList();
            report.line(mine.isEmpty(), name + " is the generated stub",
                    mine.isEmpty() ? null : mine.getFirst() + "; run ./jbang make-exercises --write");
            Path target = stubs.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        List<String> extra = differences.stream()
                .filter(d -> generated.keySet().stream().noneMatch(f -> d.startsWith("exercises/" + f + " "))).toList();
        report.line(extra.isEmpty(), "exercises/ holds no other file (the files without an exercise are compiled from solutions/)",
                String.join("; ", extra) + "; run ./jbang make-exercises --write");
        for (String chapter : chapters) {
            report.heading(chapter + " every graded test fails on the untouched stubs");
            for (Suite.Outcome outcome : Grader.grade(root, chapter, stubs).outcomes()) {
                report.line(!outcome.passed(), "fails on the stub: " + outcome.name(),
                        outcome.passed() ? "this test passes on the untouched stub, so it cannot tell a done exercise from an empty one" : null);
            }
        }
    }

    private void catalog(Path root) throws IOException {
        report.heading("jbang-catalog.json");
        JsonObject aliases = JsonParser.parseString(Files.readString(root.resolve("jbang-catalog.json")))
                .getAsJsonObject().getAsJsonObject("aliases");
        for (String alias : aliases.keySet()) {
            JsonObject entry = aliases.getAsJsonObject(alias);
            String script = entry.has("script-ref") ? entry.get("script-ref").getAsString() : "";
            String description = entry.has("description") ? entry.get("description").getAsString() : "";
            boolean ok = Files.isRegularFile(root.resolve(script)) && !description.isBlank() && !description.contains("\n");
            report.line(ok, "alias " + alias + " has a one-line description and runs " + script,
                    ok ? null : "its script-ref must name an existing file and its description must be one line");
        }
        try (Stream<Path> files = Files.list(root.resolve("chapters"))) {
            for (Path script : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String alias = script.getFileName().toString().split("_")[0];
                String ref = "chapters/" + script.getFileName();
                boolean ok = aliases.has(alias) && ref.equals(aliases.getAsJsonObject(alias).get("script-ref").getAsString());
                long named = aliases.keySet().stream()
                        .filter(a -> !a.equals(alias) && ref.equals(aliases.getAsJsonObject(a).get("script-ref").getAsString()))
                        .count();
                report.line(ok && named > 0, ref + " has the alias " + alias + " and a descriptive one",
                        ok && named > 0 ? null : "add \"" + alias + "\" and a descriptive alias for " + ref + " to jbang-catalog.json");
            }
        }
    }

    /// Every link of README.md and docs/*.md names an existing file (and after `#` a heading of it): [DocLinks].
    private void links(Path root) throws IOException {
        report.heading("links of README.md and docs/");
        for (Path page : DocLinks.pages(root)) {
            List<String> broken = DocLinks.broken(root, page);
            report.line(broken.isEmpty(), Repo.display(page) + ": every link names an existing file and heading",
                    broken.isEmpty() ? null : String.join("; ", broken));
        }
    }

    /// The chapter scripts in `chapters/`, sorted: `ch01_neuron.java`, ...
    static List<Path> chapterScripts(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("chapters"))) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().matches("ch\\d\\d_.*\\.java")).sorted().toList());
        }
    }
}

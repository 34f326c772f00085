package grader;

import bp.TempFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/// Runs every chapter script the way a student does, through `./jbang`, and checks what they see.
final class ChapterRuns {

    /// Generous: the first run of a chapter resolves its dependencies and compiles it.
    private static final long TIME_LIMIT_SECONDS = 300;

    private final Path root;
    private final Path stubs;
    private final Report report;

    ChapterRuns(Path root, Path stubs, Report report) {
        this.root = root;
        this.stubs = stubs;
        this.report = report;
    }

    void runAll() throws IOException {
        for (Path script : TestCommand.chapterScripts(root)) {
            String alias = script.getFileName().toString().split("_")[0];
            report.heading(alias + " runs as a student runs it (" + root.relativize(script) + ")");
            quick(alias);
            mineOnStubs(alias);
            mineOnSolutions(alias);
            badOption(alias);
        }
        if (Files.exists(root.resolve("chapters/ch06_hidden_layer.java"))) {
            xorFiles();
        }
        if (Files.exists(root.resolve("chapters/ch09_mnist.java"))) {
            mnistTool();
        }
        if (Files.exists(root.resolve("chapters/ch10_autodiff.java"))) {
            neuronGraph();
        }
        shell();
        gradeList();
    }

    /// `./jbang grade --list` reports progress: it exits 0 after listing, even with every test failing.
    private void gradeList() {
        report.heading("./jbang grade --list (every chapter's progress)");
        Run list = run(Map.of(), "grade", "--list", "ch01");
        boolean ok = list.code == 0 && list.stdout.startsWith("ch01 ") && list.stdout.contains("points");
        report.line(ok, "./jbang grade --list ch01 prints the chapter's progress and exits 0, whatever the progress",
                ok ? null : "exit code " + list.code + "; " + list.tail());
    }

    /// `./jbang shell` with piped input: JShell on the project's classes with the prelude.
    private void shell() throws IOException {
        report.heading("./jbang shell (JShell with the project's classes)");
        try (var in = TempFolder.create("backprop-shell-")) {
            Path input = Files.writeString(in.path().resolve("input.jsh"),
                    "sigmoid(0.5)\nnew ch06.Network(new ch06.Dense(2, 3, new Random(1)), new ch06.ReLU()).parameters().size()\n");
            Run shell = run(Map.of(), input, "shell");
            // σ(0.5) = 1/(1 + e^−0.5) = 0.6224593312018546; a dense layer has two parameters, W1 and b1
            boolean ok = shell.code == 0 && shell.stdout.contains("0.6224593312018546") && shell.stdout.contains("==> 2");
            report.line(ok, "echo 'sigmoid(0.5)' | ./jbang shell evaluates lines that use the library (" + shell.seconds() + ")",
                    ok ? null : "exit code " + shell.code + "; " + shell.tail());
        }
    }

    /// Chapter 6's --losses FILE and --init FILE: the losses of 1000 epochs, the chapter's own
    /// initial weights read back give the same losses, and a broken weights file is one sentence.
    private void xorFiles() throws IOException {
        report.heading("ch06 --init FILE and --losses FILE");
        try (var out = TempFolder.create("backprop-ch06-")) {
            Path losses = out.path().resolve("losses.txt");
            Run first = run(Map.of(), "ch06", "--quick", "--no-show", "--out", out.path().toString(), "--losses", losses.toString());
            List<String> lines = Files.exists(losses) ? Files.readAllLines(losses) : List.of();
            boolean thousand = first.code == 0 && lines.size() == 1000 && lines.stream().allMatch(ChapterRuns::isNumber);
            report.line(thousand, "./jbang ch06 --losses FILE writes the 1000 losses of the XOR run, one number per line",
                    thousand ? null : "exit code " + first.code + ", " + lines.size() + " lines; " + first.tail());
            Path weights = out.path().resolve("xor-initial-weights.txt");
            Path again = out.path().resolve("again.txt");
            Run second = run(Map.of(), "ch06", "--quick", "--no-show", "--out", out.path().resolve("2").toString(),
                    "--init", weights.toString(), "--losses", again.toString());
            boolean same = second.code == 0 && Files.exists(again) && Files.readAllLines(again).equals(lines);
            report.line(same, "./jbang ch06 --init FILE with the chapter's own initial weights gives the same 1000 losses",
                    same ? null : "exit code " + second.code + "; " + second.tail());
            Path broken = Files.writeString(out.path().resolve("broken.txt"), "W1 10 2\n0.5 oops\n");
            Run bad = run(Map.of(), "ch06", "--quick", "--no-show", "--out", out.path().toString(), "--init", broken.toString());
            List<String> errors = bad.stderr.lines().filter(l -> l.startsWith("error:")).toList();
            boolean sentence = bad.code == 1 && errors.size() == 1 && errors.getFirst().contains("broken.txt") && !bad.hasStackTrace()
                    && !bad.stdout.contains("1. ");
            report.line(sentence, "./jbang ch06 --init with a broken file ends in one sentence naming the file, exit code 1, before step 1",
                    sentence ? null : "exit code " + bad.code + "; " + bad.tail());
        }
    }

    /// Chapter 10's picture of a neuron's graph: the DOT file always, and a PNG drawn by Graphviz
    /// when `dot` is installed, by Java 2D otherwise.
    private void neuronGraph() throws IOException {
        report.heading("ch10 writes the graph of a neuron (DOT and PNG)");
        try (var out = TempFolder.create("backprop-ch10-")) {
            Run run = run(Map.of(), "ch10", "--quick", "--no-show", "--out", out.path().toString());
            Path dot = out.path().resolve("neuron_graph.dot");
            String text = Files.exists(dot) ? Files.readString(dot) : "";
            // chapter 4's neuron with two inputs: 13 nodes (6 leaves, 7 operations) and 12 arrows
            boolean graph = run.code == 0 && text.startsWith("digraph") && text.lines().filter(l -> l.contains("[label=")).count() == 13
                    && text.lines().filter(l -> l.contains(" -> ")).count() == 12;
            report.line(graph, "./jbang ch10 --quick writes out/ch10/neuron_graph.dot: 13 nodes with value and gradient, 12 arrows",
                    graph ? null : "exit code " + run.code + ", " + text.lines().count() + " lines in the DOT file; " + run.tail());
            Path png = out.path().resolve("neuron_graph.png");
            boolean drawn = Files.exists(png) && Files.size(png) > 1000
                    && (run.stdout.contains("drawn by Graphviz") || run.stdout.contains("Java 2D"));
            report.line(drawn, "./jbang ch10 --quick draws neuron_graph.png (" + (run.stdout.contains("drawn by Graphviz")
                    ? "by Graphviz" : "by Java 2D") + ")", drawn ? null : run.tail());
        }
    }

    private static boolean isNumber(String line) {
        try {
            return Double.isFinite(Double.parseDouble(line.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /// Chapter 9 as a tool: train a quick model and save it, evaluate it, write test digits as PNG
    /// and read them back with predict; bad input ends in one sentence; the benchmark's summary.
    private void mnistTool() throws IOException {
        report.heading("mnist runs as a tool (train, eval, samples, predict, bench)");
        try (var out = TempFolder.create("backprop-mnist-")) {
            Path model = out.path().resolve("model.bpm");
            Run train = run(Map.of(), "mnist", "train", "--quick", "--no-show", "--out", out.path().toString(),
                    "--save", model.toString());
            boolean trained = train.code == 0 && Files.exists(model) && train.stdout.contains("final test accuracy");
            report.line(trained, "./jbang mnist train --quick --save FILE trains, plots and saves the model (" + train.seconds() + ")",
                    trained ? null : "exit code " + train.code + "; " + train.tail());
            boolean quiet = !train.stderr.contains("WARNING: Using incubator modules");
            report.line(quiet, "./jbang mnist train does not open with Java's warning about the incubator module",
                    quiet ? null : "the launcher ./jbang should leave that line out of standard error; " + train.tail());
            Run again = run(Map.of(), "mnist", "train", "--quick", "--no-show", "--out", out.path().resolve("again").toString(),
                    "--threads", "1");
            boolean same = again.code == 0 && !epochLines(train).isEmpty() && epochLines(train).equals(epochLines(again));
            report.line(same, "./jbang mnist train --quick: the same seed prints the same costs (4 decimals) and accuracies, on 1 thread or 2",
                    same ? null : "exit code " + again.code + "; " + epochLines(train) + " against " + epochLines(again));
            Run float64 = run(Map.of(), "mnist", "train", "--quick", "--no-show", "--double", "--out",
                    out.path().resolve("float64").toString());
            boolean chapterCode = float64.code == 0 && float64.stdout.contains("float64 on") && float64.stdout.contains("final test accuracy");
            report.line(chapterCode, "./jbang mnist train --quick --double trains chapter 9's Mlp in float64 (" + float64.seconds() + ")",
                    chapterCode ? null : "exit code " + float64.code + "; " + float64.tail());
            Run eval = run(Map.of(), "mnist", "eval", "--model", model.toString());
            report.line(eval.code == 0 && eval.stdout.contains("test accuracy"), "./jbang mnist eval --model FILE reports the test accuracy",
                    eval.code == 0 ? null : "exit code " + eval.code + "; " + eval.tail());
            Path samples = out.path().resolve("samples");
            Run written = run(Map.of(), "mnist", "samples", "--count", "3", "--out", samples.toString());
            List<String> pngs = written.code == 0 ? sorted(samples) : List.of();
            report.line(pngs.size() == 3, "./jbang mnist samples --count 3 writes three test digits as PNG",
                    pngs.size() == 3 ? null : "exit code " + written.code + "; " + written.tail());
            List<String> predictArgs = new ArrayList<>(List.of("mnist", "predict", "--model", model.toString()));
            predictArgs.addAll(pngs);
            Run predict = run(Map.of(), predictArgs.toArray(String[]::new));
            // the first three test digits are 7, 2 and 1; the quick model gets them right
            boolean named = predict.code == 0 && predict.stdout.contains("digit-7.png → 7") && predict.stdout.contains("digit-2.png → 2")
                    && predict.stdout.contains("digit-1.png → 1");
            report.line(named, "./jbang mnist predict names the digits in the PNG files (7, 2, 1)",
                    named ? null : "exit code " + predict.code + "; " + predict.tail());
            if (pngs.size() == 3) {
                Path drawn = redrawn(Path.of(pngs.getFirst()), out.path().resolve("drawn-7.png"));
                Run other = run(Map.of(), "mnist", "predict", "--model", model.toString(), drawn.toString());
                boolean seven = other.code == 0 && other.stdout.contains("drawn-7.png → 7");
                report.line(seven, "./jbang mnist predict reads a 7 drawn large, dark blue on a light yellow background",
                        seven ? null : "exit code " + other.code + "; " + other.tail());
            }
            Path notAnImage = Files.writeString(out.path().resolve("notes.png"), "not a picture");
            oneSentence(run(Map.of(), "mnist", "predict", "--model", model.toString(), notAnImage.toString()),
                    "predict on a file that is not an image", "is not an image");
            oneSentence(run(Map.of(), "mnist", "eval", "--model", notAnImage.toString()),
                    "eval on a file that is not a model", "is not a model file");
            Path truncated = out.path().resolve("truncated.bpm");
            byte[] bytes = Files.readAllBytes(model);
            Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
            oneSentence(run(Map.of(), "mnist", "eval", "--model", truncated.toString()), "eval on a truncated model", "truncated");
            oneSentence(run(Map.of(), "mnist", "train", "--quick", "--no-show", "--out", out.path().toString(), "--opt", "sgd", "--lr", "1e300"),
                    "train with a learning rate that makes the loss overflow, suggesting the default", "try sgd's default, --lr 0.1");
            Run help = run(Map.of(), "mnist", "--help");
            boolean commands = help.code == 0 && Stream.of("train", "eval", "predict", "samples")
                    .allMatch(command -> help.stdout.contains("./jbang mnist " + command));
            report.line(commands, "./jbang mnist --help names the commands train, eval, predict and samples",
                    commands ? null : "exit code " + help.code + "; " + help.tail());
            Run trainHelp = run(Map.of(), "mnist", "train", "--help");
            boolean noVersion = trainHelp.code == 0 && trainHelp.stdout.contains("--lr") && !trainHelp.stdout.contains("--version");
            report.line(noVersion, "./jbang mnist train --help lists its options and no --version that would print nothing",
                    noVersion ? null : "exit code " + trainHelp.code + "; " + trainHelp.tail());
        }
        Run bench = run(Map.of(), "bench", "--epochs", "1");
        boolean summary = bench.code == 0 && bench.stdout.lines().anyMatch(l -> l.startsWith("SUMMARY java-vector float64 sgd arch=784,128,10  median"));
        report.line(summary, "./jbang bench --epochs 1 ends with the reference trainers' SUMMARY line (" + bench.seconds() + ")",
                summary ? null : "exit code " + bench.code + "; " + bench.tail());
        // side by side with NumPy (installed by .ci/run) under one busy process, as docs/speed.md measures
        Run side = run(Map.of(), "bench", "--float", "--epochs", "1", "--busy", "1", "--against", "numpy");
        boolean both = side.code == 0 && side.stdout.contains("(--busy 1, pid ")
                && side.stdout.lines().anyMatch(l -> l.startsWith("SUMMARY java-vector float32 sgd"))
                && side.stdout.lines().anyMatch(l -> l.contains("SUMMARY numpy-") && l.contains(" float32 sgd "))
                && side.stdout.lines().anyMatch(l -> l.startsWith("| java / numpy | "));
        report.line(both, "./jbang bench --float --busy 1 --against numpy trains both, under one busy process, and compares them ("
                + side.seconds() + ")", both ? null : "exit code " + side.code + "; " + side.tail());
        // the pids of its busy processes, from the line "machine: ... (--busy 1, pid 1234)"
        List<Long> busy = side.stdout.lines().filter(l -> l.startsWith("machine: ") && l.contains(", pid "))
                .flatMap(l -> Arrays.stream(l.substring(l.indexOf(", pid ") + 6, l.lastIndexOf(')')).split(" ")))
                .map(Long::parseLong).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        report.line(side.code == 0 && busy.isEmpty(), "./jbang bench --busy stops its busy processes when it ends", "still running: " + busy);
        Run unknown = run(Map.of(), "bench", "--against", "matlab");
        boolean refused = unknown.code == 1 && !unknown.hasStackTrace()
                && unknown.stderr.lines().anyMatch(l -> l.equals("error: unknown reference trainer 'matlab'; use numpy, torch or numpy,torch"));
        report.line(refused, "./jbang bench --against matlab is refused in one sentence", "exit code " + unknown.code + "; " + unknown.tail());
    }

    /// The 28×28 MNIST digit in `png` drawn as a user might: 5 times larger, off centre, in dark blue
    /// ink on a light yellow page with a wide margin, as a colour PNG at `file`.
    private static Path redrawn(Path png, Path file) throws IOException {
        BufferedImage digit = ImageIO.read(png.toFile());
        BufferedImage page = new BufferedImage(240, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int dx = (x - 70) / 5, dy = (y - 30) / 5;
                double ink = dx >= 0 && dx < 28 && dy >= 0 && dy < 28 ? (digit.getRGB(dx, dy) & 0xff) / 255.0 : 0;
                int r = (int) (250 - ink * 230), g = (int) (245 - ink * 205), b = (int) (200 - ink * 80);
                page.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ImageIO.write(page, "png", file.toFile());
        return file;
    }

    /// The epoch lines of a training run without their last column, the time.
    private static List<String> epochLines(Run run) {
        return run.stdout.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d.*s$"))
                .map(l -> l.substring(0, l.lastIndexOf('%') + 1)).toList();
    }

    /// Checks that `run` failed with exit code 1 and one sentence containing `words`, no stack trace.
    private void oneSentence(Run run, String what, String words) {
        boolean ok = run.code == 1 && run.stderr.contains(words) && !run.hasStackTrace();
        report.line(ok, "./jbang mnist: " + what + " ends in one sentence and exit code 1",
                ok ? null : "exit code " + run.code + "; " + run.tail());
    }

    private static List<String> sorted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::toString).filter(name -> name.endsWith(".png")).sorted().toList();
        }
    }

    private void quick(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of(), alias, "--quick", "--no-show", "--out", out.path().toString());
            long plots = pngs(out.path());
            boolean ok = run.code == 0 && plots >= 2;
            report.line(ok, "./jbang " + alias + " --quick --no-show writes its plots (" + plots + " PNG, " + run.seconds() + ")",
                    ok ? null : "exit code " + run.code + ", " + plots + " PNG files; " + run.tail());
        }
    }

    private void mineOnStubs(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of("BACKPROP_EXERCISES", stubs.toString()), alias, "--mine", "--quick", "--no-show", "--out", out.path().toString());
            boolean ok = run.code == 1 && run.stderr.contains("is not written yet") && !run.hasStackTrace();
            report.line(ok, "./jbang " + alias + " --mine on the untouched stubs says which exercise is not written yet",
                    ok ? null : "exit code " + run.code + "; " + run.tail());
        }
    }

    /// `--mine` on finished exercises, narrated in Chinese (`--lang zh`): one run checks both.
    private void mineOnSolutions(String alias) throws IOException {
        try (var out = TempFolder.create("backprop-" + alias + "-")) {
            Run run = run(Map.of("BACKPROP_EXERCISES", root.resolve("solutions").toString()), alias, "--mine", "--quick", "--no-show",
                    "--lang", "zh", "--out", out.path().toString());
            long plots = pngs(out.path());
            boolean ok = run.code == 0 && plots >= 2 && run.stdout.contains("在你的代码上运行");
            report.line(ok, "./jbang " + alias + " --mine runs the chapter on finished exercises (" + run.seconds() + ")",
                    ok ? null : "exit code " + run.code + ", " + plots + " PNG files; " + run.tail());
            List<String> english = run.stdout.lines().filter(l -> ENGLISH_PROSE.matcher(l).find()).toList();
            boolean chinese = run.code == 0 && english.isEmpty() && run.stdout.lines().skip(1).findFirst().orElse("").codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            report.line(chinese, "./jbang " + alias + " --lang zh narrates in Chinese (chapters/zh/" + alias + ".tsv): its title and no English sentence left",
                    chinese ? null : english.isEmpty() ? "the title is not translated; " + run.tail()
                            : english.size() + " lines still English, first: " + english.getFirst().strip());
        }
    }

    /// Four English words in a row, one space apart: a sentence the catalogue did not translate
    /// (table headers, spaced wide, and code such as ./jbang commands do not match).
    private static final java.util.regex.Pattern ENGLISH_PROSE = java.util.regex.Pattern.compile("\\b[a-zA-Z']{2,}(?:,? [a-zA-Z']{2,}){3}\\b");

    private void badOption(String alias) {
        Run run = run(Map.of(), alias, "--bogus");
        boolean ok = run.code == 2 && run.stderr.contains("Unknown option") && run.stderr.contains("Usage:") && !run.hasStackTrace();
        report.line(ok, "./jbang " + alias + " --bogus prints the usage and exits 2",
                ok ? null : "exit code " + run.code + "; " + run.tail());
    }

    private record Run(int code, String stdout, String stderr, long millis) {
        boolean hasStackTrace() {
            return (stdout + stderr).lines().anyMatch(l -> l.startsWith("\tat ") || l.matches("^Exception in thread.*"));
        }

        String seconds() {
            return "%.1f s".formatted(millis / 1000.0);
        }

        /// The last lines of the output, for a failure's hint.
        String tail() {
            List<String> lines = (stdout + "\n" + stderr).lines().filter(l -> !l.isBlank()).toList();
            return "last output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    private Run run(Map<String, String> env, String... args) {
        return run(env, Path.of("/dev/null"), args);
    }

    /// Runs `./jbang args...` with `env` added and standard input read from `input`.
    private Run run(Map<String, String> env, Path input, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("jbang").toString()));
        command.addAll(List.of(args));
        try (var logs = TempFolder.create("backprop-run-")) {
            Path out = logs.path().resolve("stdout");
            Path err = logs.path().resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Run(-1, "", "did not finish within " + TIME_LIMIT_SECONDS + " s", 0);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err), millis);
        } catch (IOException e) {
            return new Run(-1, "", "could not start ./jbang: " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "", "interrupted", 0);
        }
    }

    private static long pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).filter(p -> p.toFile().length() > 1000).count();
        }
    }
}

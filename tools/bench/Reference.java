package benchkit;

import bp.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// `./jbang bench --against numpy,torch`: runs a reference trainer of tools/bench (numpy_mlp.py or
/// torch_mlp.py) on the same protocol, in the same run, under the same load, and reads its
/// SUMMARY line.
public final class Reference {

    /// What a trainer's SUMMARY line says: its name and dtype, and its median seconds per epoch.
    public record Summary(String system, String dtype, String opt, double median, double min, double max, double accuracy) {

        private static final Pattern LINE = Pattern.compile(
                "SUMMARY (\\S+) (\\S+) (\\S+) arch=\\S+\\s+median ([0-9.]+) s/epoch \\(min ([0-9.]+) max ([0-9.]+)\\)\\s+final test acc ([0-9.]+)");

        /// The summary in `line`, or null when it is not a SUMMARY line.
        public static Summary parse(String line) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                return null;
            }
            return new Summary(m.group(1), m.group(2), m.group(3), Double.parseDouble(m.group(4)),
                    Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)));
        }
    }

    private Reference() {}

    /// The Python that has NumPy on Debian: /usr/bin/python3 (not a pyenv one), else python3.
    public static String defaultPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /// Checks that `python` can import what `trainer` ("numpy" or "torch") needs, before anything is timed.
    public static void check(String python, String trainer) {
        String module = trainer.equals("torch") ? "torch" : "numpy";
        String install = trainer.equals("torch") ? "apt-get install python3-torch libopenblas0-pthread"
                : "apt-get install python3-numpy libopenblas0-pthread";
        int exit;
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exit = p.waitFor();
        } catch (IOException e) {
            throw new UserError("--against " + trainer + " needs Python 3, but '" + python + "' does not run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
        if (exit != 0) {
            throw new UserError("--against " + trainer + " needs " + module + " in " + python + ": on Debian, " + install);
        }
    }

    /// Runs tools/bench/`trainer`_mlp.py under `root` with `arguments`, echoing its lines indented,
    /// and returns its summary.
    public static Summary run(Path root, String python, String trainer, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(python, root.resolve("tools/bench/" + trainer + "_mlp.py").toString()));
        command.addAll(arguments);
        Summary summary = null;
        List<String> lines = new ArrayList<>();
        int exit;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    IO.println("  | " + line);
                    lines.add(line);
                    Summary s = Summary.parse(line);
                    summary = s != null ? s : summary;
                }
            }
            exit = p.waitFor();
        } catch (IOException e) {
            throw new UserError("could not run " + String.join(" ", command) + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
        if (exit != 0 || summary == null) {
            throw new UserError(trainer + "_mlp.py failed (exit " + exit + ")" + (lines.isEmpty() ? "" : ": " + lines.getLast()));
        }
        return summary;
    }
}

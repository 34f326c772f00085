package book;

import bp.TempFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Headless Chromium (Debian's package `chromium`), the book's printer and the tests' browser:
/// it prints the book to PDF, dumps a page's DOM after its scripts ran, and takes screenshots.
/// Every run gets a fresh profile folder, no network (`--proxy-server` to a closed port, so a page
/// that tried to load something from the network would fail to) and a time limit.
public final class Chromium {

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /// The browser named by `BACKPROP_CHROMIUM`, else the first of chromium, chromium-browser,
    /// google-chrome on the `PATH`; null when there is none.
    public static Chromium find() {
        String named = System.getenv("BACKPROP_CHROMIUM");
        if (named != null && !named.isBlank() && Files.isExecutable(Path.of(named))) {
            return new Chromium(Path.of(named));
        }
        String path = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return new Chromium(candidate);
                }
            }
        }
        return null;
    }

    /// Prints `page` (its scripts given `budgetMillis` of virtual time first) to `pdf`, with no
    /// header or footer of Chromium's own: the page's CSS puts the page numbers in.
    public void printToPdf(Path page, Path pdf, int budgetMillis) throws IOException {
        Files.deleteIfExists(pdf);
        run(List.of("--no-pdf-header-footer", "--virtual-time-budget=" + budgetMillis, "--print-to-pdf=" + pdf.toAbsolutePath(),
                url(page, "")), 240);
        if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
            throw new IOException("Chromium did not write " + pdf);
        }
    }

    /// The DOM of `page` (with `query` appended to its URL, such as `?theme=dark`) after its
    /// scripts ran for `budgetMillis` of virtual time.
    public String dumpDom(Path page, String query, int budgetMillis) throws IOException {
        return run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url(page, query)), 120);
    }

    /// A screenshot of `page` (with `query`) in a window of `width`×`height` CSS pixels.
    public void screenshot(Path page, String query, Path png, int width, int height, int budgetMillis) throws IOException {
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=" + budgetMillis, "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url(page, query)), 120);
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium did not write " + png);
        }
    }

    private static String url(Path page, String query) {
        return page.toAbsolutePath().toUri() + query;
    }

    /// Runs the browser headless with `args`; returns what it printed on standard output.
    private String run(List<String> args, int seconds) throws IOException {
        try (var profile = TempFolder.create("backprop-chromium-")) {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
                    "--user-data-dir=" + profile.path().resolve("profile")));
            command.addAll(args);
            Path out = profile.path().resolve("stdout.txt"), err = profile.path().resolve("stderr.txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IOException("Chromium did not finish within " + seconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while Chromium ran");
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(err);
                throw new IOException("Chromium exited with " + process.exitValue() + ": "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())));
            }
            return Files.readString(out);
        }
    }
}

package grader;

import bp.Repo;
import bp.TempFolder;
import book.Chromium;
import book.Notebook;
import book.Translation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/// The textbook (`./jbang book`): the Chinese translation covers every Markdown cell and figure
/// of the notebooks and keeps their formulas and code; both books build into a temporary folder;
/// every page, image and internal link is there and no page refers to a network address; a
/// headless Chromium opens a chapter in each language and each theme, the math is typeset (no
/// raw `$$` or `\(` left) and screenshots go to `out/book-screenshots/`; each PDF has every
/// chapter's title, and page numbers.
///
/// What counts as a network address: any `http:`, `https:` or protocol-relative `//` URL in an
/// attribute (`src`, `href`) of any page, and any `http://` or `https://` at all in the pages,
/// the search index and the book's own style and scripts. MathJax's own file
/// (`assets/mathjax/tex-svg-full.js`) holds URLs as strings (XML namespaces, its documentation),
/// loads nothing with this configuration, and is checked in the browser instead: Chromium runs
/// with its proxy pointed at a closed local port, so a page that needed the network would not
/// typeset.
final class BookChecks {

    private static final long TIME_LIMIT_SECONDS = 300;
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(src|href)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    private final Path root;
    private final Report report;

    BookChecks(Path root, Report report) {
        this.root = root;
        this.report = report;
    }

    void run() throws IOException {
        report.heading("the book: translations (notebooks/zh/) cover the notebooks");
        List<Notebook> notebooks = Notebook.all(root);
        for (Notebook notebook : notebooks) {
            Translation english = Translation.english(root, notebook);
            List<String> captions = english.problems(english, notebook.figures());
            report.line(captions.isEmpty(), "notebooks/figures.tsv captions every figure of " + notebook.slug() + " (" + notebook.figures() + ")",
                    captions.isEmpty() ? null : String.join("; ", captions));
            Translation zh = Translation.read(root, "zh", notebook);
            List<String> problems = zh.problems(english, notebook.figures());
            report.line(problems.isEmpty(), "notebooks/zh/" + notebook.slug() + ".md translates its " + english.cells().size()
                            + " Markdown cells and " + notebook.figures() + " captions, formulas, code and headings unchanged",
                    problems.isEmpty() ? null : String.join("; ", problems.subList(0, Math.min(6, problems.size())))
                            + (problems.size() > 6 ? "; and " + (problems.size() - 6) + " more" : ""));
        }
        report.heading("the book: ./jbang book and ./jbang book --lang zh, checked page by page and in Chromium");
        Chromium chromium = Chromium.find();
        report.line(chromium != null, "Chromium is installed for the browser checks and the PDF",
                chromium == null ? "install it (sudo apt-get install chromium); .ci/run does" : null);
        try (var out = TempFolder.create("backprop-book-")) {
            // The English build compiles the book's script; the Chinese one then runs beside the
            // English checks (both mostly wait for Chromium).
            Run english = book("en", out.path());
            CompletableFuture<Run> chinese = CompletableFuture.supplyAsync(() -> book("zh", out.path()));
            built("en", english);
            if (english.code() == 0) {
                checkPdf("en", out.path(), notebooks);
                checkInBrowser(chromium, "en", out.path());
            }
            Run zh = chinese.join();
            built("zh", zh);
            if (zh.code() == 0) {
                checkPdf("zh", out.path(), notebooks);
                checkInBrowser(chromium, "zh", out.path());
            }
            // the pages link to each other's language, so they are checked once both are built
            for (String lang : List.of("en", "zh")) {
                if ((lang.equals("en") ? english : zh).code() == 0) {
                    checkPages(lang, out.path(), notebooks);
                }
            }
        }
    }

    private void built(String lang, Run build) {
        report.line(build.code() == 0, "./jbang book --lang " + lang + " builds the book (" + build.seconds() + ")",
                build.code() == 0 ? null : "exit code " + build.code() + "; " + build.tail());
    }

    private static Path dir(String lang, Path out) {
        return lang.equals("en") ? out : out.resolve(lang);
    }

    /// Every page is there, and every link, image and script of every page resolves to a file
    /// of the book or the repository (and to an id in it, for `page#id`), never to the network.
    private void checkPages(String lang, Path out, List<Notebook> notebooks) throws IOException {
        Path dir = dir(lang, out);
        List<String> missing = new ArrayList<>();
        for (String page : pages(notebooks)) {
            if (!Files.isRegularFile(dir.resolve(page))) {
                missing.add(page);
            }
        }
        report.line(missing.isEmpty(), lang + ": index.html, print.html, search-index.js and a page per chapter (" + notebooks.size() + ") are written",
                missing.isEmpty() ? null : "missing: " + String.join(", ", missing));
        List<String> network = new ArrayList<>(), broken = new ArrayList<>(), badImages = new ArrayList<>();
        int links = 0, images = 0;
        Map<Path, List<String>> ids = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js")).sorted().toList();
        }
        List<Path> ownAssets;
        try (Stream<Path> list = Files.list(out.resolve("assets"))) {
            ownAssets = list.filter(Files::isRegularFile).toList();
        }
        for (Path file : Stream.concat(files.stream(), ownAssets.stream()).toList()) {
            String text = Files.readString(file);
            if (text.contains("http://") || text.contains("https://")) {
                network.add(out.relativize(file) + " names a network address");
            }
        }
        for (Path page : files.stream().filter(p -> p.toString().endsWith(".html")).toList()) {
            String html = Files.readString(page);
            Matcher m = ATTRIBUTE.matcher(html);
            while (m.find()) {
                String url = m.group(2).replace("&amp;", "&");
                String where = out.relativize(page) + " " + m.group(1) + "=\"" + url + "\"";
                if (url.matches("(?i)^(https?:|//|ftp:|ws:).*")) {
                    network.add(where);
                    continue;
                }
                links++;
                String path = url.replaceFirst("[#?].*$", "");
                String fragment = url.contains("#") ? url.substring(url.indexOf('#') + 1) : "";
                Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!Files.exists(target)) {
                    broken.add(where);
                } else if (!fragment.isEmpty() && target.toString().endsWith(".html")
                        && !ids.computeIfAbsent(target, BookChecks::ids).contains(fragment)) {
                    broken.add(where + " (no id " + fragment + ")");
                }
                if (m.group(1).equals("src") && path.endsWith(".png")) {
                    images++;
                    if (Files.exists(target) && !isPng(target)) {
                        badImages.add(where);
                    }
                }
            }
        }
        report.line(network.isEmpty(), lang + ": no page, index or script of the book names a network address",
                network.isEmpty() ? null : String.join("; ", network.subList(0, Math.min(5, network.size()))));
        report.line(broken.isEmpty() && links > 0, lang + ": every link, script and image of every page resolves (" + links + " checked)",
                broken.isEmpty() ? null : broken.size() + " broken: " + String.join("; ", broken.subList(0, Math.min(5, broken.size()))));
        int figures = notebooks.stream().mapToInt(Notebook::figures).sum();
        // each figure is on its chapter's page and once more in print.html
        report.line(badImages.isEmpty() && images == 2 * figures, lang + ": every figure of the notebooks is a PNG picture on its page and in the print page ("
                        + figures + " figures)",
                badImages.isEmpty() ? "found " + images + " pictures, expected " + 2 * figures : "not PNG: " + String.join("; ", badImages));
    }

    /// Every chapter's title is in the PDF, and it has a page number on its pages.
    private void checkPdf(String lang, Path out, List<Notebook> notebooks) throws IOException {
        Path pdf = dir(lang, out).resolve(lang.equals("en") ? "backprop.pdf" : "backprop-" + lang + ".pdf");
        if (!Files.isRegularFile(pdf)) {
            report.line(false, lang + ": the PDF " + pdf.getFileName() + " is written", "it is missing");
            return;
        }
        Run text = Run.of(List.of("pdftotext", "-layout", pdf.toString(), "-"), null, TIME_LIMIT_SECONDS);
        if (text.code() != 0) {
            report.line(false, lang + ": the PDF " + pdf.getFileName() + " has every chapter's title",
                    "pdftotext (Debian's poppler-utils) could not read it: " + text.tail() + "; .ci/run installs poppler-utils");
            return;
        }
        String[] pages = text.output().replaceFirst("\f\\s*$", "").split("\f");
        String squeezed = text.output().replaceAll("\\s+", "");
        List<String> absent = new ArrayList<>();
        for (Notebook notebook : notebooks) {
            String title = h1(dir(lang, out).resolve(notebook.chapter() + ".html"));
            if (title == null || !squeezed.contains(title.replaceAll("\\s+", ""))) {
                absent.add(notebook.chapter() + " (" + title + ")");
            }
        }
        report.line(absent.isEmpty(), lang + ": the PDF " + pdf.getFileName() + " has every chapter's title (" + pages.length + " pages)",
                absent.isEmpty() ? null : "not found: " + String.join(", ", absent) + (lang.equals("zh") ? " (Chinese needs a CJK font: apt-get install fonts-noto-cjk)" : ""));
        int numbered = 0;
        for (int p = 1; p < pages.length; p++) {
            List<String> lines = pages[p].strip().lines().toList();
            if (!lines.isEmpty() && lines.getLast().strip().equals(String.valueOf(p + 1))) {
                numbered++;
            }
        }
        report.line(numbered >= pages.length * 9 / 10 && pages.length > notebooks.size(),
                lang + ": the PDF's pages carry their page numbers (" + numbered + " of " + (pages.length - 1) + " after the cover)",
                "only " + numbered + " of " + pages.length + " pages end with their number");
    }

    /// A chapter page in each theme: the math is typeset, nothing raw is left, a screenshot is
    /// written to out/book-screenshots/, and the theme really is light or dark.
    private void checkInBrowser(Chromium chromium, String lang, Path out) throws IOException {
        if (chromium == null) {
            return;
        }
        Path page = dir(lang, out).resolve("ch01.html");
        String html = Files.readString(page);
        int math = count(html, "class=\"math ");
        try {
            String dom = chromium.dumpDom(page, "", 20_000);
            int typeset = count(dom, "<mjx-container");
            String text = dom.replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<mjx-container.*?</mjx-container>", "")
                    .replaceAll("<[^>]+>", "");
            boolean raw = text.contains("$$") || text.contains("\\(") || text.contains("\\[");
            boolean ok = dom.contains("data-math=\"done\"") && typeset == math && math > 0 && !raw;
            report.line(ok, lang + ": Chromium typesets every formula of ch01.html (" + typeset + " of " + math + ") and no raw TeX is left",
                    ok ? null : "typeset " + typeset + " of " + math + (raw ? ", raw TeX ($$ or \\( or \\[) left in the text" : "")
                            + (dom.contains("data-math=\"done\"") ? "" : ", MathJax did not finish"));
        } catch (IOException e) {
            report.line(false, lang + ": Chromium typesets every formula of ch01.html", e.getMessage());
        }
        Path shots = root.resolve("out/book-screenshots");
        Files.createDirectories(shots);
        for (String theme : List.of("light", "dark")) {
            Path png = shots.resolve(lang + "-" + theme + ".png");
            try {
                chromium.screenshot(page, "?theme=" + theme, png, 1280, 900, 20_000);
                double brightness = brightness(png);
                boolean ok = theme.equals("dark") ? brightness < 90 : brightness > 180;
                report.line(ok, lang + ": a screenshot of ch01.html in the " + theme + " theme is written to " + Repo.display(png)
                                + " (mean brightness " + Math.round(brightness) + ")",
                        ok ? null : "its background is not " + theme + ": mean brightness " + Math.round(brightness) + " of 255");
            } catch (IOException e) {
                report.line(false, lang + ": a screenshot of ch01.html in the " + theme + " theme", e.getMessage());
            }
        }
    }

    /// The mean brightness (0-255) of a screenshot's left column, where the contents sit on the
    /// page's background.
    private static double brightness(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        double sum = 0;
        int n = 0;
        for (int y = 60; y < image.getHeight(); y += 4) {
            for (int x = 0; x < Math.min(image.getWidth(), 200); x += 4) {
                int rgb = image.getRGB(x, y);
                sum += 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                n++;
            }
        }
        return sum / n;
    }

    private static List<String> pages(List<Notebook> notebooks) {
        List<String> pages = new ArrayList<>(List.of("index.html", "print.html", "search-index.js"));
        notebooks.forEach(n -> pages.add(n.chapter() + ".html"));
        return pages;
    }

    private static List<String> ids(Path page) {
        try {
            return ID.matcher(Files.readString(page)).results().map(r -> r.group(1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isPng(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && (head[0] & 255) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        } catch (IOException e) {
            return false;
        }
    }

    /// The text of a page's first `<h1>`, its math as the TeX source; null when it has none.
    private static String h1(Path page) throws IOException {
        Matcher m = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(Files.readString(page));
        return m.find() ? m.group(1).replaceAll("<[^>]+>", "").replace("&amp;", "&").strip() : null;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private Run book(String lang, Path out) {
        return Run.of(List.of(root.resolve("jbang").toString(), "book", "--lang", lang, "--out", out.toString()), root, TIME_LIMIT_SECONDS);
    }
}

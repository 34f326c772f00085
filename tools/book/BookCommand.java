package book;

import bp.Repo;
import bp.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `./jbang book [--lang en|zh] [--out DIR] [--no-pdf]`: the textbook as static HTML pages and a
/// PDF, made offline from the committed notebooks.
///
/// English goes to `out/book/`, Chinese to `out/book/zh/`; both use the same `assets/` (style,
/// scripts, MathJax) and `images/` (the notebooks' plots) in `out/book/`. Each chapter is one page:
/// the notebook's Markdown (with its math typeset by MathJax in the browser), its code and what the
/// code printed and drew, a table of contents, previous/next, a search over the text, a light
/// and a dark theme, and links from each section to the chapter script and the exercise files in
/// the repository. `print.html` holds the whole book on one page, which headless Chromium prints
/// to `backprop.pdf` (`backprop-zh.pdf`).
@Command(name = "./jbang book", sortOptions = false, usageHelpAutoWidth = true,
        description = "Render the textbook from the notebooks: HTML pages and a PDF in out/book/ (Chinese: out/book/zh/).")
public final class BookCommand implements Callable<Integer> {

    @Option(names = "--lang", paramLabel = "en|zh", description = "The language: en (English, the default) or zh (Simplified Chinese).")
    String lang = "en";

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the English book (default out/book); Chinese goes to DIR/zh.")
    Path out;

    @Option(names = "--no-pdf", description = "Write the HTML pages only, without printing the PDF.")
    boolean noPdf;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    static final String MATHJAX = "/META-INF/resources/webjars/mathjax/3.2.2/";

    private Path root;
    private Labels labels;
    private final Markdown markdown = new Markdown();

    /// One chapter, rendered. `sections` maps each level-2 heading's id to its title (HTML).
    record Chapter(int number, String slug, String titleHtml, String titleText, Map<String, String> sections,
                   String body, List<SearchEntry> search) {
        String page() {
            return slug.substring(0, 4) + ".html";
        }
    }

    /// One section in the search index: its link, its title and its text.
    record SearchEntry(String url, String title, String text) {}

    @Override
    public Integer call() throws IOException {
        root = Repo.root();
        labels = Labels.of(lang);
        Path base = (out == null ? root.resolve("out/book") : out).toAbsolutePath().normalize();
        Path dir = lang.equals("en") ? base : base.resolve(lang);
        List<Notebook> notebooks = Notebook.all(root);
        if (notebooks.isEmpty()) {
            throw new UserError("there is no notebook in notebooks/ to make a book of.");
        }
        List<Translation> texts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Notebook notebook : notebooks) {
            Translation english = Translation.english(root, notebook);
            Translation text = lang.equals("en") ? english : Translation.read(root, lang, notebook);
            problems.addAll(text.problems(english, notebook.figures()));
            texts.add(text);
        }
        if (!problems.isEmpty()) {
            throw new UserError("the book's " + (lang.equals("en") ? "captions" : lang + " translation") + " is not complete: "
                    + problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "")
                    + "; fix " + (lang.equals("en") ? "notebooks/figures.tsv" : "notebooks/" + lang + "/") + ".");
        }
        Files.createDirectories(dir);
        writeAssets(base);
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < notebooks.size(); i++) {
            chapters.add(chapter(notebooks.get(i), texts.get(i), base, dir));
        }
        for (int i = 0; i < chapters.size(); i++) {
            Files.writeString(dir.resolve(chapters.get(i).page()), chapterPage(chapters, i, base, dir));
        }
        Files.writeString(dir.resolve("index.html"), indexPage(chapters, base, dir));
        Files.writeString(dir.resolve("print.html"), printPage(chapters, base, dir));
        Files.writeString(dir.resolve("search-index.js"), searchIndex(chapters));
        System.out.println("wrote " + Repo.display(dir.resolve("index.html")) + " and " + chapters.size() + " chapter pages ("
                + notebooks.stream().mapToInt(Notebook::figures).sum() + " figures)");
        if (noPdf) {
            return 0;
        }
        Chromium chromium = Chromium.find();
        if (chromium == null) {
            throw new UserError("the HTML book is written, but printing the PDF needs Chromium: install it (sudo apt-get install chromium) or pass --no-pdf.");
        }
        Path pdf = dir.resolve(pdfName());
        chromium.printToPdf(dir.resolve("print.html"), pdf, 60_000);
        System.out.println("wrote " + Repo.display(pdf) + " (" + pages(pdf) + " pages)");
        return 0;
    }

    private String pdfName() {
        return lang.equals("en") ? "backprop.pdf" : "backprop-" + lang + ".pdf";
    }

    /// The number of pages of a PDF that Chromium wrote (its page objects are not compressed).
    static int pages(Path pdf) throws IOException {
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        return (int) Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(text).results().count();
    }

    // ----- the chapters -----

    private Chapter chapter(Notebook notebook, Translation text, Path base, Path dir) throws IOException {
        String ch = notebook.chapter();
        String repo = link(dir, root);
        String script = "chapters/" + notebook.slug() + ".java";
        Map<String, Integer> exercises = exercises(ch);
        StringBuilder body = new StringBuilder();
        Map<String, String> sections = new LinkedHashMap<>();
        Map<String, StringBuilder> sectionSources = new LinkedHashMap<>();
        List<SearchEntry> search = new ArrayList<>();
        String titleHtml = labels.chapter(notebook.number()), current = ch + "-top";
        sectionSources.put(current, new StringBuilder());
        StringBuilder currentText = new StringBuilder();
        String currentTitle = "";
        int figure = 0;
        Files.createDirectories(base.resolve("images"));
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.markdown()) {
                String source = text.cells().get(cell.index());
                String html = markdown.render(source);
                Matcher headings = Pattern.compile("<h([1-3])>(.*?)</h\\1>", Pattern.DOTALL).matcher(html);
                StringBuilder withIds = new StringBuilder();
                int last = 0;
                while (headings.find()) {
                    String before = html.substring(last, headings.start());
                    withIds.append(before);
                    currentText.append(before);
                    int level = Integer.parseInt(headings.group(1));
                    String heading = headings.group(2);
                    if (level == 1) {
                        titleHtml = heading;
                        currentTitle = plain(heading);
                        withIds.append("<h1 id=\"").append(ch).append("\">").append(heading).append("</h1>\n")
                                .append(chapterFiles(notebook, repo, script, exercises));
                    } else if (level == 2) {
                        flushSearch(search, notebook, current, currentTitle, currentText);
                        current = ch + "-s" + (sections.size() + 1);
                        currentTitle = plain(heading);
                        sections.put(current, heading);
                        sectionSources.put(current, new StringBuilder());
                        withIds.append("<h2 id=\"").append(current).append("\"><a class=\"anchor\" href=\"#").append(current)
                                .append("\">").append(heading).append("</a></h2>\n<!--FILES ").append(current).append("-->");
                    } else {
                        withIds.append("<h3>").append(heading).append("</h3>");
                        currentText.append(' ').append(heading).append(' ');
                    }
                    last = headings.end();
                }
                withIds.append(html.substring(last));
                currentText.append(html.substring(last));
                sectionSources.get(current).append(source).append('\n');
                body.append("<div class=\"cell markdown\">\n").append(withIds).append("</div>\n");
            } else {
                sectionSources.get(current).append(cell.source()).append('\n');
                body.append("<div class=\"cell code\">\n<pre class=\"code\"><code class=\"language-java\">")
                        .append(Java.highlight(cell.source())).append("</code></pre>\n");
                for (Notebook.Output output : cell.outputs()) {
                    if (output.png() != null) {
                        figure++;
                        String file = ch + "-" + figure + ".png";
                        writeIfChanged(base.resolve("images").resolve(file), output.png());
                        String caption = inline(text.figures().get(figure));
                        body.append("<figure id=\"").append(ch).append("-fig").append(figure).append("\"><img src=\"")
                                .append(link(dir, base.resolve("images").resolve(file))).append("\" alt=\"")
                                .append(Html.escape(Html.text(caption))).append("\"><figcaption><span class=\"figno\">")
                                .append(labels.figure(notebook.number(), figure)).append("</span> ").append(caption)
                                .append("</figcaption></figure>\n");
                    } else if (!output.text().isBlank()) {
                        body.append("<pre class=\"output").append(output.error() ? " error" : "").append("\" aria-label=\"")
                                .append(labels.output()).append("\">").append(Html.escape(output.text().stripTrailing()))
                                .append("</pre>\n");
                    }
                }
                body.append("</div>\n");
            }
        }
        flushSearch(search, notebook, current, currentTitle, currentText);
        String result = body.toString();
        for (Map.Entry<String, StringBuilder> section : sectionSources.entrySet()) {
            result = result.replace("<!--FILES " + section.getKey() + "-->", sectionFiles(repo, script, ch, exercises, section.getValue()));
        }
        String titleText = Html.text(titleHtml.replaceAll("<span class=\"math inline\">\\\\\\((.*?)\\\\\\)</span>", "$1"));
        return new Chapter(notebook.number(), notebook.slug(), titleHtml, titleText, sections, result, search);
    }

    private void flushSearch(List<SearchEntry> search, Notebook notebook, String id, String title, StringBuilder text) {
        String plain = plain(text.toString());
        if (!plain.isEmpty()) {
            search.add(new SearchEntry(notebook.chapter() + ".html#" + id, title, plain));
        }
        text.setLength(0);
    }

    /// The text of an HTML fragment for the search: tags dropped, formulas as their TeX source.
    private static String plain(String html) {
        return Html.text(html.replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", ""));
    }

    /// A caption's Markdown as inline HTML (its math included).
    private String inline(String caption) {
        return markdown.render(caption).strip().replaceFirst("^<p>", "").replaceFirst("</p>$", "");
    }

    /// The exercise files of a chapter (`Activations.java` → its number of TODOs), in name order.
    private Map<String, Integer> exercises(String ch) throws IOException {
        Map<String, Integer> files = new LinkedHashMap<>();
        Path dir = root.resolve("exercises").resolve(ch);
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                int todos = (int) Pattern.compile("// TODO\\(").matcher(Files.readString(file)).results().count();
                if (todos > 0) {
                    files.put(file.getFileName().toString(), todos);
                }
            }
        }
        return files;
    }

    /// The box under the chapter's title: the command, the script, the notebook, every exercise file.
    private String chapterFiles(Notebook notebook, String repo, String script, Map<String, Integer> exercises) {
        StringBuilder html = new StringBuilder("<div class=\"files chapter-files\"><p><strong>").append(labels.run())
                .append("</strong> <code>./jbang ").append(notebook.chapter()).append("</code> · <strong>").append(labels.script())
                .append("</strong> ").append(repoLink(repo, script)).append(" · <strong>").append(labels.notebook()).append("</strong> ")
                .append(repoLink(repo, "notebooks/" + notebook.slug() + ".ipynb")).append("</p>");
        if (!exercises.isEmpty()) {
            html.append("<p><strong>").append(labels.exercises()).append("</strong> ");
            List<String> links = new ArrayList<>();
            exercises.forEach((file, todos) -> links.add(repoLink(repo, "exercises/" + notebook.chapter() + "/" + file)
                    + " <span class=\"todos\">(" + todos + " TODO)</span>"));
            html.append(String.join(", ", links)).append("</p>");
        }
        return html.append("</div>\n").toString();
    }

    /// The line under a section's heading: the chapter script and the exercise files whose class
    /// the section's text or code names.
    private String sectionFiles(String repo, String script, String ch, Map<String, Integer> exercises, CharSequence source) {
        List<String> named = new ArrayList<>();
        for (String file : exercises.keySet()) {
            String type = file.replaceFirst("\\.java$", "");
            if (Pattern.compile("\\b" + type + "\\b").matcher(source).find()) {
                named.add(repoLink(repo, "exercises/" + ch + "/" + file));
            }
        }
        return "<p class=\"files section-files\"><span class=\"label\">" + labels.chapterFiles() + ":</span> " + repoLink(repo, script)
                + (named.isEmpty() ? "" : " · " + labels.exercises() + ": " + String.join(", ", named)) + "</p>\n";
    }

    private static String repoLink(String repo, String path) {
        return "<a class=\"repo\" href=\"" + repo + path + "\"><code>" + path + "</code></a>";
    }

    /// The relative link from the pages in `dir` to `target` (a folder gets a trailing `/`).
    private static String link(Path dir, Path target) {
        String rel = dir.relativize(target).toString().replace('\\', '/');
        return Files.isDirectory(target) ? (rel.isEmpty() ? "" : rel + "/") : rel;
    }

    // ----- the pages -----

    private String head(String title, Path base, Path dir) {
        String assets = link(dir, base.resolve("assets"));
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="%sbook.css">
                <script src="%stheme.js"></script>
                </head>
                """.formatted(labels.htmlLang(), Html.escape(title), assets, assets);
    }

    private String scripts(Path base, Path dir, boolean search) {
        String assets = link(dir, base.resolve("assets"));
        return (search ? "<script src=\"search-index.js\"></script>\n" : "")
                + "<script src=\"" + assets + "book.js\"></script>\n"
                + "<script src=\"" + assets + "mathjax-config.js\"></script>\n"
                + "<script src=\"" + assets + "mathjax/tex-svg-full.js\"></script>\n</body>\n</html>\n";
    }

    /// The bar at the top of every page: the title, the search box, the other language, the theme.
    private String topBar(Path base, Path dir, String page) {
        Path otherDir = lang.equals("en") ? base.resolve(labels.other()) : base;
        return """
                <header class="top">
                <a class="home" href="index.html">%s</a>
                <div class="search"><input id="search" type="search" placeholder="%s" aria-label="%s" autocomplete="off"><ol id="results" data-none="%s"></ol></div>
                <a class="lang" href="%s" hreflang="%s">%s</a>
                <button id="theme-toggle" type="button" title="%s" aria-label="%s"><span class="light-icon">☀</span><span class="dark-icon">☾</span></button>
                </header>
                """.formatted(Html.escape(labels.title()), labels.searchHint(), labels.search(), labels.noResults(),
                dir.relativize(otherDir).toString().replace('\\', '/') + "/" + page, labels.other(), labels.otherName(), labels.theme(), labels.theme());
    }

    /// The contents in the side bar: every chapter, the sections of `current` (or of all, when null).
    private String toc(List<Chapter> chapters, Chapter current, String pdf) {
        StringBuilder html = new StringBuilder("<nav class=\"toc\" aria-label=\"").append(labels.contents()).append("\">\n<h2>")
                .append(labels.contents()).append("</h2>\n<ol class=\"chapters\">\n");
        for (Chapter chapter : chapters) {
            boolean open = current == null || current == chapter;
            html.append("<li").append(current == chapter ? " class=\"current\"" : "").append("><a href=\"").append(chapter.page())
                    .append("\">").append(chapter.titleHtml()).append("</a>");
            if (open && current != null) {
                html.append("\n<ol class=\"sections\">");
                chapter.sections().forEach((id, title) -> html.append("<li><a href=\"#").append(id).append("\">").append(title).append("</a></li>"));
                html.append("</ol>");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n");
        if (pdf != null) {
            html.append("<p class=\"pdf\"><a href=\"").append(pdf).append("\">").append(labels.pdf()).append("</a></p>\n");
        }
        return html.append("</nav>\n").toString();
    }

    private String chapterPage(List<Chapter> chapters, int i, Path base, Path dir) {
        Chapter chapter = chapters.get(i);
        StringBuilder html = new StringBuilder(head(chapter.titleText() + " — backprop", base, dir));
        html.append("<body class=\"no-math\">\n").append(topBar(base, dir, chapter.page())).append("<div class=\"layout\">\n")
                .append(toc(chapters, chapter, pdfName())).append("<main>\n<article class=\"chapter\">\n").append(chapter.body())
                .append("</article>\n").append(pager(chapters, i)).append("</main>\n</div>\n");
        return html.append(scripts(base, dir, true)).toString();
    }

    private String pager(List<Chapter> chapters, int i) {
        StringBuilder html = new StringBuilder("<nav class=\"pager\">\n");
        if (i > 0) {
            Chapter previous = chapters.get(i - 1);
            html.append("<a class=\"previous\" rel=\"prev\" href=\"").append(previous.page()).append("\"><span class=\"dir\">← ")
                    .append(labels.previous()).append("</span> ").append(previous.titleHtml()).append("</a>\n");
        } else {
            html.append("<a class=\"previous\" rel=\"prev\" href=\"index.html\"><span class=\"dir\">← ").append(labels.previous())
                    .append("</span> ").append(labels.contents()).append("</a>\n");
        }
        if (i + 1 < chapters.size()) {
            Chapter next = chapters.get(i + 1);
            html.append("<a class=\"next\" rel=\"next\" href=\"").append(next.page()).append("\"><span class=\"dir\">")
                    .append(labels.next()).append(" →</span> ").append(next.titleHtml()).append("</a>\n");
        }
        return html.append("</nav>\n").toString();
    }

    private String indexPage(List<Chapter> chapters, Path base, Path dir) {
        StringBuilder html = new StringBuilder(head(labels.title(), base, dir));
        html.append("<body class=\"no-math\">\n").append(topBar(base, dir, "index.html")).append("<div class=\"layout\">\n")
                .append(toc(chapters, null, pdfName())).append("<main>\n<article class=\"front\">\n<h1>").append(Html.escape(labels.title()))
                .append("</h1>\n<p class=\"subtitle\">").append(labels.subtitle()).append("</p>\n<p>").append(Html.escape(labels.intro()))
                .append("</p>\n<p class=\"pdf\"><a href=\"").append(pdfName()).append("\">").append(labels.pdf()).append("</a></p>\n<h2>")
                .append(labels.contents()).append("</h2>\n<ol class=\"contents\">\n");
        for (Chapter chapter : chapters) {
            html.append("<li><a href=\"").append(chapter.page()).append("\">").append(chapter.titleHtml()).append("</a>\n<ol>");
            chapter.sections().forEach((id, title) -> html.append("<li><a href=\"").append(chapter.page()).append('#').append(id)
                    .append("\">").append(title).append("</a></li>"));
            html.append("</ol></li>\n");
        }
        html.append("</ol>\n<p class=\"colophon\">").append(labels.printedFrom()).append("</p>\n</article>\n")
                .append(pager(chapters, -1).replace("<a class=\"previous\" rel=\"prev\" href=\"index.html\">", "<a class=\"previous hidden\" href=\"index.html\">"))
                .append("</main>\n</div>\n");
        return html.append(scripts(base, dir, true)).toString();
    }

    /// The whole book on one page, for printing: a title page, the contents, every chapter.
    private String printPage(List<Chapter> chapters, Path base, Path dir) {
        StringBuilder html = new StringBuilder(head(labels.title(), base, dir).replace("<html lang", "<html class=\"print\" lang"));
        html.append("<body class=\"no-math print\">\n<section class=\"cover\">\n<h1>").append(Html.escape(labels.title()))
                .append("</h1>\n<p class=\"subtitle\">").append(labels.subtitle()).append("</p>\n<p>").append(Html.escape(labels.intro()))
                .append("</p>\n</section>\n<nav class=\"print-toc\">\n<h2>").append(labels.contents()).append("</h2>\n<ol>\n");
        for (Chapter chapter : chapters) {
            html.append("<li><a href=\"#").append(chapter.slug(), 0, 4).append("\">").append(chapter.titleHtml()).append("</a></li>\n");
        }
        html.append("</ol>\n</nav>\n");
        for (Chapter chapter : chapters) {
            html.append("<article class=\"chapter\">\n").append(chapter.body()).append("</article>\n");
        }
        return html.append(scripts(base, dir, false)).toString();
    }

    private static String searchIndex(List<Chapter> chapters) {
        StringBuilder js = new StringBuilder("// The search index of the book: one entry per section (page, chapter, title, text).\nwindow.BOOK_SEARCH = [\n");
        for (Chapter chapter : chapters) {
            for (SearchEntry entry : chapter.search()) {
                js.append("[").append(json(entry.url())).append(",").append(json(chapter.titleText()))
                        .append(",").append(json(entry.title())).append(",").append(json(entry.text())).append("],\n");
            }
        }
        return js.append("];\n").toString();
    }

    /// `text` as a JSON (and JavaScript) string literal.
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // ----- the assets -----

    /// Writes `bytes` to `file` unless it already holds them: the two languages share `assets/`
    /// and `images/`, and a book being read (or checked) while the other language builds must
    /// never see a half-written file.
    private static void writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Path part = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Files.write(part, bytes);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /// Copies the style and scripts of `tools/book/assets/` and MathJax (from its Maven artifact)
    /// into `base/assets/`.
    private void writeAssets(Path base) throws IOException {
        Path assets = base.resolve("assets");
        Files.createDirectories(assets.resolve("mathjax"));
        try (Stream<Path> files = Files.list(root.resolve("tools/book/assets"))) {
            for (Path file : files.toList()) {
                writeIfChanged(assets.resolve(file.getFileName()), Files.readAllBytes(file));
            }
        }
        for (String[] resource : new String[][] {{"es5/tex-svg-full.js", "tex-svg-full.js"}, {"LICENSE", "LICENSE"}}) {
            try (InputStream in = BookCommand.class.getResourceAsStream(MATHJAX + resource[0])) {
                if (in == null) {
                    throw new UserError("MathJax is missing from the class path (org.webjars.npm:mathjax:3.2.2): run the book through ./jbang book.");
                }
                writeIfChanged(assets.resolve("mathjax").resolve(resource[1]), in.readAllBytes());
            }
        }
    }
}

package book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// The book's text in a language: every Markdown cell of a chapter's notebook and every figure's
/// caption.
///
/// English is the notebooks themselves, with the captions in `notebooks/figures.tsv` (one line
/// per figure: chapter, figure number, caption). Another language has one file per chapter,
/// `notebooks/LANG/chNN_topic.md`, that holds each Markdown cell translated, under the line
/// `<!-- cell N -->` (N is the cell's index in the notebook, counting every cell from 0), and
/// each caption under `<!-- figure K -->` (K counts the chapter's pictures from 1).
/// [#problems] proves that a translation covers every cell and every figure and keeps every
/// formula, every piece of code and the headings' levels as they are in English, so the two
/// cannot drift apart silently.
///
/// @param cells   the Markdown of each cell, by cell index
/// @param figures each figure's caption, by figure number (from 1)
public record Translation(String slug, Map<Integer, String> cells, Map<Integer, String> figures) {

    private static final Pattern MARKER = Pattern.compile("(?m)^<!-- (cell|figure) (\\d+) -->[ \\t]*$");

    /// The English text: the notebook's own cells and the captions of `notebooks/figures.tsv`.
    public static Translation english(Path root, Notebook notebook) throws IOException {
        Map<Integer, String> cells = new TreeMap<>();
        notebook.markdownCells().forEach(c -> cells.put(c.index(), c.source()));
        Map<Integer, String> figures = new TreeMap<>();
        Path captions = root.resolve("notebooks/figures.tsv");
        if (Files.isRegularFile(captions)) {
            for (String line : Files.readAllLines(captions)) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && fields[0].equals(notebook.chapter()) && fields[1].matches("\\d+")) {
                    figures.put(Integer.parseInt(fields[1]), fields[2].strip());
                }
            }
        }
        return new Translation(notebook.slug(), cells, figures);
    }

    /// The file of `notebook`'s translation into `lang` (`notebooks/zh/ch01_neuron.md`).
    public static Path file(Path root, String lang, Notebook notebook) {
        return root.resolve("notebooks").resolve(lang).resolve(notebook.slug() + ".md");
    }

    /// Reads `notebook`'s translation into `lang`; an empty one when the file is missing.
    public static Translation read(Path root, String lang, Notebook notebook) throws IOException {
        Path file = file(root, lang, notebook);
        return parse(notebook.slug(), Files.isRegularFile(file) ? Files.readString(file) : "");
    }

    /// Parses a translation file's text.
    public static Translation parse(String slug, String text) {
        Map<Integer, String> cells = new TreeMap<>(), figures = new TreeMap<>();
        Matcher m = MARKER.matcher(text);
        List<int[]> marks = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        while (m.find()) {
            marks.add(new int[] {m.start(), m.end(), Integer.parseInt(m.group(2))});
            kinds.add(m.group(1));
        }
        for (int k = 0; k < marks.size(); k++) {
            int end = k + 1 < marks.size() ? marks.get(k + 1)[0] : text.length();
            String body = text.substring(marks.get(k)[1], end).strip();
            (kinds.get(k).equals("cell") ? cells : figures).put(marks.get(k)[2], body);
        }
        return new Translation(slug, cells, figures);
    }

    /// What keeps this translation of `english` from being complete and faithful, one sentence
    /// each; empty when there is nothing. `figures` is the number of pictures in the chapter.
    public List<String> problems(Translation english, int figures) {
        List<String> problems = new ArrayList<>();
        for (int index : this == english ? List.<Integer>of() : english.cells.keySet()) {
            String original = english.cells.get(index);
            String translated = cells.get(index);
            String cell = slug + " cell " + index;
            if (translated == null || translated.isBlank()) {
                problems.add(cell + " is not translated");
                continue;
            }
            if (!Spans.of(original, Spans.Kind.DISPLAY_MATH).equals(Spans.of(translated, Spans.Kind.DISPLAY_MATH))) {
                problems.add(cell + " does not keep the displayed formulas ($$...$$) of the English cell, in order");
            }
            if (!sorted(Spans.of(original, Spans.Kind.INLINE_MATH)).equals(sorted(Spans.of(translated, Spans.Kind.INLINE_MATH)))) {
                problems.add(cell + " does not keep the inline formulas ($...$) of the English cell"
                        + difference(Spans.of(original, Spans.Kind.INLINE_MATH), Spans.of(translated, Spans.Kind.INLINE_MATH)));
            }
            if (!Spans.of(original, Spans.Kind.FENCE).equals(Spans.of(translated, Spans.Kind.FENCE))) {
                problems.add(cell + " does not keep the code blocks of the English cell");
            }
            if (!sorted(Spans.of(original, Spans.Kind.CODE_SPAN)).equals(sorted(Spans.of(translated, Spans.Kind.CODE_SPAN)))) {
                problems.add(cell + " does not keep the code spans (`...`) of the English cell"
                        + difference(Spans.of(original, Spans.Kind.CODE_SPAN), Spans.of(translated, Spans.Kind.CODE_SPAN)));
            }
            if (!headings(original).equals(headings(translated))) {
                problems.add(cell + " has headings of levels " + headings(translated) + " where English has " + headings(original));
            }
            if (letters(original) > 20 && !hasCjk(translated)) {
                problems.add(cell + " holds no Chinese text: it looks untranslated");
            }
        }
        for (int index : cells.keySet()) {
            if (!english.cells.containsKey(index)) {
                problems.add(slug + " cell " + index + " is translated but is not a Markdown cell of the notebook");
            }
        }
        for (int k = 1; k <= figures; k++) {
            if (english.figures.get(k) == null || english.figures.get(k).isBlank()) {
                problems.add(slug + " figure " + k + " has no English caption in notebooks/figures.tsv");
            }
            if (this != english && (this.figures.get(k) == null || !hasCjk(this.figures.get(k)))) {
                problems.add(slug + " figure " + k + " has no translated caption");
            }
        }
        for (int k : this.figures.keySet()) {
            if (k < 1 || k > figures) {
                problems.add(slug + " figure " + k + " has a caption but the notebook has " + figures + " pictures");
            }
        }
        return problems;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /// ": missing X; extra Y" for two lists that should hold the same items.
    private static String difference(List<String> expected, List<String> actual) {
        Map<String, Integer> count = new HashMap<>();
        expected.forEach(s -> count.merge(s, 1, Integer::sum));
        actual.forEach(s -> count.merge(s, -1, Integer::sum));
        List<String> missing = count.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
        List<String> extra = count.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey).sorted().toList();
        return (missing.isEmpty() ? "" : ": missing " + String.join(" ", missing)) + (extra.isEmpty() ? "" : "; extra " + String.join(" ", extra));
    }

    /// The levels of the cell's headings, in order (`[2, 3]`), outside code blocks.
    static List<Integer> headings(String markdown) {
        StringBuilder outsideCode = new StringBuilder();
        Spans.split(markdown).stream().filter(s -> s.kind() != Spans.Kind.FENCE).forEach(s -> outsideCode.append(s.text()));
        List<Integer> levels = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(#{1,6}) ").matcher(outsideCode);
        while (m.find()) {
            levels.add(m.group(1).length());
        }
        return levels;
    }

    private static long letters(String markdown) {
        return Spans.split(markdown).stream().filter(s -> s.kind() == Spans.Kind.PROSE)
                .flatMapToInt(s -> s.text().chars()).filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
    }

    static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}

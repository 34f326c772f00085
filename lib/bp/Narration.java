package bp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// A chapter's console narration in another language (`--lang zh`), from a message catalogue.
///
/// The chapters print in English, and their code stays as it is: a student reads
/// `Print.heading("1. The weighted input z = w·x + b")` next to the output. With `--lang zh`,
/// [#use] puts a filter on standard output that replaces, in every line printed, each English
/// phrase of the catalogue with its translation, longest phrase first. Numbers, formulas, code
/// names and file names are not phrases of the catalogue and pass unchanged.
///
/// A catalogue is a text file `chapters/LANG/chNN.tsv` (and `chapters/LANG/common.tsv` for what
/// the library prints, such as "✓ same as by hand"): one phrase per line, the English exactly as
/// it is written in the chapter's source or in `solutions/chNN/` (a piece of a string literal
/// between its format specifiers, or a line of a text block), a tab, the translation. Lines starting with `#` are comments. A line of `=` or
/// `-` that underlines a translated line is redrawn to the translation's width.
public final class Narration {

    private Narration() {}

    private static boolean installed;

    /// The languages the chapters can narrate in: English (the source itself) and Simplified Chinese.
    public static final List<String> LANGUAGES = List.of("en", "zh");

    /// Narrates `command`'s output (`ch01`) in `lang` from now on; English needs nothing.
    public static synchronized void use(String command, String lang) {
        if (lang.equals("en") || installed) {
            return;
        }
        List<Map.Entry<String, String>> phrases = catalogue(Repo.root(), lang, command);
        System.setOut(new PrintStream(new Filter(System.out, phrases), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /// The phrases of `command`'s catalogue in `lang` and of the common one, longest English first.
    public static List<Map.Entry<String, String>> catalogue(Path root, String lang, String command) {
        Map<String, String> phrases = new LinkedHashMap<>();
        for (String name : List.of("common", command)) {
            phrases.putAll(read(root.resolve("chapters").resolve(lang).resolve(name + ".tsv")));
        }
        List<Map.Entry<String, String>> sorted = new ArrayList<>(phrases.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        return sorted;
    }

    /// The phrases of one catalogue file, in its order; none when it does not exist.
    public static Map<String, String> read(Path file) {
        Map<String, String> phrases = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return phrases;
        }
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || tab == line.length() - 1) {
                    throw new UserError(Repo.display(file) + " line " + number + " is not 'English<TAB>translation'.");
                }
                phrases.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return phrases;
    }

    /// `line` with every phrase of `phrases` (longest first) replaced by its translation. The
    /// spaces that pad a phrase into a column (two or more after it; or before it, when text
    /// precedes them and nothing but spaces follows) are changed by the difference in width, so
    /// that tables stay aligned.
    public static String translate(String line, List<Map.Entry<String, String>> phrases) {
        String text = line;
        for (Map.Entry<String, String> phrase : phrases) {
            String english = phrase.getKey(), translation = phrase.getValue();
            int difference = width(english) - width(translation);
            for (int at = text.indexOf(english); at >= 0; at = text.indexOf(english, at + translation.length())) {
                int end = at + english.length();
                int after = spaces(text, end, +1), before = spaces(text, at - 1, -1);
                boolean indented = text.substring(0, at - before).isBlank();
                if (after >= 2 && end + after < text.length()) {
                    int pad = Math.max(1, after + difference);
                    text = text.substring(0, at) + translation + " ".repeat(pad) + text.substring(end + after);
                } else if (before >= 2 && !indented) {
                    int pad = Math.max(1, before + difference);
                    text = text.substring(0, at - before) + " ".repeat(pad) + translation + text.substring(end);
                    at += pad - before;
                } else {
                    text = text.substring(0, at) + translation + text.substring(end);
                }
            }
        }
        return text;
    }

    /// The number of spaces in `text` from `index` on, going in `direction` (+1 or −1).
    private static int spaces(String text, int index, int direction) {
        int n = 0;
        for (int i = index; i >= 0 && i < text.length() && text.charAt(i) == ' '; i += direction) {
            n++;
        }
        return n;
    }

    /// The width of `text` on a terminal: two columns for each Chinese, Japanese or Korean
    /// character, one for the others.
    public static int width(String text) {
        return text.codePoints().map(c -> Character.isIdeographic(c) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1).sum();
    }

    /// Translates the bytes written to it line by line and passes them on to `out`. A partial
    /// line is passed on when flushed (a progress bar redraws its line without ending it).
    private static final class Filter extends OutputStream {
        private final PrintStream out;
        private final List<Map.Entry<String, String>> phrases;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String lastEnglish = "";
        private String lastTranslated = "";

        Filter(PrintStream out, List<Map.Entry<String, String>> phrases) {
            this.out = out;
            this.phrases = phrases;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                emit();
            }
            out.flush();
        }

        private void emit() {
            String english = line.toString(StandardCharsets.UTF_8);
            line.reset();
            String body = english.endsWith("\n") ? english.substring(0, english.length() - 1) : english;
            String translated;
            String rule = body.strip();
            if (!rule.isEmpty() && (rule.chars().allMatch(c -> c == '=') || rule.chars().allMatch(c -> c == '-'))
                    && rule.length() == lastEnglish.strip().length() && !lastTranslated.equals(lastEnglish)) {
                translated = body.substring(0, body.indexOf(rule)) + String.valueOf(rule.charAt(0)).repeat(width(lastTranslated.strip()));
            } else {
                translated = translate(body, phrases);
            }
            lastEnglish = body;
            lastTranslated = translated;
            out.print(english.endsWith("\n") ? translated + "\n" : translated);
        }
    }
}

package book;

import java.util.ArrayList;
import java.util.List;

/// A notebook's Markdown cut into the pieces that the Markdown parser must not touch: LaTeX math
/// (`$...$` inline, `$$...$$` displayed), code spans (`` `...` ``) and fenced code blocks, and the
/// prose between them. The book protects the math from the Markdown parser with these pieces (a
/// `_` or `*` inside a formula would otherwise become emphasis), and the translation check uses
/// them to prove that a translated cell keeps every formula and every piece of code unchanged.
public final class Spans {

    private Spans() {}

    public enum Kind { PROSE, INLINE_MATH, DISPLAY_MATH, CODE_SPAN, FENCE }

    /// One piece; `text` is the piece as written, delimiters included (`$x$`, `` `x` ``).
    public record Span(Kind kind, String text) {
        /// The formula without its dollars, for a math piece.
        public String tex() {
            return switch (kind) {
                case INLINE_MATH -> text.substring(1, text.length() - 1);
                case DISPLAY_MATH -> text.substring(2, text.length() - 2);
                default -> text;
            };
        }
    }

    /// Cuts `markdown` into pieces; joined again they give `markdown` back exactly.
    public static List<Span> split(String markdown) {
        List<Span> spans = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int i = 0, n = markdown.length();
        while (i < n) {
            char c = markdown.charAt(i);
            int end;
            if (lineStart(markdown, i) && (end = fenceEnd(markdown, i)) > 0) {
                flush(spans, prose);
                spans.add(new Span(Kind.FENCE, markdown.substring(i, end)));
                i = end;
            } else if (c == '\\' && i + 1 < n) {
                prose.append(c).append(markdown.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = run(markdown, i, '`');
                int close = closingRun(markdown, i + run, run);
                if (close < 0) {
                    prose.append(markdown, i, i + run);
                    i += run;
                } else {
                    flush(spans, prose);
                    spans.add(new Span(Kind.CODE_SPAN, markdown.substring(i, close + run)));
                    i = close + run;
                }
            } else if (markdown.startsWith("$$", i) && (end = markdown.indexOf("$$", i + 2)) > i + 2) {
                flush(spans, prose);
                spans.add(new Span(Kind.DISPLAY_MATH, markdown.substring(i, end + 2)));
                i = end + 2;
            } else if (c == '$' && (end = inlineEnd(markdown, i)) > 0) {
                flush(spans, prose);
                spans.add(new Span(Kind.INLINE_MATH, markdown.substring(i, end + 1)));
                i = end + 1;
            } else {
                prose.append(c);
                i++;
            }
        }
        flush(spans, prose);
        return spans;
    }

    /// The pieces of one kind, in order.
    public static List<String> of(String markdown, Kind kind) {
        return split(markdown).stream().filter(s -> s.kind() == kind).map(Span::text).toList();
    }

    private static void flush(List<Span> spans, StringBuilder prose) {
        if (!prose.isEmpty()) {
            spans.add(new Span(Kind.PROSE, prose.toString()));
            prose.setLength(0);
        }
    }

    private static boolean lineStart(String s, int i) {
        return i == 0 || s.charAt(i - 1) == '\n';
    }

    /// The end (after its closing line) of a fenced code block opening at `i`, or -1.
    private static int fenceEnd(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 3 && s.charAt(j) == ' ') {
            j++;
        }
        if (j >= s.length() || (s.charAt(j) != '`' && s.charAt(j) != '~')) {
            return -1;
        }
        char fence = s.charAt(j);
        int run = run(s, j, fence);
        if (run < 3) {
            return -1;
        }
        int line = s.indexOf('\n', j);
        while (line >= 0) {
            int next = line + 1;
            int k = next;
            while (k < s.length() && s.charAt(k) == ' ') {
                k++;
            }
            if (k < s.length() && run(s, k, fence) >= run) {
                int close = s.indexOf('\n', k);
                return close < 0 ? s.length() : close;
            }
            line = s.indexOf('\n', next);
        }
        return s.length();
    }

    private static int run(String s, int i, char c) {
        int j = i;
        while (j < s.length() && s.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    private static int closingRun(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int run = run(s, i, '`');
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }

    /// The closing `$` of inline math opening at `i`: on the same paragraph, not escaped, with
    /// no space just inside either dollar (so that "costs $5 and $6" stays prose); or -1.
    private static int inlineEnd(String s, int i) {
        if (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))) {
            return -1;
        }
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\n' && j + 1 < s.length() && s.charAt(j + 1) == '\n') {
                return -1;
            } else if (c == '$') {
                return Character.isWhitespace(s.charAt(j - 1)) ? -1 : j;
            }
        }
        return -1;
    }
}

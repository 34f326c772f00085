package book;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A small highlighter for the notebooks' Java: comments, strings, keywords, numbers and the
/// JShell commands (`%load`), each in a `<span>` that the style sheet colours.
final class Java {

    private Java() {}

    private static final Pattern TOKEN = Pattern.compile(
            "(?<comment>//[^\\n]*|/\\*.*?\\*/)"
            + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)')"
            + "|(?<magic>^%\\w+)"
            + "|(?<keyword>\\b(?:abstract|boolean|break|byte|case|catch|char|class|continue|default|do|double|else|enum|extends|final|finally|float|for|if|implements|import|instanceof|int|interface|long|new|null|private|protected|public|record|return|short|static|super|switch|this|throw|throws|true|false|try|var|void|while|yield)\\b)"
            + "|(?<number>\\b\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?[dDfFL]?\\b)",
            Pattern.DOTALL | Pattern.MULTILINE);

    /// `source` as escaped HTML with highlighting spans.
    static String highlight(String source) {
        StringBuilder html = new StringBuilder();
        Matcher m = TOKEN.matcher(source);
        int last = 0;
        while (m.find()) {
            html.append(Html.escape(source.substring(last, m.start())));
            String kind = m.group("comment") != null ? "c" : m.group("string") != null ? "s" : m.group("magic") != null ? "m"
                    : m.group("keyword") != null ? "k" : "n";
            html.append("<span class=\"").append(kind).append("\">").append(Html.escape(m.group())).append("</span>");
            last = m.end();
        }
        return html.append(Html.escape(source.substring(last))).toString();
    }
}

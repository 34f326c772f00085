package book;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/// Markdown to HTML with CommonMark (and GitHub's tables), the math kept away from the parser.
///
/// Each formula is swapped for a plain word (`MATHPH3Z`) before parsing, so that `_`, `*`, `\\`
/// and `|` inside it are not read as Markdown, and put back afterwards as
/// `<span class="math inline">\(...\)</span>` or, for `$$...$$`,
/// `<div class="math display">\[...\]</div>`: MathJax, run by the page, typesets exactly those.
final class Markdown {

    private final Parser parser;
    private final HtmlRenderer renderer;

    Markdown() {
        List<Extension> extensions = List.of(TablesExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder().extensions(extensions).build();
    }

    String render(String markdown) {
        StringBuilder text = new StringBuilder();
        List<Spans.Span> math = new ArrayList<>();
        for (Spans.Span span : Spans.split(markdown)) {
            if (span.kind() == Spans.Kind.INLINE_MATH || span.kind() == Spans.Kind.DISPLAY_MATH) {
                text.append(token(math.size()));
                math.add(span);
            } else {
                text.append(span.text());
            }
        }
        String html = renderer.render(parser.parse(text.toString()));
        for (int k = 0; k < math.size(); k++) {
            Spans.Span span = math.get(k);
            String tex = Html.escape(span.tex().strip());
            if (span.kind() == Spans.Kind.DISPLAY_MATH) {
                String display = "<div class=\"math display\">\\[" + tex + "\\]</div>";
                html = html.replace("<p>" + token(k) + "</p>", display).replace(token(k), display);
            } else {
                html = html.replace(token(k), "<span class=\"math inline\">\\(" + tex + "\\)</span>");
            }
        }
        return html;
    }

    private static String token(int k) {
        return "MATHPH" + k + "Z";
    }
}

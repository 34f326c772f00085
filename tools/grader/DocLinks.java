package grader;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/// The links of the project's own pages, `README.md` and `docs/*.md`: a relative link must name a
/// file or folder inside the repository, and its `#fragment`, when the target (or the page itself)
/// is Markdown, one of that page's headings as GitHub names them. Links to other sites
/// (`https:`, `mailto:`, ...) are not followed; links inside code (fenced blocks, `code spans`) are
/// not links. Headings are the `#` kind, the only kind the project writes.
final class DocLinks {

    private DocLinks() {}

    /// `README.md` and every `docs/*.md` under `root`, in that order (docs sorted by name).
    static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                pages.addAll(files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList());
            }
        }
        return pages;
    }

    /// One sentence per broken link of `page`, in the order they occur: `[text](target)` and what is
    /// wrong with it (no such file, outside the repository, no such heading). Empty when all resolve.
    static List<String> broken(Path root, Path page) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        Path from = page.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        for (String target : targets(Files.readString(from, StandardCharsets.UTF_8))) {
            if (EXTERNAL.matcher(target).lookingAt()) {
                continue;
            }
            int hash = target.indexOf('#');
            String file = decode(hash < 0 ? target : target.substring(0, hash));
            String fragment = hash < 0 ? null : decode(target.substring(hash + 1));
            Path resolved = file.isEmpty() ? from : from.getParent().resolve(file).normalize();
            if (!resolved.startsWith(top)) {
                problems.add("(" + target + ") points outside the repository");
            } else if (!Files.exists(resolved)) {
                problems.add("(" + target + ") names no file: " + top.relativize(resolved).toString().replace('\\', '/') + " does not exist");
            } else if (fragment != null && resolved.getFileName().toString().endsWith(".md")
                    && !anchors(Files.readString(resolved, StandardCharsets.UTF_8)).contains(fragment)) {
                problems.add("(" + target + ") names no heading: " + top.relativize(resolved).toString().replace('\\', '/')
                        + " has no heading whose anchor is #" + fragment);
            }
        }
        return problems;
    }

    /// The targets of the inline links `[text](target "title")` and of the link definitions
    /// `[label]: target` in `markdown`, outside fenced code blocks and code spans.
    static List<String> targets(String markdown) {
        List<String> targets = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher definition = DEFINITION.matcher(line);
            if (definition.matches()) {
                targets.add(unbracket(definition.group(1)));
                continue;
            }
            Matcher link = INLINE.matcher(CODE_SPAN.matcher(line).replaceAll("``"));
            while (link.find()) {
                targets.add(unbracket(link.group(1)));
            }
        }
        return targets;
    }

    /// The anchors of the headings of `markdown` as GitHub makes them (see `anchor`); a heading that
    /// repeats an earlier one's anchor gets `-1`, `-2`, ... after it.
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(1));
                int times = seen.merge(anchor, 1, Integer::sum);
                anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /// GitHub's anchor of a heading's text: the text as it reads (a link's text, code without its
    /// backticks, no emphasis stars), in lower case, without any character that is not a letter, a
    /// digit, `_`, `-` or a space, and each space made a `-`.
    /// ``Speed: faster than NumPy (`./jbang bench`)`` → `speed-faster-than-numpy-jbang-bench`.
    static String anchor(String heading) {
        String text = LINK_TEXT.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        return text.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    /// The lines of `markdown` that are not inside a fenced code block (``` or ~~~, indented or not).
    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.matches()) {
                fence = opening.group(1);
            } else if (fence != null) {
                String closing = line.strip();
                if (closing.startsWith(fence) && closing.replace(fence.substring(0, 1), "").isEmpty()) {
                    fence = null;
                }
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    /// `%20` and the like back to their characters (a link may escape a space in a file name).
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static final Pattern FENCE = Pattern.compile("\\s*(`{3,}|~{3,}).*");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern INLINE = Pattern.compile("\\[[^\\]]*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern DEFINITION = Pattern.compile(" {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+).*");
    private static final Pattern HEADING = Pattern.compile(" {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*");
    private static final Pattern LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern EXTERNAL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");
}

package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DocLinks")
class DocLinksTest {

    @Test
    @DisplayName("a heading's anchor is GitHub's: lower case, punctuation and backticks dropped, spaces to hyphens")
    void anchor() {
        assertEquals("speed-faster-than-numpy-jbang-bench", DocLinks.anchor("Speed: faster than NumPy (`./jbang bench`)"));
        assertEquals("chapter-10s-picture-of-a-computation-graph-graphviz-optional",
                DocLinks.anchor("Chapter 10's picture of a computation graph: Graphviz (optional)"));
        assertEquals("requirements-and-set-up", DocLinks.anchor("Requirements and set-up"));
        assertEquals("the-grader-s-own_tests", DocLinks.anchor("The [grader](grading.md) s own_tests"));
        assertEquals("über-σ-and-δ", DocLinks.anchor("Über σ and **δ**"));
    }

    @Test
    @DisplayName("a repeated heading's anchor gets -1, -2 after it; headings in code blocks are not headings")
    void anchors() {
        String page = "# Notes\n\n## Notes\n\n```bash\n# not a heading\n```\n\n### Notes ###\n";
        assertEquals(Set.of("notes", "notes-1", "notes-2"), DocLinks.anchors(page));
    }

    @Test
    @DisplayName("links are found in prose and in definitions, not in fenced blocks or code spans")
    void targets() {
        String page = """
                See [the guide](docs/grading.md) and [speed](<docs/speed.md#what-made-it-fast> "Speed").
                A link in code, `[not](this.md)`, is text.
                   ```java
                   // [neither](that.md)
                   ```
                [ref]: docs/design.md
                """;
        assertEquals(List.of("docs/grading.md", "docs/speed.md#what-made-it-fast", "docs/design.md"), DocLinks.targets(page));
    }

    @Test
    @DisplayName("a missing file, a missing heading and a path outside the repository are reported; the rest resolve")
    void broken(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(dir.resolve("outside.md"), "# Outside\n");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), "# One\n\n## Two parts\n\nBack to [the top](../README.md#top).\n");
        Files.writeString(root.resolve("README.md"), """
                # Top

                [a](docs/a.md), [b](docs/a.md#two-parts), [folder](docs/), [self](#top), [web](https://example.com/x.md),
                [c](docs/missing.md), [d](docs/a.md#three), [e](../outside.md).
                """);

        assertEquals(List.of(
                "(docs/missing.md) names no file: docs/missing.md does not exist",
                "(docs/a.md#three) names no heading: docs/a.md has no heading whose anchor is #three",
                "(../outside.md) points outside the repository"), DocLinks.broken(root, root.resolve("README.md")));
        assertEquals(List.of(), DocLinks.broken(root, root.resolve("docs/a.md")));
        assertEquals(List.of(root.resolve("README.md"), root.resolve("docs/a.md")), DocLinks.pages(root));
    }
}

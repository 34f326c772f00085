// The book's own dependencies, declared once: CommonMark (Markdown, with GitHub's tables) and
// MathJax (the math, typeset in the reader's browser from a copy in out/book/assets/).
// Gson, which reads the notebooks, is the tools' and is declared in tools/grader/package-info.java.
//DEPS org.commonmark:commonmark:0.32.0
//DEPS org.commonmark:commonmark-ext-gfm-tables:0.32.0
//DEPS org.webjars.npm:mathjax:3.2.2

/// `./jbang book`: the textbook, rendered offline from the notebooks into static HTML pages and a
/// PDF, in English or Simplified Chinese. [BookCommand] builds it; [Notebook] reads a notebook,
/// [Translation] holds a language's text and proves it complete, [Spans] keeps the math and the
/// code away from the Markdown parser, [Chromium] prints the PDF.
package book;

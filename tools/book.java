///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES grader/package-info.java
//SOURCES book/*.java

/// `./jbang book [--lang en|zh]`: the textbook, rendered offline from the notebooks into HTML
/// pages and a PDF in `out/book/` (Chinese: `out/book/zh/`). The work is done by book.BookCommand.
void main(String[] args) {
    System.exit(bp.Tool.run(new book.BookCommand(), args));
}

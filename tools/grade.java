///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES grader/*.java
// the grader's ./jbang test checks the book with these (grader.BookChecks)
//SOURCES book/Spans.java
//SOURCES book/Notebook.java
//SOURCES book/Translation.java
//SOURCES book/Chromium.java

/// `./jbang grade [--solutions] [chNN ...]`: grade the exercises with the chapter tests.
/// The work is done by grader.GradeCommand; this file is the entry point of the alias.
void main(String[] args) {
    System.exit(bp.Tool.run(new grader.GradeCommand(), args));
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//JAVA_OPTIONS --add-modules=jdk.incubator.vector
//SOURCES grader/*.java
//SOURCES book/Spans.java
//SOURCES book/Notebook.java
//SOURCES book/Translation.java
//SOURCES book/Chromium.java

/// `./jbang test`: every check of the project (library and tool tests, the graded tests on the
/// solutions, the exercise honesty checks, the catalog, every chapter end to end), ending with the
/// line `N passed, N failed`. The work is done by grader.TestCommand.
void main(String[] args) {
    System.exit(bp.Tool.run(new grader.TestCommand(), args));
}

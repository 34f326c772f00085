///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES grader/*.java
// the grader's ./jbang test checks the book with these (grader.BookChecks)
//SOURCES book/Spans.java
//SOURCES book/Notebook.java
//SOURCES book/Translation.java
//SOURCES book/Chromium.java

/// `./jbang make-exercises --check | --write`: keep exercises/ equal to what the generator makes from
/// solutions/. The work is done by grader.ExercisesCommand.
void main(String[] args) {
    System.exit(bp.Tool.run(new grader.ExercisesCommand(), args));
}

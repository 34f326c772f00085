// The grading tools' dependencies, declared once (the library's are in lib/bp/package-info.java).
//DEPS org.junit.jupiter:junit-jupiter:6.1.3
//DEPS org.junit.platform:junit-platform-launcher:6.1.3

/// The grader and the maintainers' tools: [ExerciseGenerator] makes `exercises/` from
/// `solutions/`, [Suite] compiles and runs one set of JUnit tests in-process, [Grader] grades the
/// chapters of `exercises/` or `solutions/`, and [Checks] is everything `./jbang test` proves.
package grader;

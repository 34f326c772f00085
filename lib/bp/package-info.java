// The library's third-party dependencies, declared once: every script that brings in lib/bp
// with //SOURCES gets them (JBang honours //DEPS in sourced files).
//DEPS org.knowm.xchart:xchart:3.8.8
//DEPS info.picocli:picocli:4.7.7
// The matrices of chapters 6 on (the library itself does not use them).
//DEPS org.ejml:ejml-simple:0.46.1
// JSON, for the tools (the grader's checks and exports, the playground's web API).
//DEPS com.google.code.gson:gson:2.13.1

/// The infrastructure every chapter shares: command-line options ([Options], [Chapter]),
/// plots ([Plots]), the MNIST data ([Idx], [Mnist]), the numerical gradient check ([GradCheck])
/// and in-process compilation of a student's code ([Javac], with the chapter's other files from
/// `solutions/`: [ChapterSources]).
///
/// Nothing here depends on the code in `solutions/` or `exercises/`: the chapters and tests bring
/// that in.
package bp;

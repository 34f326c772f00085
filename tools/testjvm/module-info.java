/// The part of the instructor's grader that runs inside a student's test JVM ([testjvm.TestRunner]).
///
/// It is a named module that exports and opens nothing: the student's code runs in the unnamed
/// module of the same JVM, and Java's module system keeps it from reading this module's private
/// state, the per-run key that signs every result line, by reflection. The JVM is started with
/// native access, `sun.misc.Unsafe`'s memory access and agents switched off, so that the usual
/// ways around the module system are closed too (docs/grading.md lists what remains).
module testjvm {
}

package ch01;

/// A hostile submission: sends SIGTERM to the process that started its JVM (the grader, when
/// there is no sandbox), to stop the grading of the whole class.
final class Kill {

    private Kill() {}

    static void parents() {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroy);
    }
}

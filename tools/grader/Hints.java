package grader;

import java.util.concurrent.TimeoutException;

/// Turns why a test failed into the one line the grader prints after `FAIL`.
final class Hints {

    private Hints() {}

    /// - an unfinished exercise: "not written yet: TODO(ch01-sigmoid) in exercises/ch01/Activation.java";
    /// - a failed assertion: the first line of its message, which the tests write to teach
    ///   (the input, the expected and the actual value);
    /// - a time limit: "took longer than 10 s: is there a loop that never ends?";
    /// - any other exception: its class, message and the first place in the student's code.
    static String of(Throwable failure) {
        if (failure == null) {
            return "failed without a reason";
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (failure instanceof UnsupportedOperationException && message.startsWith("TODO(")) {
            return "not written yet: " + message;
        }
        if (failure instanceof AssertionError) {
            return firstLine(message.isEmpty() ? "assertion failed" : message);
        }
        if (failure instanceof TimeoutException || message.contains("timed out after")) {
            return "took longer than " + Suite.TIMEOUT + ": is there a loop that never ends?";
        }
        return "threw " + failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + firstLine(message))
                + where(failure);
    }

    private static String where(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            String cls = frame.getClassName();
            if (frame.getFileName() != null && !cls.startsWith("java.") && !cls.startsWith("jdk.")
                    && !cls.startsWith("org.junit.") && !cls.endsWith("Test")) {
                return " at " + frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return "";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}

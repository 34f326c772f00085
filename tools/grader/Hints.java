package grader;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Turns why a test failed into the one line the grader prints after `FAIL`.
public final class Hints {

    private Hints() {}

    /// - an unfinished exercise: "not written yet: TODO(ch01-sigmoid) in exercises/ch01/Activation.java";
    /// - a failed assertion: the first line of its message, which the tests write to teach
    ///   (the input, the expected and the actual value), without JUnit's "==> expected: <x> but
    ///   was: <y>" after it;
    /// - a time limit: "took longer than 10 seconds: is there a loop that never ends?";
    /// - a write the grader's sandbox refused: "tried to write /etc/x, outside its own folder; ...";
    /// - any other exception: its class, message and the first place in the student's code.
    public static String of(Throwable failure) {
        if (failure == null) {
            return "failed without a reason";
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (failure instanceof UnsupportedOperationException && message.startsWith("TODO(")) {
            return "not written yet: " + message;
        }
        if (failure instanceof AssertionError) {
            // JUnit adds its own " ==> expected: <x> but was: <y>" (or " ==> array contents differ
            // at index [i], ...") to the test's sentence, which already says what went in, what was
            // expected and what came out: the sentence alone is the hint. A message that is only
            // JUnit's stays as it is.
            String line = firstLine(message);
            int junit = line.indexOf(" ==> ");
            String sentence = junit > 0 ? line.substring(0, junit).strip() : line;
            return sentence.isEmpty() ? "assertion failed" : sentence;
        }
        if (failure instanceof TimeoutException || message.contains("timed out after")) {
            Matcher limit = LIMIT.matcher(message);
            return "took longer than " + (limit.find() ? limit.group(1) : "its time limit") + ": is there a loop that never ends?";
        }
        String readOnly = readOnlyPath(failure);
        if (readOnly != null) {
            return "tried to write " + readOnly + ", outside its own folder; the grader's file system is read-only there";
        }
        return "threw " + failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + firstLine(message))
                + where(failure);
    }

    /// JUnit's message "m() timed out after 10 seconds" (or "10000 milliseconds").
    private static final Pattern LIMIT = Pattern.compile("timed out after (\\d+ \\w+)");

    /// The file a write failed on because the file system is read-only there (the grader's
    /// sandbox), anywhere in the chain of causes; null when that is not why it failed.
    private static String readOnlyPath(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException e && String.valueOf(e.getReason()).contains("Read-only file system")) {
                return e.getFile();
            }
            if (t instanceof IOException && String.valueOf(t.getMessage()).contains("Read-only file system")) {
                return String.valueOf(t.getMessage()).replace(" (Read-only file system)", "");
            }
        }
        return null;
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

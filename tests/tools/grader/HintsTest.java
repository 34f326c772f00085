package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@DisplayName("Hints")
class HintsTest {

    @Test
    @DisplayName("an unfinished exercise is 'not written yet' with its TODO id and file")
    void todo() {
        var e = new UnsupportedOperationException("TODO(ch01-z) in exercises/ch01/Neuron.java");
        assertEquals("not written yet: TODO(ch01-z) in exercises/ch01/Neuron.java", Hints.of(e));
    }

    @Test
    @DisplayName("a failed assertion gives the first line of its message")
    void assertion() {
        var e = new AssertionFailedError("z should be -0.86 but was -0.96: the bias b is missing\nsecond line");
        assertEquals("z should be -0.86 but was -0.96: the bias b is missing", Hints.of(e));
    }

    @Test
    @DisplayName("another exception names its class, message and where it was thrown")
    void exception() {
        var e = new ArithmeticException("/ by zero");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("ch01.Neuron", "z", "Neuron.java", 42)});
        assertEquals("threw ArithmeticException: / by zero at Neuron.java:42", Hints.of(e));
    }

    @Test
    @DisplayName("a timeout suggests a loop that never ends")
    void timeout() {
        var e = new java.util.concurrent.TimeoutException("sigmoid() timed out after 10 seconds");
        assertTrue(Hints.of(e).contains("loop that never ends"), Hints.of(e));
    }

    @Test
    @DisplayName("a time limit names the limit JUnit reports")
    void timeLimit() {
        var e = new java.util.concurrent.TimeoutException("step(double) timed out after 2 seconds");
        assertEquals("took longer than 2 seconds: is there a loop that never ends?", Hints.of(e));
    }

    @Test
    @DisplayName("a write the sandbox refused names the file")
    void readOnly() {
        var e = new java.io.UncheckedIOException(new java.nio.file.FileSystemException("/tmp/x.txt", null, "Read-only file system"));
        assertEquals("tried to write /tmp/x.txt, outside its own folder; the grader's file system is read-only there", Hints.of(e));
    }

    @Test
    @DisplayName("assertTrue's '==> expected: <true> but was: <false>' is left out of the test's sentence")
    void assertTrueSuffix() {
        var e = new AssertionFailedError("sigmoid(710.0) should be finite but was NaN ==> expected: <true> but was: <false>");
        assertEquals("sigmoid(710.0) should be finite but was NaN", Hints.of(e));
    }

    @Test
    @DisplayName("assertEquals' '==> expected: <x> but was: <y>' is left out: the sentence already says both")
    void assertEqualsSuffix() {
        var e = new AssertionFailedError("z for w=(0.8, 0.3, -0.5), x=(0.5, -1.2, 2.0), b=0.1 should be -0.86 but was -0.96: "
                + "the bias b is missing ==> expected: <-0.86> but was: <-0.96>");
        assertEquals("z for w=(0.8, 0.3, -0.5), x=(0.5, -1.2, 2.0), b=0.1 should be -0.86 but was -0.96: the bias b is missing",
                Hints.of(e));
    }

    @Test
    @DisplayName("assertArrayEquals' '==> array contents differ at index [i], ...' is left out too")
    void assertArrayEqualsSuffix() {
        var e = new AssertionFailedError("a(X) for the AND neuron should be [0.0, 1.0] but was [0.0, 0.5] "
                + "==> array contents differ at index [1], expected: <1.0> but was: <0.5>");
        assertEquals("a(X) for the AND neuron should be [0.0, 1.0] but was [0.0, 0.5]", Hints.of(e));
    }

    @Test
    @DisplayName("a message that is only JUnit's 'expected: <x> but was: <y>' is kept: it is all there is")
    void junitMessageAlone() {
        var e = new AssertionFailedError("expected: <4> but was: <5>");
        assertEquals("expected: <4> but was: <5>", Hints.of(e));
    }
}

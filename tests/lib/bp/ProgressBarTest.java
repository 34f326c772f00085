package bp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProgressBar")
class ProgressBarTest {

    @Test
    @DisplayName("the line shows the label, a bar filled in proportion, the count, the loss and the rate")
    void line() {
        ProgressBar bar = new ProgressBar("epoch 1/5", new PrintStream(new ByteArrayOutputStream()), true);
        String half = bar.line(500, 1000, 0.25, 2.0);
        assertTrue(half.startsWith("epoch 1/5 ["), half);
        assertTrue(half.contains("500/1000"), half);
        assertTrue(half.contains("loss 0.2500"), half);
        assertTrue(half.contains("250 ex/s"), half);
        String bar25 = half.substring(half.indexOf('[') + 1, half.indexOf(']'));
        assertEquals(25, bar25.length(), "the bar is 25 characters wide: [" + bar25 + "]");
        assertEquals(12, bar25.chars().filter(c -> c == '█').count(), "half of 25 cells are full: [" + bar25 + "]");
        String full = bar.line(1000, 1000, 0.1, 1.0);
        assertEquals(25, full.chars().filter(c -> c == '█').count(), full);
    }

    @Test
    @DisplayName("when not on a terminal it prints nothing at all, so logs get no partial lines")
    void silentWhenDisabled() {
        var text = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("epoch 1/1", new PrintStream(text, true), false);
        bar.update(10, 100, 1.0);
        bar.update(100, 100, 0.5);
        bar.done();
        assertEquals("", text.toString());
    }

    @Test
    @DisplayName("on a terminal it redraws in place with a carriage return and clears the line when done")
    void redrawsInPlace() {
        var text = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("epoch 1/1", new PrintStream(text, true), true);
        bar.update(100, 100, 0.5);
        bar.done();
        String out = text.toString();
        assertTrue(out.startsWith("\repoch 1/1 ["), out);
        assertTrue(out.endsWith("\r"), "done() ends with a carriage return on a blank line");
        assertTrue(!out.contains("\n"), "no new line: the epoch's summary line takes its place");
    }
}

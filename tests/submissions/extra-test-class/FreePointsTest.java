package ch01;

import grader.Points;
import org.junit.jupiter.api.Test;

/// A hostile submission's own test class, in the chapter's package, next to its code: tests that
/// pass, worth 100 points each. The grader takes its tests from the project's tests/ only.
class FreePointsTest {

    @Test
    @Points(100)
    void free() {
    }

    @Test
    @Points(100)
    void alsoFree() {
    }
}

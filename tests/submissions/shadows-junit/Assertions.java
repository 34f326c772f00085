package org.junit.jupiter.api;

/// A hostile submission's own org.junit.jupiter.api.Assertions, whose checks never fail: compiled
/// in front of JUnit's, every assertion of the tests would pass. The grader refuses a chapter with
/// a class outside the chapters' packages.
public final class Assertions {

    private Assertions() {}

    public static void assertEquals(double expected, double actual, double delta, String message) {
    }

    public static void assertEquals(double expected, double actual, String message) {
    }

    public static void assertTrue(boolean condition, String message) {
    }
}

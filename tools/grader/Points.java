package grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/// How many points a graded test is worth, declared next to the test:
///
/// ```java
/// @Test
/// @Points(2)
/// @DisplayName("MSE gradient matches centred differences ...")
/// void gradientMatchesCentredDifferences() { ... }
/// ```
///
/// A test without it is worth 1 point; on a test class it is the worth of each of its tests that
/// does not say otherwise. A test that passes earns its points, one that fails earns none, unless
/// it grants [PartialCredit] for the share of its cases that held.
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {

    /// The points of the test, more than 0.
    double value();
}

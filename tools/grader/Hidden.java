package grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/// A graded test that runs only when an instructor grades (`./jbang grade --submissions DIR`,
/// or `--hidden`): a student's `./jbang grade` says that the chapter has hidden tests and how
/// many points they are worth, not what they check. On a class, every test of the class is
/// hidden. It is the JUnit tag [#TAG], so the usual tag filters see it too.
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Tag(Hidden.TAG)
public @interface Hidden {

    /// The JUnit tag of hidden tests.
    String TAG = "hidden";
}

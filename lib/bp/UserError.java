package bp;

/// An error the user caused and can fix: a bad file, a bad value, an unfinished exercise.
///
/// Its message is one sentence that says what was wrong and what to do. [Chapter] and the tools
/// print it without a stack trace and exit with a non-zero code.
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

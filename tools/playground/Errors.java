package playground;

import bp.Chapter;
import bp.UserError;

/// What the page says when the code under the playground throws: one sentence, never a stack trace.
final class Errors {

    private Errors() {}

    /// The sentence for `e`, thrown by the code described by `code` (the reference solutions, or
    /// the student's classes): an unfinished exercise is named with its file, a [UserError] is its
    /// own message, anything else is the exception and the line it came from.
    static String sentence(Throwable e, String code) {
        if (e instanceof UserError) {
            return e.getMessage();
        }
        String text = e.getMessage() != null ? e.getMessage() : "";
        if (e instanceof UnsupportedOperationException && text.startsWith("TODO(")) {
            String chapter = text.substring(5, Math.min(text.length(), 9));
            return text + " is not written yet: finish it (./jbang grade " + chapter
                    + " shows what is left), or run the playground without --mine.";
        }
        if (e instanceof IllegalArgumentException) {
            return "the settings do not fit: " + text + ".";
        }
        return code + " threw " + Chapter.describe(e) + ".";
    }
}

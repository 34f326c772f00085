package bp;

import java.util.List;
import java.util.function.Consumer;

/// Runs a chapter's lesson with the shared options, the way every chapter script starts:
///
/// ```java
/// void main(String[] args) {
///     Chapter.run(args, "A single neuron", this::lesson);
/// }
/// ```
///
/// It parses the options ([Options]), switches to the student's code for `--mine`, runs the
/// lesson, and turns what can go wrong into one sentence and an exit code: 2 for a bad option,
/// 1 for an error the user can fix ([UserError], an unfinished exercise, an exception thrown by
/// the student's code). At the end it shows the plots in a window when a display is present.
public final class Chapter {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /// True while a chapter runs again on the student's code, inside [Mine].
    private static boolean onMine;

    private Chapter() {}

    /// Runs `lesson` for the calling chapter script, whose file name starts with its alias
    /// (`ch01_neuron.java` runs as `ch01`, on the exercise package `ch01`).
    public static void run(String[] args, String title, Consumer<Options> lesson) {
        run(WALKER.getCallerClass(), args, title, List.of(), lesson);
    }

    /// Runs `lesson` as [#run(String\[\], String, Consumer)] does, with the chapter's own file
    /// options `extra` (chapter 6's `--init FILE`), whose values [Options#file] gives.
    public static void run(String[] args, String title, List<Options.FileOption> extra, Consumer<Options> lesson) {
        run(WALKER.getCallerClass(), args, title, extra, lesson);
    }

    /// Runs `lesson` as [#run(String\[\], String, Consumer)] does; `--help` ends with `footer`
    /// (chapter 9: the commands of its tool, `./jbang mnist train`, ...).
    public static void run(String[] args, String title, String footer, Consumer<Options> lesson) {
        run(WALKER.getCallerClass(), args, title, List.of(), footer, lesson);
    }

    private static void run(Class<?> script, String[] args, String title, List<Options.FileOption> extra,
            Consumer<Options> lesson) {
        run(script, args, title, extra, "", lesson);
    }

    private static void run(Class<?> script, String[] args, String title, List<Options.FileOption> extra,
            String footer, Consumer<Options> lesson) {
        String command = script.getSimpleName().split("_")[0];
        int code = run(script, command, title, extra, footer, args, lesson);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static int run(Class<?> script, String command, String title, List<Options.FileOption> extra,
            String footer, String[] args, Consumer<Options> lesson) {
        Options options;
        try {
            options = Options.parse(command, title, extra, footer, args);
        } catch (Options.Exit exit) {
            return exit.code;
        } catch (UserError e) {
            return fail(e.getMessage());
        }
        Narration.use(command, options.lang());
        if (options.mine() && !onMine) {
            return runOnMine(script, command, args);
        }
        try {
            System.out.println(title);
            System.out.println("=".repeat(title.length()));
            lesson.accept(options);
        } catch (UserError e) {
            return fail(e.getMessage());
        } catch (RuntimeException | Error e) {
            if (e instanceof UnsupportedOperationException todo && isTodo(todo)) {
                return fail(todo.getMessage() + " is not written yet; finish it (./jbang grade " + command
                        + " shows what is left) or run the chapter without --mine.");
            }
            if (onMine) {
                return fail("your code threw " + describe(e) + "; ./jbang grade " + command + " shows which test it fails.");
            }
            throw e;
        }
        Plots.showAll(options);
        return 0;
    }

    private static int runOnMine(Class<?> script, String command, String[] args) {
        onMine = true;
        try {
            System.out.println("[" + command + "] running on your code in " + Repo.display(Mine.exercisesFolder().resolve(command)));
            Mine.run(script, command, args);
            return 0;
        } catch (UserError e) {
            return fail(e.getMessage());
        } catch (Throwable e) {
            return fail("could not run the chapter on your code: " + describe(e));
        } finally {
            onMine = false;
        }
    }

    private static boolean isTodo(UnsupportedOperationException e) {
        return e.getMessage() != null && e.getMessage().startsWith("TODO(");
    }

    /// "ArithmeticException: / by zero (Neuron.java:42)": the exception and where it came from.
    public static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getFileName() != null && !frame.getClassName().startsWith("java.")) {
                return text + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return text;
    }

    private static int fail(String message) {
        System.out.flush();
        System.err.println("error: " + message);
        return 1;
    }
}

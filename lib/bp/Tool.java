package bp;

import picocli.CommandLine;

/// Runs a tool's picocli command (the grader, `./jbang mnist train`, ...) with the project's
/// error rules: a bad option prints one sentence and the usage (exit 2), a [UserError] prints its
/// sentence (exit 1).
public final class Tool {

    private Tool() {}

    /// Parses `args` for `command` (a picocli `@Command`), runs it and returns its exit code.
    public static int run(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserError) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}

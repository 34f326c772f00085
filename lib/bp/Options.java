package bp;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/// The command-line options every chapter shares.
///
/// | option       | meaning                                                            |
/// |--------------|--------------------------------------------------------------------|
/// | `--quick`    | small settings that finish in a few seconds (used by CI)           |
/// | `--out DIR`  | write the plots to DIR instead of `out/chNN/` under the repository |
/// | `--no-show`  | never open a window, even when a display is present                |
/// | `--seed N`   | seed of every random number generator (default 42)                 |
/// | `--mine`     | run the chapter on your own code in `exercises/` instead of `solutions/` |
/// | `--help`     | print the usage and exit                                           |
///
/// @param command the alias the chapter runs under, `ch01`
/// @param quick   small settings for a fast run
/// @param out     the folder the plots are written to
/// @param noShow  whether `--no-show` was given
/// @param seed    the seed of every random number generator
/// @param mine    whether to run on the student's code in `exercises/`
public record Options(String command, boolean quick, Path out, boolean noShow, long seed, boolean mine) {

    public static final long DEFAULT_SEED = 42;

    /// Thrown by [#parse] when the program should stop: after `--help` (code 0) or after a bad
    /// option, whose message and the usage were printed (code 2).
    public static final class Exit extends RuntimeException {
        public final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /// A fresh random number generator seeded with `--seed`.
    public Random random() {
        return new Random(seed);
    }

    /// Whether plots should open in a window: a display is present and `--no-show` was not given.
    public boolean show() {
        return !noShow && !GraphicsEnvironment.isHeadless();
    }

    /// Parses `args` for the chapter `command` ("ch01"), whose one-line `title` the usage shows.
    ///
    /// `--help` prints the usage to standard output and throws [Exit] with code 0; an unknown or
    /// malformed option prints one sentence and the usage to standard error and throws [Exit]
    /// with code 2.
    public static Options parse(String command, String title, String[] args) {
        CommandSpec spec = spec(command, title);
        CommandLine cli = new CommandLine(spec);
        ParseResult result;
        try {
            result = cli.parseArgs(args);
        } catch (ParameterException e) {
            System.err.println(command + ": " + e.getMessage());
            System.err.print(usage(cli));
            throw new Exit(2);
        }
        if (cli.isUsageHelpRequested()) {
            System.out.print(usage(cli));
            throw new Exit(0);
        }
        Path out = result.matchedOptionValue("--out", null);
        return new Options(command,
                result.hasMatchedOption("--quick"),
                out != null ? out.toAbsolutePath().normalize() : Repo.root().resolve("out").resolve(command),
                result.hasMatchedOption("--no-show"),
                result.matchedOptionValue("--seed", DEFAULT_SEED),
                result.hasMatchedOption("--mine"));
    }

    private static CommandSpec spec(String command, String title) {
        CommandSpec spec = CommandSpec.create().name("./jbang " + command);
        spec.usageMessage().description(title).sortOptions(false)
                .descriptionHeading("%n").optionListHeading("%nOptions:%n");
        spec.addOption(flag("--quick", "Small settings that finish in a few seconds (used by CI)."));
        spec.addOption(OptionSpec.builder("--out").paramLabel("DIR").type(Path.class)
                .description("Write the plots to DIR (default: out/" + command + "/ under the repository).").build());
        spec.addOption(flag("--no-show", "Never open a window, even when a display is present."));
        spec.addOption(OptionSpec.builder("--seed").paramLabel("N").type(long.class)
                .description("Seed of every random number generator (default: " + DEFAULT_SEED + ").").build());
        spec.addOption(flag("--mine", "Run on your own code in exercises/ instead of solutions/."));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Print this help and exit.").build());
        return spec;
    }

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
    }

    private static String usage(CommandLine cli) {
        StringWriter text = new StringWriter();
        cli.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        return text.toString();
    }
}

package bp;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
/// A chapter may add options of its own that name a file, such as chapter 6's `--init FILE`
/// ([FileOption]); [#file] gives their values.
///
/// @param command the alias the chapter runs under, `ch01`
/// @param quick   small settings for a fast run
/// @param out     the folder the plots are written to
/// @param noShow  whether `--no-show` was given
/// @param seed    the seed of every random number generator
/// @param mine    whether to run on the student's code in `exercises/`
/// @param files   the values of the chapter's own file options given, by option name ("--init")
/// @param lang    the language of the console narration: "en" (the default) or "zh" ([Narration])
public record Options(String command, boolean quick, Path out, boolean noShow, long seed, boolean mine,
        Map<String, Path> files, String lang) {

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

    /// A chapter's own option that takes a file name, such as `--losses FILE`.
    ///
    /// @param name        the option, with its dashes: "--losses"
    /// @param description one sentence for the usage
    public record FileOption(String name, String description) {}

    /// The file given with the chapter's option `name` ("--init"), if it was given.
    public Optional<Path> file(String name) {
        return Optional.ofNullable(files.get(name));
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
        return parse(command, title, List.of(), args);
    }

    /// Parses `args` as [#parse(String, String, String\[\])] does, with the chapter's own file options `extra`.
    public static Options parse(String command, String title, List<FileOption> extra, String[] args) {
        return parse(command, title, extra, "", args);
    }

    /// Parses `args` as [#parse(String, String, List, String\[\])] does; the usage ends with
    /// `footer` (lines of text; chapter 9 lists the commands of its tool there).
    public static Options parse(String command, String title, List<FileOption> extra, String footer, String[] args) {
        CommandSpec spec = spec(command, title, extra);
        if (!footer.isEmpty()) {
            spec.usageMessage().footer(("%n" + footer.replace("%", "%%")).split("\n"));
        }
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
        Map<String, Path> files = new LinkedHashMap<>();
        for (FileOption option : extra) {
            Path file = result.matchedOptionValue(option.name(), null);
            if (file != null) {
                files.put(option.name(), file);
            }
        }
        return new Options(command,
                result.hasMatchedOption("--quick"),
                out != null ? out.toAbsolutePath().normalize() : Repo.root().resolve("out").resolve(command),
                result.hasMatchedOption("--no-show"),
                result.matchedOptionValue("--seed", DEFAULT_SEED),
                result.hasMatchedOption("--mine"),
                Map.copyOf(files),
                lang(command, result.matchedOptionValue("--lang", "en")));
    }

    /// `lang` when the chapters narrate in it; otherwise the usage error of a bad option (exit 2).
    private static String lang(String command, String lang) {
        if (!Narration.LANGUAGES.contains(lang)) {
            System.err.println(command + ": --lang must be one of " + String.join(", ", Narration.LANGUAGES) + ", not '" + lang + "'");
            throw new Exit(2);
        }
        return lang;
    }

    private static CommandSpec spec(String command, String title, List<FileOption> extra) {
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
        spec.addOption(OptionSpec.builder("--lang").paramLabel("en|zh").type(String.class)
                .description("The language of what the chapter prints: en (English, the default) or zh (Simplified Chinese).").build());
        for (FileOption option : extra) {
            spec.addOption(OptionSpec.builder(option.name()).paramLabel("FILE").type(Path.class)
                    .description(option.description()).build());
        }
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

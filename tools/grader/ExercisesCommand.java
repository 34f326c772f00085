package grader;

import bp.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `./jbang make-exercises --check | --write`: for maintainers, keeps `exercises/` equal to what
/// [ExerciseGenerator] makes from `solutions/`: exactly the files that hold an exercise.
///
/// `--write` never loses work: a file it replaces, or a copy of a file that holds no exercise
/// that it deletes, is first copied to `out/exercises-backup/<time>/`, so a student's edits
/// survive an accidental run.
@Command(name = "./jbang make-exercises", sortOptions = false, usageHelpAutoWidth = true,
        description = "For maintainers: generate exercises/ from the marked solution regions in solutions/, or check that they agree.")
public final class ExercisesCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--check", description = "Report every file of exercises/ that differs from its generated stub, is missing or should not be there (exit 1 if any).")
        boolean check;

        @Option(names = "--write", description = "Write the generated stubs into exercises/ and delete copies of files that hold no exercise (backed up first).")
        boolean write;
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        Path root = Repo.root();
        Path solutions = root.resolve("solutions");
        Path exercises = root.resolve("exercises");
        if (mode.check) {
            List<String> problems = ExerciseGenerator.differences(solutions, exercises);
            problems.forEach(p -> System.out.println("  " + p));
            System.out.println(problems.isEmpty()
                    ? "exercises/ agrees with solutions/."
                    : problems.size() + " file(s) differ; run ./jbang make-exercises --write to regenerate or delete them.");
            return problems.isEmpty() ? 0 : 1;
        }
        Path backup = root.resolve("out/exercises-backup")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int written = 0;
        for (Map.Entry<Path, String> file : ExerciseGenerator.generate(solutions).entrySet()) {
            Path target = exercises.resolve(file.getKey());
            if (Files.exists(target) && Files.readString(target).equals(file.getValue())) {
                continue;
            }
            if (Files.exists(target)) {
                backUp(exercises, file.getKey(), backup);
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            System.out.println("  wrote " + Repo.display(target));
            written++;
        }
        int deleted = 0;
        for (Path copy : ExerciseGenerator.copies(solutions, exercises)) {
            backUp(exercises, copy, backup);
            Files.delete(exercises.resolve(copy));
            System.out.println("  deleted " + Repo.display(exercises.resolve(copy)) + ": it holds no exercise (solutions/" + copy + " is used)");
            deleted++;
        }
        System.out.println(written + deleted == 0 ? "exercises/ was already up to date."
                : written + " file(s) written" + (deleted > 0 ? ", " + deleted + " deleted." : "."));
        return 0;
    }

    /// Copies `exercises/relative` to `backup/relative` and says so.
    private static void backUp(Path exercises, Path relative, Path backup) throws IOException {
        Path saved = backup.resolve(relative);
        Files.createDirectories(saved.getParent());
        Files.copy(exercises.resolve(relative), saved, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("  backed up " + Repo.display(exercises.resolve(relative)) + " to " + Repo.display(saved));
    }
}

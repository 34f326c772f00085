package bp;

import java.nio.file.Files;
import java.nio.file.Path;

/// Where the repository is, so that chapters find `data/` and write `out/` under the repository
/// root whatever the working directory.
///
/// The `./jbang` launcher exports `BACKPROP_HOME`; without it (an installed `jbang` run from
/// inside the repository) the root is the nearest folder above the working directory that holds
/// both `jbang-catalog.json` and `lib/bp`.
public final class Repo {

    private Repo() {}

    /// The repository root, as an absolute path.
    public static Path root() {
        String home = System.getenv("BACKPROP_HOME");
        if (home != null && !home.isBlank() && isRoot(Path.of(home))) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new UserError("cannot find the backprop repository (no jbang-catalog.json with lib/bp "
                + "above " + Path.of("").toAbsolutePath() + "); run the command through ./jbang or from inside the repository.");
    }

    /// `path` resolved against the repository root (`Repo.path("data/mnist")`).
    public static Path path(String path) {
        return root().resolve(path);
    }

    /// `exercises/` under the repository, where a student's code is, or the folder named by the
    /// environment variable `BACKPROP_EXERCISES` (the project's own checks point it at generated
    /// stubs or at solutions/): what `--mine` runs on.
    public static Path exercises() {
        String override = System.getenv("BACKPROP_EXERCISES");
        return override != null && !override.isBlank() ? Path.of(override) : root().resolve("exercises");
    }

    /// `path` as the user should read it: relative to the working directory when it is below it.
    public static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("jbang-catalog.json")) && Files.isDirectory(dir.resolve("lib/bp"));
    }
}

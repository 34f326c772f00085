package playground;

import bp.ChapterSources;
import bp.ChildFirstLoader;
import bp.Javac;
import bp.Repo;
import bp.TempFolder;
import bp.UserError;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// `./jbang playground --mine`: the playground on the student's own classes.
///
/// The playground was built against `solutions/`. Here the exercise packages it uses are compiled
/// as [ChapterSources] makes them (the files that hold exercises from `exercises/`, or another
/// folder, the others from `solutions/`), and the server is loaded again in a class loader that
/// takes those packages and the playground's own classes from there first, as chapter scripts do
/// for `--mine` ([bp.Chapter]). Every layer, activation, cost, optimizer and initialisation the
/// page trains with is then the student's; an unfinished one shows on the page as one sentence.
public final class StudentCode {

    /// The exercise packages the playground runs on: activations, costs, layers and network,
    /// optimizers, initialisation and batch norm.
    public static final List<String> PACKAGES = List.of("ch02", "ch03", "ch06", "ch07", "ch08");

    private StudentCode() {}

    /// Compiles the [#PACKAGES] of `exercises` and starts a playground on them at `port`. A compile
    /// error prints the compiler's messages and ends in one sentence ([UserError]).
    public static Playground start(Path exercises, int port) {
        List<Path> sources = new ArrayList<>();
        for (String name : PACKAGES) {
            if (Javac.sourcesIn(exercises.resolve(name)).isEmpty()) {
                throw new UserError("there are no exercises in " + Repo.display(exercises.resolve(name)) + " for the playground to run with --mine.");
            }
            // the student's files that hold exercises, the package's other files from solutions/
            ChapterSources.Set set = ChapterSources.of(Repo.path("solutions"), exercises, name);
            if (!set.missing().isEmpty()) {
                String file = Repo.display(set.missing().getFirst());
                throw new UserError(file + " is missing: restore it (git checkout -- " + file + ") or run the playground without --mine.");
            }
            sources.addAll(set.files());
        }
        TempFolder classes = TempFolder.create("backprop-playground-mine-");
        try {
            Javac.Result build = Javac.compile(sources, classes.path(), null);
            if (!build.ok()) {
                System.err.println(build.messages());
                throw new UserError("your code in " + Repo.display(exercises) + " does not compile (the compiler's messages are above); fix it, or run the playground without --mine.");
            }
            URL[] urls = {classes.path().toUri().toURL(), Server.class.getProtectionDomain().getCodeSource().getLocation()};
            var loader = new ChildFirstLoader(urls, Server.class.getClassLoader(), StudentCode::fromStudent);
            Playground running = (Playground) loader.loadClass(Server.class.getName())
                    .getMethod("start", int.class, String.class)
                    .invoke(null, port, "your code in " + Repo.display(exercises));
            return new Playground() {
                @Override
                public URI uri() {
                    return running.uri();
                }

                @Override
                public void close() {
                    running.close();
                    try {
                        loader.close();
                    } catch (IOException e) {
                        // the classes are deleted below anyway
                    }
                    classes.close();
                }
            };
        } catch (InvocationTargetException e) {
            classes.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | IOException e) {
            classes.close();
            throw new IllegalStateException("cannot load the playground on the exercises: " + e, e);
        } catch (RuntimeException e) {
            classes.close();
            throw e;
        }
    }

    /// Whether the class `name` comes from the student's classes first: the exercise packages, and
    /// the playground's own classes (which call them), except the [Playground] interface shared
    /// with the caller.
    private static boolean fromStudent(String name) {
        if (name.equals(Playground.class.getName())) {
            return false;
        }
        return name.startsWith("playground.") || PACKAGES.stream().anyMatch(p -> name.startsWith(p + "."));
    }
}

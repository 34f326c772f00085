package bp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;

/// Runs a chapter on the student's own code (`--mine`): the chapter was built against
/// `solutions/`, so we compile the chapter's package as [ChapterSources] makes it (the student's
/// files from `exercises/chNN/`, the files that hold no exercise from `solutions/chNN/`) and load
/// the chapter class again in a class loader that takes that package and the chapter from there
/// first. Every call the chapter makes into that package then reaches the student's classes; the
/// library (`bp`), the earlier chapters and the dependencies stay shared with the running program.
final class Mine {

    private Mine() {}

    /// Compiles the package `exercisePackage` with the student's files and runs `chapter.main(args)` on it.
    static void run(Class<?> chapter, String exercisePackage, String[] args) throws Throwable {
        Path student = exercisesFolder().resolve(exercisePackage);
        ChapterSources.Set sources = ChapterSources.of(Repo.path("solutions"), exercisesFolder(), exercisePackage);
        if (Javac.sourcesIn(student).isEmpty()) {
            throw new UserError("there are no exercises in " + Repo.display(student) + " to run with --mine.");
        }
        if (!sources.missing().isEmpty()) {
            String file = Repo.display(sources.missing().getFirst());
            throw new UserError(file + " is missing: restore it (git checkout -- " + file + ") or run the chapter without --mine.");
        }
        for (Path ignored : sources.ignored()) {
            System.out.println("[" + exercisePackage + "] " + Repo.display(ignored) + " holds no exercise: using solutions/"
                    + exercisePackage + "/" + student.relativize(ignored) + " instead");
        }
        try (var tmp = TempFolder.create("backprop-mine-")) {
            Javac.Result build = Javac.compile(sources.files(), tmp.path(), null);
            if (!build.ok()) {
                System.err.println(build.messages());
                throw new UserError("your code in " + Repo.display(student) + " does not compile (the compiler's messages are above); fix it, or run the chapter without --mine.");
            }
            URL[] urls = {tmp.path().toUri().toURL(), codeSource(chapter)};
            String prefix = exercisePackage + ".";
            String main = chapter.getName();
            try (var loader = new ChildFirstLoader(urls, chapter.getClassLoader(),
                    name -> name.startsWith(prefix) || name.equals(main) || name.startsWith(main + "$"))) {
                invokeMain(loader.loadClass(main), args);
            }
        }
    }

    /// `exercises/` under the repository, or the folder named by the environment variable
    /// `BACKPROP_EXERCISES` ([Repo#exercises()]).
    static Path exercisesFolder() {
        return Repo.exercises();
    }

    private static void invokeMain(Class<?> chapter, String[] args) throws Throwable {
        try {
            var constructor = chapter.getDeclaredConstructor();
            constructor.setAccessible(true);
            Method main = chapter.getDeclaredMethod("main", String[].class);
            main.setAccessible(true);
            main.invoke(java.lang.reflect.Modifier.isStatic(main.getModifiers()) ? null : constructor.newInstance(),
                    (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static URL codeSource(Class<?> chapter) throws MalformedURLException {
        var source = chapter.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("cannot locate the compiled chapter " + chapter.getName());
        }
        return source.getLocation();
    }
}

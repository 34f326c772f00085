package grader;

import bp.Repo;
import bp.TempFolder;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/// What every test JVM of instructor grading runs on, made once per grader: a copy of the
/// grader's class path (`lib/`: JUnit, the grader's jar), the module `testjvm`
/// (`tools/testjvm`) compiled into `module/`, and the sandbox's seccomp filter, in a folder of
/// their own that the test JVMs may read and not write. Nothing in it comes from a submission, `solutions/` or `tests/`.
record ChildJvm(Path folder, List<Path> classPath, Path module, String javaCommand) {

    /// The module and the main class of the test JVM.
    static final String MAIN = "testjvm/testjvm.TestRunner";

    private static ChildJvm made;

    /// The one of this grader, made on first use and deleted when the grader exits.
    static synchronized ChildJvm get(Path root) {
        if (made == null) {
            TempFolder folder = TempFolder.create("backprop-grader-jvm-");
            Runtime.getRuntime().addShutdownHook(new Thread(folder::close));
            made = make(root, folder.path());
        }
        return made;
    }

    private static ChildJvm make(Path root, Path folder) {
        try {
            Path lib = Files.createDirectories(folder.resolve("lib"));
            List<Path> classPath = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path from = Path.of(entry);
                if (Files.exists(from)) {
                    Path to = lib.resolve(String.format(Locale.ROOT, "%02d-%s", n++, from.getFileName()));
                    copyTree(from, to);
                    classPath.add(to);
                }
            }
            Path module = folder.resolve("module");
            compileModule(root.resolve("tools/testjvm"), module);
            byte[] filter = Sandbox.seccompFilter();
            if (filter.length > 0) {
                Files.write(folder.resolve("seccomp.bpf"), filter);
            }
            readableByAll(folder);
            return new ChildJvm(folder, List.copyOf(classPath), module, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// Compiles the module `testjvm` against the grader's class path, which it reads
    /// (`--add-reads testjvm=ALL-UNNAMED`: JUnit and `grader.Hints` are in the unnamed module).
    private static void compileModule(Path sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                "--add-reads", "testjvm=ALL-UNNAMED", "-encoding", "UTF-8", "-proc:none", "-nowarn");
        StringWriter messages = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            ok = javac.getTask(messages, fileManager, null, options, null, fileManager.getJavaFileObjectsFromPaths(files)).call();
        }
        if (!ok) {
            throw new IllegalStateException(Repo.display(sources) + " does not compile:\n" + messages);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /// Lets every user read `folder` and what is in it (a test JVM may run as another user), and
    /// no one but its owner (the grader) write there.
    static void readableByAll(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}

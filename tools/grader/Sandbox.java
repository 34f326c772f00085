package grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Bubblewrap (`bwrap`, Debian's package `bubblewrap`), when it is installed and works here. A
/// test JVM in it sees only:
///
/// - the system's shared libraries (`/usr/lib`, `/lib`...) and the JDK, read-only;
/// - `/grade/lib` and `/grade/module`, the grader's class path and module ([ChildJvm]), read-only;
/// - `/grade/classes`, its own chapter's compiled classes (student code and tests), read-only;
/// - `/grade/scratch`, a fresh empty folder of its own, the only place it can write;
/// - a private empty `/tmp` and a minimal `/dev`; no `/proc` at all, no `/run`, `/var`, `/etc`,
///   home folders, `solutions/`, `tests/` or other submissions;
///
/// in namespaces of its own (no network, its own process tree, IPC and host name), with every
/// capability dropped, in a session of its own, and killed with everything it started when
/// the grader's JVM ends it. A write anywhere but the scratch folder fails with "Read-only file
/// system", which the grader reports with the test that tried it.
record Sandbox(String bwrap) {

    /// Where the test JVM's own folders are, inside the sandbox.
    static final Path INSIDE = Path.of("/grade");

    /// The command prefix that runs a test JVM on `classes` with the writable `scratch`.
    List<String> prefix(Path classes, Path scratch, ChildJvm jvm) {
        List<String> args = new ArrayList<>(List.of(bwrap, "--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session"));
        for (String dir : List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32")) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", readLink(path), dir));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        String jdk = Path.of(jvm.javaCommand()).getParent().getParent().toString();
        args.addAll(List.of("--ro-bind", jdk, jdk,
                "--ro-bind", jvm.folder().resolve("lib").toString(), INSIDE.resolve("lib").toString(),
                "--ro-bind", jvm.module().toString(), INSIDE.resolve("module").toString(),
                "--ro-bind", classes.toString(), INSIDE.resolve("classes").toString(),
                "--dev", "/dev", "--tmpfs", "/tmp",
                "--bind", scratch.toString(), INSIDE.resolve("scratch").toString(),
                "--chdir", INSIDE.resolve("scratch").toString(),
                // without /proc the loader cannot find the JDK's libraries by $ORIGIN
                "--setenv", "LD_LIBRARY_PATH", jdk + "/lib:" + jdk + "/lib/server",
                "--"));
        return args;
    }

    /// Where the test JVM sees the grader's `path` (a folder of [ChildJvm], its classes or its scratch).
    Path inside(Path path, Path classes, Path scratch, ChildJvm jvm) {
        if (path.startsWith(jvm.folder().resolve("lib"))) {
            return INSIDE.resolve("lib").resolve(jvm.folder().resolve("lib").relativize(path).toString());
        }
        if (path.equals(jvm.module())) {
            return INSIDE.resolve("module");
        }
        if (path.startsWith(scratch)) {
            return INSIDE.resolve("scratch").resolve(scratch.relativize(path).toString());
        }
        return path.equals(classes) ? INSIDE.resolve("classes") : path;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return link.toString();
        }
    }

    /// Bubblewrap when it is on the PATH and can start a test JVM here (user namespaces may be
    /// switched off), else null.
    static Sandbox find(ChildJvm jvm) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path bwrap = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(bwrap)) {
                Sandbox sandbox = new Sandbox(bwrap.toString());
                return sandbox.works(jvm) ? sandbox : null;
            }
        }
        return null;
    }

    /// Whether `java -version` runs in the sandbox.
    private boolean works(ChildJvm jvm) {
        try {
            Path probe = Files.createTempDirectory("backprop-sandbox-");
            try {
                List<String> command = new ArrayList<>(prefix(probe, probe, jvm));
                command.addAll(List.of(jvm.javaCommand(), "-version"));
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

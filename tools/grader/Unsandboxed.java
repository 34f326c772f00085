package grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/// How a test JVM runs when bubblewrap cannot: in a session and process group of its own
/// (`setsid`), and, when the grader runs as root, as a user of its own (`setpriv`): a fresh
/// numeric user id per chapter graded, that no account has. That user cannot signal the grader, read
/// its `/proc` entries or write its files, and when the JVM ends every process of that user is
/// killed, however it left the process group. Either tool may be missing (it is util-linux's);
/// then the test JVM runs as the grader's own process, and what that leaves open is in docs/grading.md.
record Unsandboxed(String setsid, String setpriv) {

    /// Test JVMs run as user ids from here on (far above any account's; a different one for
    /// each chapter graded, so that ending one chapter's JVM never touches another's).
    private static final AtomicInteger NEXT_UID = new AtomicInteger(1_700_000_000 + new SecureRandom().nextInt(100_000_000));

    /// The tools this machine has and can use.
    static Unsandboxed find(ChildJvm jvm) {
        String setsid = onPath("setsid");
        String setpriv = isRoot() ? onPath("setpriv") : null;
        Unsandboxed found = new Unsandboxed(setsid, setpriv);
        return setpriv != null && !found.canSwitchUser(jvm) ? new Unsandboxed(setsid, null) : found;
    }

    /// A fresh user id for one chapter's test JVMs, or -1 when they run as the grader's user.
    int newUser() {
        return setpriv == null ? -1 : NEXT_UID.getAndIncrement();
    }

    /// The command prefix that starts a test JVM as `uid` (-1: the grader's) in a new session.
    List<String> prefix(int uid) {
        List<String> args = new ArrayList<>();
        if (setsid != null) {
            args.add(setsid);
        }
        if (uid >= 0) {
            args.addAll(asUser(uid));
        }
        return args;
    }

    /// Kills every process of `uid` (a `kill -KILL -1` run as that user reaches exactly them).
    void killUser(int uid) {
        List<String> command = new ArrayList<>(asUser(uid));
        command.addAll(List.of("/bin/sh", "-c", "kill -KILL -1"));
        run(command);
    }

    private List<String> asUser(int uid) {
        return List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
    }

    private boolean canSwitchUser(ChildJvm jvm) {
        List<String> command = new ArrayList<>(asUser(newUser()));
        command.addAll(List.of(jvm.javaCommand(), "-version"));
        return run(command);
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError notUnix) {
            return false;
        }
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path file = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(file)) {
                return file.toString();
            }
        }
        return null;
    }
}

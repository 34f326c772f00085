package grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Bubblewrap (`bwrap`, Debian's package `bubblewrap`), when it is installed and works here: the
/// child JVM of [Isolated] then sees the whole file system read-only except its own work folder,
/// a private `/dev`, `/proc` and process tree, and no network. A write anywhere else fails with
/// "Read-only file system", which the grader reports with the test that tried it.
///
/// Without it the child still runs in the work folder with its home and temporary folder there,
/// but an absolute path reaches the rest of the file system with the grader's rights; the grader
/// then says so once, and checks afterwards that the submission itself was not changed.
record Sandbox(String bwrap) {

    /// The prefix that runs a command in the sandbox, with `work` writable and its working folder.
    List<String> prefix(Path work) {
        String folder = work.toAbsolutePath().toString();
        return List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--bind", folder, folder, "--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session",
                "--chdir", folder, "--");
    }

    /// Bubblewrap when it is on the PATH and can start a sandbox here (user namespaces may be
    /// switched off), else null.
    static Sandbox find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path bwrap = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(bwrap)) {
                Sandbox sandbox = new Sandbox(bwrap.toString());
                return sandbox.works() ? sandbox : null;
            }
        }
        return null;
    }

    private boolean works() {
        try {
            Path probe = Files.createTempDirectory("backprop-sandbox-");
            try {
                List<String> command = new java.util.ArrayList<>(prefix(probe));
                command.add("true");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
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

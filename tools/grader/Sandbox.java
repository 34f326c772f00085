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
/// capability dropped, in a session of its own, without the system calls that read another
/// process's memory ([#seccompFilter]), and killed with everything it started when the grader
/// ends it. A write anywhere but the scratch folder fails with "Read-only file
/// system", which the grader reports with the test that tried it.
record Sandbox(String bwrap) {

    /// Where the test JVM's own folders are, inside the sandbox.
    static final Path INSIDE = Path.of("/grade");

    /// The command prefix that runs a test JVM on `classes` with the writable `scratch`. On
    /// x86-64 a shell opens the [#seccompFilter] as file descriptor 3 for bubblewrap to load.
    List<String> prefix(Path classes, Path scratch, ChildJvm jvm) {
        List<String> args = new ArrayList<>();
        Path filter = jvm.folder().resolve("seccomp.bpf");
        if (Files.exists(filter)) {
            args.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3< \"$0\"", filter.toString(), bwrap, "--seccomp", "3"));
        } else {
            args.add(bwrap);
        }
        args.addAll(List.of("--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session"));
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

    /// A seccomp filter (classic BPF, as bubblewrap's `--seccomp` loads it) that refuses the system
    /// calls one process uses to read another's memory: `ptrace`, `process_vm_readv` and
    /// `process_vm_writev`, and every call of the x32 ABI (numbers from 0x40000000), with EPERM.
    /// Everything else is allowed. For x86-64 only: empty on other machines, where no filter is
    /// loaded (docs/grading.md says so).
    static byte[] seccompFilter() {
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))) {
            return new byte[0];
        }
        int ld = 0x20;   // BPF_LD | BPF_W | BPF_ABS
        int jeq = 0x15;  // BPF_JMP | BPF_JEQ | BPF_K
        int jge = 0x35;  // BPF_JMP | BPF_JGE | BPF_K
        int ret = 0x06;  // BPF_RET | BPF_K
        int allow = 0x7fff0000;
        int eperm = 0x00050000 | 1;
        int[][] program = {
            {ld, 0, 0, 4},                        // 0: A = seccomp_data.arch
            {jeq, 1, 0, 0xc000003e},              // 1: AUDIT_ARCH_X86_64 ? skip the next : go on
            {ret, 0, 0, eperm},                   // 2: another ABI (i386): refused
            {ld, 0, 0, 0},                        // 3: A = seccomp_data.nr
            {jeq, 4, 0, 101},                     // 4: ptrace
            {jeq, 3, 0, 310},                     // 5: process_vm_readv
            {jeq, 2, 0, 311},                     // 6: process_vm_writev
            {jge, 1, 0, 0x40000000},              // 7: the x32 ABI
            {ret, 0, 0, allow},                   // 8: allowed
            {ret, 0, 0, eperm},                   // 9: refused
        };
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(program.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int[] op : program) {
            bytes.putShort((short) op[0]).put((byte) op[1]).put((byte) op[2]).putInt(op[3]);
        }
        return bytes.array();
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

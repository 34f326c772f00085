package ch01;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// A hostile submission: starts processes that are meant to outlive grading: 151 `sleep`s through
/// a shell when the system has one, the last in a session of its own (so that it leaves the
/// process group), and otherwise 5 JVMs that sleep. Each carries the marker [#MARKER].
final class Spawn {

    /// What the check looks for among the processes after grading.
    static final String MARKER = "3607";

    private static boolean done;

    private Spawn() {}

    static synchronized void processes() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (Files.isExecutable(Path.of("/bin/sleep")) && Files.isExecutable(Path.of("/bin/sh"))) {
                String sleep = "/bin/sleep " + MARKER + " > /dev/null 2>&1 &";
                new ProcessBuilder("/bin/sh", "-c", "for i in $(seq 150); do " + sleep + " done; setsid " + sleep).start().waitFor();
            } else {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                for (int i = 0; i < 5; i++) {
                    List<String> command = new ArrayList<>(List.of(java, "-Xmx16m", "-Dbackprop.marker=" + MARKER,
                            "-cp", System.getProperty("java.class.path"), Spawn.class.getName()));
                    new ProcessBuilder(command).redirectOutput(new File("/dev/null")).redirectErrorStream(true).start();
                }
            }
        } catch (Exception refused) {
            // fewer processes, then
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(3_607_000);
    }
}

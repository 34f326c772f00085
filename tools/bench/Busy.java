package benchkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/// `./jbang bench --busy N`: the load of a shared machine, made reproducible. Each of the N
/// processes runs one thread of plain arithmetic (a multiply-add on one double, over and over:
/// no memory traffic, no system calls), at normal priority, for as long as the benchmark runs.
/// The load is bounded: each process stops when the benchmark stops it, when the benchmark's
/// process is gone, or after [#LIMIT_SECONDS] whatever happens.
public final class Busy {

    /// The longest a busy process runs: an hour.
    public static final long LIMIT_SECONDS = 3600;

    private Busy() {}

    /// Starts `n` busy processes, this JVM's own java running [#main].
    public static List<Process> start(int n) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), Busy.class.getName(), Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            try {
                processes.add(builder.start());
            } catch (IOException e) {
                stop(processes);
                throw new bp.UserError("could not start a busy process (" + e.getMessage() + ")");
            }
        }
        return processes;
    }

    /// Stops the busy processes and waits for them to end.
    public static void stop(List<Process> processes) {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /// The busy loop; args[0] is the pid of the benchmark, whose end ends the loop.
    public static void main(String[] args) {
        ProcessHandle parent = ProcessHandle.of(Long.parseLong(args[0])).orElse(null);
        long end = System.nanoTime() + LIMIT_SECONDS * 1_000_000_000L;
        double x = 1;
        while (parent != null && parent.isAlive() && System.nanoTime() < end) {
            // about a millisecond of multiply-adds between two checks
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 0.999_999_9 + 1e-7;
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}

package grader;

import bp.Repo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/// `./jbang grade --submissions DIR`: grades a class, submission by submission, then prints the
/// table of scores and writes the exports asked for. Several submissions may be graded at once
/// (`--jobs`); the report still comes out in the order of the submissions. Exit code 0 when every
/// submission was graded (whatever the scores).
final class ClassGrading {

    private final Path root;
    private final List<String> chapters;
    private final Isolated.Limits limits;
    private final int jobs;
    private final PrintStream out;

    /// Grades `chapters` with `limits`, `jobs` submissions at a time, printing to `out`.
    ClassGrading(Path root, List<String> chapters, Isolated.Limits limits, int jobs, PrintStream out) {
        this.root = root;
        this.chapters = chapters;
        this.limits = limits;
        this.jobs = jobs;
        this.out = out;
    }

    /// A graded submission and its part of the report, printed in the order of the submissions.
    private record Done(Submissions.Graded graded, String printed, Report report) {}

    int run(Path dir, Path csv, Path json, Path junit) throws IOException {
        List<Submissions.Submission> found = Submissions.find(dir);
        out.println("Grading " + found.size() + (found.size() == 1 ? " submission" : " submissions") + " in " + Repo.display(dir)
                + " (" + String.join(" ", chapters) + "), each chapter in a JVM of its own: "
                + limits.timeout().toSeconds() + " s per test, " + limits.memory() + " of heap, hidden tests included.");
        Isolated.Setup setup = Isolated.setup(root, limits.sandbox());
        out.println("Sandbox: " + sandboxLine(setup));
        if (setup.sandbox() == null) {
            ignoreSignals();
        }
        Report report = new Report(out, true);
        List<Submissions.Graded> graded = new ArrayList<>();
        // every submission is read before any code of the class runs
        List<Submissions.Read> read = found.stream().map(Submissions.Read::of).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(jobs)) {
            List<Future<Done>> running = new ArrayList<>();
            for (Submissions.Read submission : read) {
                running.add(pool.submit(() -> grade(submission)));
            }
            for (Future<Done> next : running) {
                Done done = next.get();
                out.print(done.printed());
                report.add(done.report());
                graded.add(done.graded());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        changedSince(read, graded);
        out.println();
        Exports.table(out, chapters, graded);
        if (csv != null) {
            Exports.csv(csv, chapters, graded);
            out.println("wrote " + Repo.display(csv));
        }
        if (json != null) {
            Exports.json(json, graded);
            out.println("wrote " + Repo.display(json));
        }
        if (junit != null) {
            Exports.junit(junit, graded);
            out.println("wrote " + graded.size() + " JUnit XML reports to " + Repo.display(junit));
        }
        report.finish();
        return 0;
    }

    /// Notes each submission whose folder is no longer what was read before grading began (code
    /// of the class reached it), under a heading of its own.
    private void changedSince(List<Submissions.Read> read, List<Submissions.Graded> graded) {
        boolean headed = false;
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).changed()) {
                if (!headed) {
                    out.println();
                    out.println("== submissions changed while the class was graded");
                    headed = true;
                }
                graded.get(i).notes().add(Submissions.CHANGED);
                out.println("  NOTE  " + graded.get(i).student() + ": " + Submissions.CHANGED);
            }
        }
    }

    /// What contains the test JVMs, in one line.
    static String sandboxLine(Isolated.Setup setup) {
        if (setup.sandbox() != null) {
            return "bubblewrap; each test JVM sees only the JDK, the grader's class path, its own chapter's classes (read-only)"
                    + " and an empty scratch folder, with no network, no /proc and no view of other processes.";
        }
        String user = setup.plain().setpriv() != null ? " as a user id of its own (the grader runs as root)" : " as the grader's own user";
        return "none (" + (setup.wanted() ? "bubblewrap is not installed or cannot run here" : "not wanted") + "); each test JVM runs"
                + " in a session of its own" + user + ", and can read what that user can read."
                + (setup.wanted() ? " Install bubblewrap with: sudo apt-get install bubblewrap" : "");
    }

    /// Without a sandbox a test can signal the grader's process: SIGTERM and SIGHUP are then
    /// ignored while the class is graded (Ctrl-C, SIGINT, still stops it).
    private static void ignoreSignals() {
        try {
            // sun.misc.Signal (module jdk.unsupported), by reflection: javac warns about its direct use
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object ignore = handler.getField("SIG_IGN").get(null);
            for (String name : List.of("TERM", "HUP")) {
                signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), ignore);
            }
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            // a JDK without sun.misc.Signal: the signals keep their default action
        }
    }

    /// Grades one submission into a report of its own.
    private Done grade(Submissions.Read read) {
        Submissions.Submission submission = read.submission();
        var printed = new ByteArrayOutputStream();
        var part = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8), true);
        part.heading(submission.student() + " (" + Repo.display(submission.exercises()) + ")");
        Submissions.Graded graded = Submissions.grade(root, read, chapters, limits, part);
        return new Done(graded, printed.toString(StandardCharsets.UTF_8), part);
    }
}

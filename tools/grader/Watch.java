package grader;

import bp.Repo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/// `./jbang grade --watch [chNN ...]`: grades the chapters once, then again each time a file of
/// theirs in `exercises/` is saved, and prints each chapter's progress (`ch03 5/23`) with the next
/// failing test and its hint. Each grading runs in a child JVM ([Isolated]) on a snapshot of the
/// chapter, so a loop that never ends or a System.exit in the exercise cannot stop the watch.
final class Watch {

    /// Saves that come this close together are graded once (editors write a file in steps).
    static final long QUIET_MILLIS = 400;

    private final Path root;
    private final Path exercises;
    private final List<String> chapters;
    private final Isolated.Limits limits;
    private final PrintStream out;
    private final Map<String, Suite.Result> latest = new LinkedHashMap<>();

    Watch(Path root, List<String> chapters, Isolated.Limits limits, PrintStream out) {
        this.root = root;
        this.exercises = root.resolve("exercises");
        this.chapters = chapters;
        this.limits = limits;
        this.out = out;
    }

    /// Grades, then watches until the process is stopped (Ctrl-C).
    void run() throws IOException, InterruptedException {
        out.println("Watching " + Repo.display(exercises) + " for " + String.join(", ", chapters)
                + ": save a file to grade its chapter again (Ctrl-C stops).");
        for (String chapter : chapters) {
            grade(chapter);
        }
        progress();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            register(watcher);
            while (true) {
                TreeSet<String> changed = new TreeSet<>();
                List<String> files = new java.util.ArrayList<>();
                collect(watcher.take(), changed, files);
                // wait until the saves stop for a moment, taking every change that comes meanwhile
                for (WatchKey more; (more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    collect(more, changed, files);
                }
                register(watcher);
                if (changed.isEmpty()) {
                    continue;
                }
                out.println();
                out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  saved: " + String.join(", ", files));
                for (String chapter : changed) {
                    grade(chapter);
                }
                progress();
            }
        } catch (ClosedWatchServiceException e) {
            // stopped
        }
    }

    /// Watches `exercises/` (for new chapter folders) and every chapter folder in it.
    private void register(WatchService watcher) throws IOException {
        var kinds = new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE};
        exercises.register(watcher, kinds);
        for (String chapter : chapters) {
            Path folder = exercises.resolve(chapter);
            if (Files.isDirectory(folder)) {
                folder.register(watcher, kinds);
            }
        }
    }

    /// The watched chapters `key`'s events touch, and the files saved.
    private void collect(WatchKey key, TreeSet<String> changed, List<String> files) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (!(event.context() instanceof Path name)) {
                continue;
            }
            Path file = dir.resolve(name);
            Path relative = exercises.relativize(file);
            String chapter = relative.getName(0).toString();
            boolean source = relative.getNameCount() == 1 || name.toString().endsWith(".java");
            if (chapters.contains(chapter) && source) {
                changed.add(chapter);
                String shown = Repo.display(file);
                if (!files.contains(shown)) {
                    files.add(shown);
                }
            }
        }
        key.reset();
    }

    /// Grades `chapter` from a snapshot of its exercises in a test JVM and prints its result.
    private void grade(String chapter) {
        Suite.Result result = Isolated.grade(root, chapter, Snapshot.read(exercises), limits).result();
        latest.put(chapter, result);
        out.println(summary(chapter, result));
        if (!result.compiled()) {
            result.compileErrors().lines().limit(10).forEach(line -> out.println("    | " + line));
        }
    }

    /// `ch03 5/23 (7/30 points), next: name — hint`, or `ch03 23/23 (30/30 points), done`.
    static String summary(String chapter, Suite.Result result) {
        String score = chapter + " " + result.passed() + "/" + result.outcomes().size() + " (" + Report.number(result.earned())
                + "/" + Report.number(result.points()) + " points)";
        return result.outcomes().stream().filter(o -> !o.passed()).findFirst()
                .map(next -> score + "\n  next: " + next.name() + (next.hint() == null ? "" : "\n        " + next.hint()))
                .orElse(score + ", every test passes");
    }

    private void progress() {
        if (latest.size() > 1) {
            StringBuilder line = new StringBuilder("progress:");
            latest.forEach((chapter, result) -> line.append("  ").append(chapter).append(' ')
                    .append(result.passed()).append('/').append(result.outcomes().size()));
            out.println(line);
        }
        out.flush();
    }
}

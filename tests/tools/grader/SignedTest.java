package grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The grader's check of the test JVM's signed lines `SEQ EVENT FIELD... MAC`: written here from
/// the protocol's description (HMAC-SHA256 of the body, fields in Base64), as the test JVM's
/// Channel writes them.
@DisplayName("Signed")
class SignedTest {

    /// The line the test JVM would send with `key`.
    private static String signed(String hexKey, long seq, String event, String... fields) throws Exception {
        StringBuilder body = new StringBuilder().append(seq).append(' ').append(event);
        for (String field : fields) {
            body.append(' ').append(Base64.getEncoder().encodeToString(field.getBytes(StandardCharsets.UTF_8)));
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
        return body + " " + HexFormat.of().formatHex(mac.doFinal(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("a line signed with the key is read back with its event and fields, empty ones included")
    void acceptsSigned() throws Exception {
        Signed grader = new Signed();
        Signed.Event event = grader.verify(signed(grader.hex(), 1, "finished", "[class:ch01.T]/[method:m()]", "true", "", "", ""));
        assertNotNull(event);
        assertEquals("finished", event.name());
        assertEquals(List.of("[class:ch01.T]/[method:m()]", "true", "", "", ""), event.fields());
    }

    @Test
    @DisplayName("a line signed with another key, or changed after signing, is not the grader's")
    void refusesForged() throws Exception {
        Signed grader = new Signed();
        Signed other = new Signed();
        assertNull(grader.verify(signed(other.hex(), 1, "finished", "uid", "true", "", "", "")));
        String line = signed(grader.hex(), 1, "finished", "uid", "false", "", "", "");
        String tampered = line.replace(Base64.getEncoder().encodeToString("false".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString("true".getBytes(StandardCharsets.UTF_8)));
        assertNull(grader.verify(tampered));
        assertNull(grader.verify("1 finished dWlk " + "ab".repeat(32)));
        assertNull(grader.verify("{\"event\":\"finished\",\"outcome\":{\"passed\":true,\"points\":100}}"));
        assertNull(grader.verify("1 end not-hex"));
    }

    @Test
    @DisplayName("a signed line sent again, or one older than the last, is refused: sequence numbers only go up")
    void refusesReplay() throws Exception {
        Signed grader = new Signed();
        String first = signed(grader.hex(), 1, "started", "a");
        String third = signed(grader.hex(), 3, "started", "b");
        assertNotNull(grader.verify(first));
        assertNotNull(grader.verify(third));
        assertNull(grader.verify(third));
        assertNull(grader.verify(signed(grader.hex(), 2, "started", "c")));
    }

    @Test
    @DisplayName("every test JVM gets a fresh 256-bit key")
    void freshKeys() {
        String a = new Signed().hex();
        assertEquals(64, a.length());
        assertEquals(false, a.equals(new Signed().hex()));
    }
}

package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tor's side of SAFECOOKIE (control-spec 3.24) written here from the spec's text, against the controller's. */
class SafeCookieTest {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] cookie = filled(32, 7);
    private final byte[] clientNonce = filled(32, 1);
    private final byte[] serverNonce = filled(32, 9);

    @Test
    void theChallengeCarriesTheClientNonceInHex() {
        assertEquals("AUTHCHALLENGE SAFECOOKIE " + "01".repeat(32), new SafeCookie(cookie, clientNonce).challengeCommand());
    }

    @Test
    void aServerThatKnowsTheCookieGetsTheControllersHash() throws Exception {
        String reply = "AUTHCHALLENGE SERVERHASH=" + HEX.formatHex(torHash("Tor safe cookie authentication server-to-controller hash"))
                + " SERVERNONCE=" + HEX.formatHex(serverNonce);
        assertEquals("AUTHENTICATE " + HEX.formatHex(torHash("Tor safe cookie authentication controller-to-server hash")),
                new SafeCookie(cookie, clientNonce).authenticateCommand(reply));
    }

    @Test
    void aServerThatDoesNotKnowTheCookieIsRefused() {
        byte[] wrong = torHash("Tor safe cookie authentication server-to-controller hash");
        wrong[0] ^= 1;
        String reply = "AUTHCHALLENGE SERVERHASH=" + HEX.formatHex(wrong) + " SERVERNONCE=" + HEX.formatHex(serverNonce);
        assertThrows(ControlProtocolException.class, () -> new SafeCookie(cookie, clientNonce).authenticateCommand(reply));
        assertThrows(ControlProtocolException.class, () -> new SafeCookie(cookie, clientNonce).authenticateCommand("AUTHCHALLENGE SERVERHASH=zz"));
    }

    @Test
    void aCookieIs32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new SafeCookie(new byte[31], clientNonce));
    }

    private byte[] torHash(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] message = new byte[96];
            System.arraycopy(cookie, 0, message, 0, 32);
            System.arraycopy(clientNonce, 0, message, 32, 32);
            System.arraycopy(serverNonce, 0, message, 64, 32);
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

package org.ptdispatcher.gui.tor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Tor's SAFECOOKIE authentication (control-spec 3.24): both sides prove they know the 32-byte
 * cookie without sending it, so a program that only pretends to be tor on the control port learns
 * nothing. (Plain COOKIE, which sends the cookie itself, is deprecated by the spec.)
 */
public final class SafeCookie {
    static final String SERVER_KEY = "Tor safe cookie authentication server-to-controller hash";
    static final String CLIENT_KEY = "Tor safe cookie authentication controller-to-server hash";
    public static final int COOKIE_LENGTH = 32;

    private final byte[] cookie;
    private final byte[] clientNonce;

    public SafeCookie(byte[] cookie, byte[] clientNonce) {
        if (cookie.length != COOKIE_LENGTH) {
            throw new IllegalArgumentException("tor's control cookie is 32 bytes, this one " + cookie.length);
        }
        this.cookie = cookie.clone();
        this.clientNonce = clientNonce.clone();
    }

    /** {@code AUTHCHALLENGE SAFECOOKIE <nonce>}. */
    public String challengeCommand() {
        return "AUTHCHALLENGE SAFECOOKIE " + HexFormat.of().formatHex(clientNonce);
    }

    /**
     * Checks tor's answer to the challenge and returns the {@code AUTHENTICATE <hash>} command.
     *
     * @param challengeReply the reply's line, {@code AUTHCHALLENGE SERVERHASH=... SERVERNONCE=...}
     * @throws ControlProtocolException if the reply is malformed or the server does not know the cookie
     */
    public String authenticateCommand(String challengeReply) throws ControlProtocolException {
        ControlArguments reply = ControlArguments.parse(challengeReply);
        byte[] serverHash;
        byte[] serverNonce;
        try {
            serverHash = HexFormat.of().parseHex(reply.keywords().getOrDefault("SERVERHASH", ""));
            serverNonce = HexFormat.of().parseHex(reply.keywords().getOrDefault("SERVERNONCE", ""));
        } catch (IllegalArgumentException e) {
            throw new ControlProtocolException("malformed AUTHCHALLENGE reply: " + challengeReply);
        }
        if (serverNonce.length != 32 || !MessageDigest.isEqual(serverHash, hmac(SERVER_KEY, serverNonce))) {
            throw new ControlProtocolException("the control port does not know tor's cookie (SERVERHASH does not verify)");
        }
        return "AUTHENTICATE " + HexFormat.of().formatHex(hmac(CLIENT_KEY, serverNonce));
    }

    private byte[] hmac(String key, byte[] serverNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update(cookie);
            mac.update(clientNonce);
            mac.update(serverNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}

package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The ntor handshake (Tor proposal 216) as obfs4 computes it, and its key expansion.
 *
 * <p>obfs4's transcript differs from proposal 216 in one way that every implementation must
 * copy: the part shared by secret_input and auth_input is {@code B | B | X | Y | PROTOID | ID}
 * (the identity key twice, the node ID last), not {@code ID | B | X | Y | PROTOID}.
 */
public final class Ntor {
    static final int KEY_SEED_LENGTH = 32;
    public static final int AUTH_LENGTH = 32;

    private static final byte[] PROTO_ID = "ntor-curve25519-sha256-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T_MAC = concat(PROTO_ID, ":mac".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] T_KEY = concat(PROTO_ID, ":key_extract".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] T_VERIFY = concat(PROTO_ID, ":key_verify".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] M_EXPAND = concat(PROTO_ID, ":key_expand".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SERVER = "Server".getBytes(StandardCharsets.US_ASCII);

    /** KEY_SEED (input to {@link #expandKeys}) and AUTH (the server's proof that it holds b). */
    public record Result(byte[] keySeed, byte[] auth) {
    }

    private Ntor() {
    }

    /**
     * The server's side: EXP(X, y) | EXP(X, b). Returns null if either exponentiation gives the
     * all-zero point (a low-order X), which must end the handshake.
     */
    public static Result server(byte[] clientPublic, EphemeralKeyPair serverEphemeral, Obfs4Identity identity) {
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        boolean ok = X25519.calculateAgreement(serverEphemeral.privateKey(), 0, clientPublic, 0, first, 0);
        ok &= X25519.calculateAgreement(identity.privateKey(), 0, clientPublic, 0, second, 0);
        if (!ok) {
            return null;
        }
        return common(first, second, identity.publicKey(), clientPublic, serverEphemeral.publicKey(), identity.nodeId());
    }

    /**
     * The client's half that needs nothing from the server's response: EXP(B, x). The client
     * computes it while the server works on its request. Returns null on an all-zero result.
     */
    public static byte[] clientIdentityShare(EphemeralKeyPair clientEphemeral, byte[] identityPublic) {
        byte[] share = new byte[32];
        return X25519.calculateAgreement(clientEphemeral.privateKey(), 0, identityPublic, 0, share, 0) ? share : null;
    }

    /** The client's side: EXP(Y, x) | EXP(B, x), the latter from {@link #clientIdentityShare}. Returns null on an all-zero result. */
    public static Result client(EphemeralKeyPair clientEphemeral, byte[] serverPublic, byte[] identityShare, byte[] identityPublic, byte[] nodeId) {
        byte[] first = new byte[32];
        if (identityShare == null || !X25519.calculateAgreement(clientEphemeral.privateKey(), 0, serverPublic, 0, first, 0)) {
            return null;
        }
        return common(first, identityShare, identityPublic, clientEphemeral.publicKey(), serverPublic, nodeId);
    }

    /**
     * KEY_SEED expanded with HKDF-SHA256 (RFC 5869; salt t_key, info m_expand) to {@code length}
     * bytes, at most 255 x 32. Written out over the JDK's HMAC, whose SHA-256 the JIT compiles to
     * the processor's SHA instructions where it has them, rather than BouncyCastle's HKDF over its
     * Java SHA-256.
     */
    public static byte[] expandKeys(byte[] keySeed, int length) {
        byte[] prk = Obfs4Mac.hmacSha256(T_KEY, keySeed);
        byte[] out = new byte[length];
        byte[] block = null;
        for (int counter = 1, at = 0; at < length; counter++, at += 32) {
            block = Obfs4Mac.hmacSha256(prk, block, M_EXPAND, new byte[] {(byte) counter});
            System.arraycopy(block, 0, out, at, Math.min(32, length - at));
        }
        Arrays.fill(prk, (byte) 0);
        return out;
    }

    /** Constant-time comparison of a derived AUTH with a received one. */
    public static boolean authMatches(byte[] derived, byte[] received) {
        return MessageDigest.isEqual(derived, received);
    }

    private static Result common(byte[] first, byte[] second, byte[] b, byte[] x, byte[] y, byte[] nodeId) {
        byte[] suffix = concat(b, b, x, y, PROTO_ID, nodeId);
        byte[] secretInput = concat(first, second, suffix);
        byte[] keySeed = Obfs4Mac.hmacSha256(T_KEY, secretInput);
        byte[] verify = Obfs4Mac.hmacSha256(T_VERIFY, secretInput);
        byte[] auth = Obfs4Mac.hmacSha256(T_MAC, verify, suffix, SERVER);
        return new Result(keySeed, auth);
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

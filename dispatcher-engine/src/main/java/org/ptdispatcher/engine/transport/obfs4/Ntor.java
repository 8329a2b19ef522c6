package org.ptdispatcher.engine.transport.obfs4;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The ntor handshake (Tor proposal 216) as obfs4 computes it, and its key expansion.
 *
 * <p>obfs4's transcript differs from proposal 216 in one way that every implementation must
 * copy: the part shared by secret_input and auth_input is {@code B | B | X | Y | PROTOID | ID}
 * (the identity key twice, the node ID last), not {@code ID | B | X | Y | PROTOID}.
 */
final class Ntor {
    static final int KEY_SEED_LENGTH = 32;
    static final int AUTH_LENGTH = 32;

    private static final byte[] PROTO_ID = "ntor-curve25519-sha256-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T_MAC = concat(PROTO_ID, ":mac".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] T_KEY = concat(PROTO_ID, ":key_extract".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] T_VERIFY = concat(PROTO_ID, ":key_verify".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] M_EXPAND = concat(PROTO_ID, ":key_expand".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SERVER = "Server".getBytes(StandardCharsets.US_ASCII);

    /** KEY_SEED (input to {@link #expandKeys}) and AUTH (the server's proof that it holds b). */
    record Result(byte[] keySeed, byte[] auth) {
    }

    private Ntor() {
    }

    /**
     * The server's side: EXP(X, y) | EXP(X, b). Returns null if either exponentiation gives the
     * all-zero point (a low-order X), which must end the handshake.
     */
    static Result server(byte[] clientPublic, EphemeralKeyPair serverEphemeral, Obfs4Identity identity) {
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
    static byte[] clientIdentityShare(EphemeralKeyPair clientEphemeral, byte[] identityPublic) {
        byte[] share = new byte[32];
        return X25519.calculateAgreement(clientEphemeral.privateKey(), 0, identityPublic, 0, share, 0) ? share : null;
    }

    /** The client's side: EXP(Y, x) | EXP(B, x), the latter from {@link #clientIdentityShare}. Returns null on an all-zero result. */
    static Result client(EphemeralKeyPair clientEphemeral, byte[] serverPublic, byte[] identityShare, byte[] identityPublic, byte[] nodeId) {
        byte[] first = new byte[32];
        if (identityShare == null || !X25519.calculateAgreement(clientEphemeral.privateKey(), 0, serverPublic, 0, first, 0)) {
            return null;
        }
        return common(first, identityShare, identityPublic, clientEphemeral.publicKey(), serverPublic, nodeId);
    }

    /** KEY_SEED expanded with HKDF-SHA256 (salt t_key, info m_expand) to {@code length} bytes. */
    static byte[] expandKeys(byte[] keySeed, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(keySeed, T_KEY, M_EXPAND));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** Constant-time comparison of a derived AUTH with a received one. */
    static boolean authMatches(byte[] derived, byte[] received) {
        return MessageDigest.isEqual(derived, received);
    }

    private static Result common(byte[] first, byte[] second, byte[] b, byte[] x, byte[] y, byte[] nodeId) {
        byte[] suffix = concat(b, b, x, y, PROTO_ID, nodeId);
        byte[] secretInput = concat(first, second, suffix);
        byte[] keySeed = Obfs4Mac.hmacSha256(T_KEY, secretInput);
        byte[] verify = Obfs4Mac.hmacSha256(T_VERIFY, secretInput);
        byte[] auth = Obfs4Mac.hmacSha256(T_MAC, concat(verify, suffix, SERVER));
        return new Result(keySeed, auth);
    }

    static byte[] concat(byte[]... parts) {
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

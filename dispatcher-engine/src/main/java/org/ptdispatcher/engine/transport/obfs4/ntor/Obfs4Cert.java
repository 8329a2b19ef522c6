package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a client must know of an obfs4 server: its 20-byte node ID and its 32-byte Curve25519
 * identity public key. Bridge lines carry them as {@code cert}: the base64 of the 52 bytes with
 * the trailing {@code ==} removed (obfs4proxy 0.0.3 and later), or, in old lines, as
 * {@code node-id} and {@code public-key} in hex.
 */
public record Obfs4Cert(byte[] nodeId, byte[] publicKey) {
    public static final int NODE_ID_LENGTH = 20;
    static final int PUBLIC_KEY_LENGTH = 32;

    public Obfs4Cert {
        nodeId = nodeId.clone();
        publicKey = publicKey.clone();
    }

    public static Obfs4Cert parse(String cert) throws InvalidTransportOptionsException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(cert.trim() + "==");
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportOptionsException("option \"cert\" is not valid base64");
        }
        if (raw.length != NODE_ID_LENGTH + PUBLIC_KEY_LENGTH) {
            throw new InvalidTransportOptionsException("option \"cert\" must decode to 52 bytes, not " + raw.length);
        }
        return new Obfs4Cert(Arrays.copyOf(raw, NODE_ID_LENGTH), Arrays.copyOfRange(raw, NODE_ID_LENGTH, raw.length));
    }

    /** The old form: {@code node-id} (40 hex digits) and {@code public-key} (64 hex digits). */
    public static Obfs4Cert fromHex(String nodeIdHex, String publicKeyHex) throws InvalidTransportOptionsException {
        return new Obfs4Cert(hex(nodeIdHex, NODE_ID_LENGTH, "node-id"), hex(publicKeyHex, PUBLIC_KEY_LENGTH, "public-key"));
    }

    public String encode() {
        String full = Base64.getEncoder().encodeToString(Ntor.concat(nodeId, publicKey));
        return full.endsWith("==") ? full.substring(0, full.length() - 2) : full;
    }

    private static byte[] hex(String text, int length, String option) throws InvalidTransportOptionsException {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportOptionsException("option \"" + option + "\" is not hexadecimal");
        }
        if (raw.length != length) {
            throw new InvalidTransportOptionsException("option \"" + option + "\" must be " + length + " bytes (" + 2 * length + " hex digits)");
        }
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Obfs4Cert c && Arrays.equals(c.nodeId, nodeId) && Arrays.equals(c.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodeId) + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Obfs4Cert[" + encode() + "]";
    }
}

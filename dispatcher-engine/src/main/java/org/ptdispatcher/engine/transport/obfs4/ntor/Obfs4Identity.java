package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A server's long-term identity: node ID and Curve25519 key pair. {@link #toString()} shows the
 * cert only, never the private key.
 */
public final class Obfs4Identity {
    private final byte[] nodeId;
    private final byte[] privateKey;
    private final byte[] publicKey;

    public Obfs4Identity(byte[] nodeId, byte[] privateKey) {
        this.nodeId = nodeId.clone();
        this.privateKey = privateKey.clone();
        this.publicKey = new byte[32];
        // Like obfs4proxy, the public key is always recomputed from the private one.
        X25519.scalarMultBase(this.privateKey, 0, this.publicKey, 0);
    }

    public byte[] nodeId() {
        return nodeId;
    }

    public byte[] privateKey() {
        return privateKey;
    }

    public byte[] publicKey() {
        return publicKey;
    }

    public Obfs4Cert cert() {
        return new Obfs4Cert(nodeId, publicKey);
    }

    /** HMAC key of the handshake marks and MACs: {@code B | NODEID}. */
    public byte[] macKey() {
        return Ntor.concat(publicKey, nodeId);
    }

    @Override
    public String toString() {
        return "Obfs4Identity[cert=" + cert().encode() + "]";
    }
}

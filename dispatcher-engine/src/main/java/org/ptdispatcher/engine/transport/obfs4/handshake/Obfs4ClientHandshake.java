package org.ptdispatcher.engine.transport.obfs4.handshake;

import org.ptdispatcher.engine.transport.obfs4.ntor.Elligator2;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.MAX_HANDSHAKE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.REPRESENTATIVE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.SERVER_MIN_HANDSHAKE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac.MAC_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac.MARK_LENGTH;

/**
 * The client side of the obfs4 handshake, without I/O: makes the request
 * {@code X' | P_C | M_C | MAC_C} and checks the server's response
 * {@code Y' | AUTH | P_S | M_S | MAC_S}. One per connection.
 */
public final class Obfs4ClientHandshake {
    /** The response checked out: {@code consumed} bytes were the handshake, the rest is frames. */
    public record Completed(int consumed, byte[] keySeed) {
    }

    private final Obfs4Cert server;
    private final EphemeralKeyPair session;
    private final Obfs4Mac mac;
    private final byte[] epochHour;
    private final int padLength;
    private final SecureRandom random;
    private byte[] serverMark;
    private byte[] identityShare;
    private boolean identityShareDone;

    public Obfs4ClientHandshake(Obfs4Cert server, EphemeralKeyPair session, SecureRandom random, long epochHour) {
        this.server = server;
        this.session = session;
        this.mac = new Obfs4Mac(Ntor.concat(server.publicKey(), server.nodeId()));
        this.epochHour = Obfs4Handshake.epochHour(epochHour);
        this.padLength = Obfs4Handshake.CLIENT_MIN_PAD_LENGTH
                + random.nextInt(Obfs4Handshake.CLIENT_MAX_PAD_LENGTH - Obfs4Handshake.CLIENT_MIN_PAD_LENGTH + 1);
        this.random = random;
    }

    /** The request to send. */
    public byte[] request() {
        byte[] representative = session.representative();
        byte[] padding = new byte[padLength];
        random.nextBytes(padding);
        byte[] mark = mac.truncated(representative);
        byte[] body = Ntor.concat(representative, padding, mark);
        byte[] tag = mac.truncated(body, body.length, epochHour);
        return Ntor.concat(body, tag);
    }

    /**
     * Computes the half of ntor that needs no response, EXP(B, x): called once the request is on
     * its way, it runs while the server works, and the response then costs one X25519, not two.
     * Idempotent; {@link #parseResponse} calls it if nobody did.
     */
    public void prepareIdentityShare() {
        if (!identityShareDone) {
            identityShare = Ntor.clientIdentityShare(session, server.publicKey());
            identityShareDone = true;
        }
    }

    /**
     * Looks for a complete, valid response at the start of {@code buffer[0, length)}.
     *
     * @return null if more bytes are needed
     * @throws Obfs4HandshakeException if the response is invalid (the connection must end)
     */
    public Completed parseResponse(byte[] buffer, int length) throws Obfs4HandshakeException {
        if (length < SERVER_MIN_HANDSHAKE_LENGTH) {
            return null;
        }
        byte[] serverRepresentative = Arrays.copyOf(buffer, REPRESENTATIVE_LENGTH);
        if (serverMark == null) {
            serverMark = mac.truncated(serverRepresentative);
        }
        // The server sends frames right behind its handshake, so the mark is searched for, not assumed at the end.
        int start = REPRESENTATIVE_LENGTH + Ntor.AUTH_LENGTH + Obfs4Handshake.SERVER_MIN_PAD_LENGTH;
        int end = Math.min(length, MAX_HANDSHAKE_LENGTH);
        int position = indexOf(buffer, start, end, serverMark);
        if (position < 0 || position + MARK_LENGTH + MAC_LENGTH > end) {
            if (length >= MAX_HANDSHAKE_LENGTH) {
                throw new Obfs4HandshakeException("no server mark within the first " + MAX_HANDSHAKE_LENGTH + " bytes");
            }
            return null;
        }
        byte[] expected = mac.truncated(buffer, position + MARK_LENGTH, epochHour);
        if (!Obfs4Mac.equal(buffer, position + MARK_LENGTH, expected)) {
            throw new Obfs4HandshakeException("the server's handshake MAC does not match");
        }
        byte[] serverPublic = Elligator2.representativeToU(serverRepresentative);
        prepareIdentityShare();
        Ntor.Result ntor = Ntor.client(session, serverPublic, identityShare, server.publicKey(), server.nodeId());
        if (ntor == null) {
            throw new Obfs4HandshakeException("the ntor handshake failed (low-order key)");
        }
        byte[] receivedAuth = Arrays.copyOfRange(buffer, REPRESENTATIVE_LENGTH, REPRESENTATIVE_LENGTH + Ntor.AUTH_LENGTH);
        if (!Ntor.authMatches(ntor.auth(), receivedAuth)) {
            throw new Obfs4HandshakeException("the server's ntor AUTH does not match: wrong cert, or not an obfs4 server");
        }
        return new Completed(position + MARK_LENGTH + MAC_LENGTH, ntor.keySeed());
    }

    static int indexOf(byte[] buffer, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package org.ptdispatcher.engine.transport.obfs4.handshake;

import org.ptdispatcher.engine.transport.obfs4.ntor.Elligator2;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.CLIENT_MIN_HANDSHAKE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.CLIENT_MIN_PAD_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.MAX_HANDSHAKE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake.REPRESENTATIVE_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac.MAC_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac.MARK_LENGTH;

/**
 * The server side of the obfs4 handshake, without I/O: checks a client request
 * {@code X' | P_C | M_C | MAC_C} (MAC accepted for the epoch hour before, at or after ours; each
 * MAC accepted once, through the replay filter) and makes the response. One per connection.
 */
public final class Obfs4ServerHandshake {
    private final Obfs4Identity identity;
    private final EphemeralKeyPair session;
    private final ReplayFilter replayFilter;
    private final SecureRandom random;
    private final Obfs4Mac mac;
    private byte[] clientMark;
    private byte[] acceptedEpochHour;
    private byte[] auth;

    public Obfs4ServerHandshake(Obfs4Identity identity, EphemeralKeyPair session, ReplayFilter replayFilter, SecureRandom random) {
        this.identity = identity;
        this.session = session;
        this.replayFilter = replayFilter;
        this.random = random;
        this.mac = new Obfs4Mac(identity.macKey());
    }

    /**
     * Checks the request in {@code buffer[0, length)}: the client sends nothing after it until it
     * has the response, so a valid request ends exactly where the received bytes end.
     *
     * @return KEY_SEED, or null if more bytes are needed
     * @throws Obfs4HandshakeException if it cannot be a valid request (the connection must end)
     */
    public byte[] parseRequest(byte[] buffer, int length, long epochHourNow, long nowNanos) throws Obfs4HandshakeException {
        if (length < CLIENT_MIN_HANDSHAKE_LENGTH) {
            return null;
        }
        if (length > MAX_HANDSHAKE_LENGTH) {
            throw new Obfs4HandshakeException("client handshake longer than " + MAX_HANDSHAKE_LENGTH + " bytes");
        }
        byte[] representative = Arrays.copyOf(buffer, REPRESENTATIVE_LENGTH);
        if (clientMark == null) {
            clientMark = mac.truncated(representative);
        }
        int position = length - (MARK_LENGTH + MAC_LENGTH);
        boolean markFound = length - (REPRESENTATIVE_LENGTH + CLIENT_MIN_PAD_LENGTH) >= MARK_LENGTH + MAC_LENGTH
                && Obfs4Mac.equal(buffer, position, clientMark);
        if (!markFound) {
            if (length >= MAX_HANDSHAKE_LENGTH) {
                throw new Obfs4HandshakeException("no client mark within " + MAX_HANDSHAKE_LENGTH + " bytes");
            }
            return null;
        }
        byte[] received = Arrays.copyOfRange(buffer, position + MARK_LENGTH, position + MARK_LENGTH + MAC_LENGTH);
        // All three hours are computed whatever matches, so the timing says nothing about which did.
        for (long offset : new long[] {0, -1, 1}) {
            byte[] hour = Obfs4Handshake.epochHour(epochHourNow + offset);
            byte[] expected = mac.truncated(buffer, position + MARK_LENGTH, hour);
            if (Obfs4Mac.equal(expected, received)) {
                if (!replayFilter.addIfAbsent(nowNanos, received)) {
                    throw new Obfs4HandshakeException("replayed client handshake");
                }
                acceptedEpochHour = hour;
            }
        }
        if (acceptedEpochHour == null) {
            throw new Obfs4HandshakeException("the client's handshake MAC does not match");
        }
        byte[] clientPublic = Elligator2.representativeToU(representative);
        Ntor.Result ntor = Ntor.server(clientPublic, session, identity);
        if (ntor == null) {
            throw new Obfs4HandshakeException("the ntor handshake failed (low-order key)");
        }
        auth = ntor.auth();
        return ntor.keySeed();
    }

    /** {@code Y' | AUTH | P_S | M_S | MAC_S}, with the epoch hour the client's MAC used. */
    public byte[] response() {
        if (auth == null) {
            throw new IllegalStateException("response() before a valid request");
        }
        int padLength = Obfs4Handshake.SERVER_MIN_PAD_LENGTH
                + random.nextInt(Obfs4Handshake.SERVER_MAX_PAD_LENGTH - Obfs4Handshake.SERVER_MIN_PAD_LENGTH + 1);
        byte[] padding = new byte[padLength];
        random.nextBytes(padding);
        byte[] mark = mac.truncated(session.representative());
        byte[] body = Ntor.concat(session.representative(), auth, padding, mark);
        byte[] tag = mac.truncated(body, body.length, acceptedEpochHour);
        return Ntor.concat(body, tag);
    }
}

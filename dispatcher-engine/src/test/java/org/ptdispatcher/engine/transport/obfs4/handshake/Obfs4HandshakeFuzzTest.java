package org.ptdispatcher.engine.transport.obfs4.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.fuzz.FuzzInput;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The obfs4 handshake parsers, each side against what a peer (or a prober) sends. A random byte
 * string almost never holds a mark and a MAC, so each input either is the bytes themselves or, with
 * its first choice, edits a genuine message (kept to some length, some bytes flipped, bytes added):
 * <ul>
 *   <li>{@code serverReadsRequest}: the server's parser of a client's request, fed as reads arrive:
 *   it needs more, refuses with {@link Obfs4HandshakeException}, or accepts, and it accepts only
 *   the genuine request, unchanged.</li>
 *   <li>{@code clientReadsResponse}: the client's parser of the server's response, the same way:
 *   a completed handshake consumed exactly the genuine response.</li>
 * </ul>
 * The input's bytes: the read size ({@code 1 + 16 * byte}); a mode byte, odd for an edited genuine
 * message; then for the bytes themselves, all the rest; for an edit, the length kept (two bytes,
 * at most the genuine length), the number of flips (a byte, at most 4), each flip's position (two
 * bytes, modulo the length) and XOR mask (a byte, 0 taken as 1), and the rest appended.
 * The keys come from a seeded generator, so a finding replays.
 */
class Obfs4HandshakeFuzzTest {
    private static final long HOUR = 493_000;
    private static final Obfs4Identity IDENTITY;
    private static final Obfs4Cert CERT;
    private static final EphemeralKeyPair CLIENT_SESSION;
    private static final EphemeralKeyPair SERVER_SESSION;
    private static final byte[] REQUEST;
    private static final byte[] RESPONSE;

    static {
        SecureRandom random = seeded(1);
        byte[] nodeId = new byte[Obfs4Cert.NODE_ID_LENGTH];
        byte[] privateKey = new byte[32];
        random.nextBytes(nodeId);
        random.nextBytes(privateKey);
        IDENTITY = new Obfs4Identity(nodeId, privateKey);
        CERT = IDENTITY.cert();
        CLIENT_SESSION = EphemeralKeyPair.generate(random);
        SERVER_SESSION = EphemeralKeyPair.generate(random);
        REQUEST = new Obfs4ClientHandshake(CERT, CLIENT_SESSION, random, HOUR).request();
        Obfs4ServerHandshake server = new Obfs4ServerHandshake(IDENTITY, SERVER_SESSION, new ReplayFilter(16, 1_000_000_000L), random);
        try {
            if (server.parseRequest(REQUEST, REQUEST.length, HOUR, 0) == null) {
                throw new IllegalStateException("the genuine request did not complete");
            }
        } catch (Obfs4HandshakeException e) {
            throw new IllegalStateException(e);
        }
        RESPONSE = server.response();
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes the peer sends: the input itself, or a genuine message edited as the input says. */
    private static byte[] message(FuzzInput in, byte[] genuine) {
        if ((in.u8() & 1) == 0) {
            return in.rest();
        }
        byte[] edited = Arrays.copyOf(genuine, Math.min(in.u16(), genuine.length));
        int flips = Math.min(in.u8(), 4);
        for (int i = 0; i < flips; i++) {
            int position = in.u16();
            int mask = Math.max(1, in.u8());
            if (edited.length > 0) {
                edited[position % edited.length] ^= (byte) mask;
            }
        }
        byte[] tail = in.rest();
        byte[] all = Arrays.copyOf(edited, edited.length + tail.length);
        System.arraycopy(tail, 0, all, edited.length, tail.length);
        return all;
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void serverReadsRequest(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int read = 1 + 16 * in.u8();
        byte[] request = message(in, REQUEST);
        Obfs4ServerHandshake server = new Obfs4ServerHandshake(IDENTITY, SERVER_SESSION, new ReplayFilter(16, 1_000_000_000L), seeded(2));
        // As Obfs4ServerHandshakeHandler does: the whole window so far, after each read.
        byte[] window = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
        int length = 0;
        for (int at = 0; at < request.length && length < window.length; at += read) {
            int n = Math.min(Math.min(read, request.length - at), window.length - length);
            System.arraycopy(request, at, window, length, n);
            length += n;
            byte[] keySeed;
            try {
                keySeed = server.parseRequest(window, length, HOUR, 0);
            } catch (Obfs4HandshakeException refused) {
                return;
            }
            if (keySeed != null) {
                assertArrayEquals(REQUEST, Arrays.copyOf(window, length), "accepted a request that is not the genuine one");
                assertTrue(server.response().length > 0);
                return;
            }
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void clientReadsResponse(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int read = 1 + 16 * in.u8();
        byte[] response = message(in, RESPONSE);
        Obfs4ClientHandshake client = new Obfs4ClientHandshake(CERT, CLIENT_SESSION, seeded(3), HOUR);
        // As Obfs4ClientHandshakeHandler does: everything received so far, up to the window's size.
        byte[] window = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
        for (int received = Math.min(read, response.length); ; received = Math.min(received + read, response.length)) {
            int length = Math.min(received, window.length);
            System.arraycopy(response, 0, window, 0, length);
            Obfs4ClientHandshake.Completed completed;
            try {
                completed = client.parseResponse(window, length);
            } catch (Obfs4HandshakeException refused) {
                return;
            }
            if (completed != null) {
                assertTrue(completed.consumed() <= length);
                assertArrayEquals(RESPONSE, Arrays.copyOf(response, completed.consumed()), "completed on a response that is not the genuine one");
                return;
            }
            if (received == response.length) {
                return;
            }
        }
    }
}

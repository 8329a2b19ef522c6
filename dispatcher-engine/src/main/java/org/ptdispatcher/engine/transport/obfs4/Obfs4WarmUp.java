package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ClientHandshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ServerHandshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * obfs4's per-connection work, done in memory with a throwaway identity, so that the JIT has
 * compiled it before the first connections need it: both halves of the handshake (session keys
 * with their Elligator 2 representatives, the four X25519 agreements, the marks and MACs, HKDF)
 * and a frame sealed and opened each way. Interpreted, a handshake costs tens of times what it
 * costs compiled: the first hundreds of connections of a fresh process were a tenth as fast as the
 * later ones. Nothing here touches the network, the state directory or the server's own keys.
 */
final class Obfs4WarmUp {
    /**
     * Rounds: enough for C2 to compile the field arithmetic and the ladder (their loops count
     * towards it too) and the handshake's own methods; about a second of one core, once.
     */
    static final int ROUNDS = 300;
    private static final int PAYLOAD_LENGTH = 1024;

    private Obfs4WarmUp() {
    }

    static void run(SecureRandom random, int rounds) {
        byte[] nodeId = new byte[20];
        byte[] privateKey = new byte[32];
        random.nextBytes(nodeId);
        random.nextBytes(privateKey);
        Obfs4Identity identity = new Obfs4Identity(nodeId, privateKey);
        ReplayFilter replays = new ReplayFilter(1024, Long.MAX_VALUE);
        byte[] payload = new byte[PAYLOAD_LENGTH];
        random.nextBytes(payload);
        for (int i = 0; i < rounds; i++) {
            try {
                round(identity, replays, random, payload);
            } catch (Obfs4HandshakeException | Obfs4FrameDecoder.FrameException e) {
                throw new IllegalStateException("obfs4 warm-up: our own handshake failed: " + e.getMessage(), e);
            }
        }
    }

    private static void round(Obfs4Identity identity, ReplayFilter replays, SecureRandom random, byte[] payload)
            throws Obfs4HandshakeException, Obfs4FrameDecoder.FrameException {
        long hour = Obfs4Handshake.currentEpochHour();
        Obfs4ClientHandshake client = new Obfs4ClientHandshake(identity.cert(), EphemeralKeyPair.generate(random), random, hour);
        Obfs4ServerHandshake server = new Obfs4ServerHandshake(identity, EphemeralKeyPair.generate(random), replays, random);
        byte[] request = client.request();
        client.prepareIdentityShare();
        byte[] serverSeed = server.parseRequest(request, request.length, hour, System.nanoTime());
        byte[] response = server.response();
        Obfs4ClientHandshake.Completed completed = client.parseResponse(response, response.length);
        if (completed == null || !Arrays.equals(completed.keySeed(), serverSeed)) {
            throw new Obfs4HandshakeException("the two halves derived different keys");
        }
        byte[] keys = Ntor.expandKeys(serverSeed, 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        byte[] upstream = Arrays.copyOfRange(keys, 0, Obfs4Framing.KEY_MATERIAL_LENGTH);
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(upstream);
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(upstream, random);
        ByteBuf wire = Unpooled.buffer(2 * PAYLOAD_LENGTH);
        encoder.writePacket(wire, Obfs4Framing.TYPE_PRNG_SEED, new byte[HashDrbg.SEED_LENGTH], 0, HashDrbg.SEED_LENGTH, 0);
        encoder.writePacket(wire, Obfs4Framing.TYPE_PAYLOAD, payload, 0, payload.length, random.nextInt(64));
        while (decoder.decode(wire)) {
            // each frame opened and checked; its content is ours
        }
        wire.release();
    }
}

package org.ptdispatcher.engine.transport.obfs4;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ptdispatcher.engine.crypto.TransportRandom;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ClientHandshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ServerHandshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.Elligator2;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The obfs4 handshake and its parts, without I/O: one op of {@link #clientAndServer} is one whole
 * handshake (both sides' session keys, request, checks, response, ntor, key expansion), the rest
 * take it apart to show where the time goes. Microseconds per op. In this package because the
 * handshake classes are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {
    private final SecureRandom random = TransportRandom.shared();
    private Obfs4Identity identity;
    private Obfs4Cert cert;
    private byte[] privateKey;
    private byte[] publicKey;
    private byte[] representative;
    private EphemeralKeyPair clientSession;
    private EphemeralKeyPair serverSession;
    private long epochHour;
    private java.security.KeyFactory xdhKeys;
    private javax.crypto.KeyAgreement xdh;
    private final byte[] padding = new byte[Obfs4Handshake.CLIENT_MAX_PAD_LENGTH / 2];

    @Setup
    public void setUp() {
        Random seeded = new Random(4);
        byte[] nodeId = new byte[Obfs4Cert.NODE_ID_LENGTH];
        byte[] identityKey = new byte[32];
        seeded.nextBytes(nodeId);
        seeded.nextBytes(identityKey);
        identity = new Obfs4Identity(nodeId, identityKey);
        cert = identity.cert();
        EphemeralKeyPair pair = EphemeralKeyPair.generate(random);
        privateKey = pair.privateKey();
        publicKey = pair.publicKey();
        representative = pair.representative();
        clientSession = pair;
        serverSession = EphemeralKeyPair.generate(random);
        epochHour = Obfs4Handshake.currentEpochHour();
        try {
            xdhKeys = java.security.KeyFactory.getInstance("XDH");
            xdh = javax.crypto.KeyAgreement.getInstance("XDH");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole handshake, both sides, as two connected peers would run it (the replay filter included). */
    @Benchmark
    public byte[] clientAndServer() throws Obfs4HandshakeException {
        Obfs4ClientHandshake client = new Obfs4ClientHandshake(cert, EphemeralKeyPair.generate(random), random, epochHour);
        byte[] request = client.request();
        Obfs4ServerHandshake server = new Obfs4ServerHandshake(identity, EphemeralKeyPair.generate(random),
                new ReplayFilter(16, Obfs4Server.REPLAY_TTL.toNanos()), random);
        byte[] serverSeed = server.parseRequest(request, request.length, epochHour, System.nanoTime());
        byte[] response = server.response();
        Obfs4ClientHandshake.Completed completed = client.parseResponse(response, response.length);
        Ntor.expandKeys(serverSeed, 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        return Ntor.expandKeys(completed.keySeed(), 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
    }

    /** A session key pair with a representative: the rejection sampling included. */
    @Benchmark
    public EphemeralKeyPair generateSessionKey() {
        return EphemeralKeyPair.generate(random);
    }

    /** One try of {@link #generateSessionKey}: the dirty public key and the attempt at a representative. */
    @Benchmark
    public EphemeralKeyPair sessionKeyOneTry() {
        return EphemeralKeyPair.fromPrivateKey(privateKey, 0x41);
    }

    @Benchmark
    public byte[] dirtyPublicKey() {
        return EphemeralKeyPair.dirtyPublicKey(privateKey);
    }

    /** The clean half of {@link #dirtyPublicKey}: BouncyCastle's fixed-base multiplication. */
    @Benchmark
    public byte[] scalarMultBase() {
        byte[] out = new byte[32];
        X25519.scalarMultBase(privateKey, 0, out, 0);
        return out;
    }

    /** One variable-base X25519 (ntor does two per side). */
    @Benchmark
    public byte[] scalarMult() {
        byte[] out = new byte[32];
        X25519.scalarMult(privateKey, 0, publicKey, 0, out, 0);
        return out;
    }

    /**
     * The same multiplication with the JDK's XDH (KeyFactory and KeyAgreement made once): the
     * candidate BouncyCastle's {@link #scalarMult} was measured against.
     */
    @Benchmark
    public byte[] jdkXdhScalarMult() throws Exception {
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = publicKey[31 - i];
        }
        java.security.PrivateKey key = xdhKeys.generatePrivate(new java.security.spec.XECPrivateKeySpec(
                java.security.spec.NamedParameterSpec.X25519, privateKey));
        java.security.PublicKey peer = xdhKeys.generatePublic(new java.security.spec.XECPublicKeySpec(
                java.security.spec.NamedParameterSpec.X25519, new java.math.BigInteger(1, reversed)));
        xdh.init(key);
        xdh.doPhase(peer, true);
        return xdh.generateSecret();
    }

    @Benchmark
    public byte[] uToRepresentative() {
        return Elligator2.uToRepresentative(publicKey, 0x41);
    }

    @Benchmark
    public byte[] representativeToU() {
        return Elligator2.representativeToU(representative);
    }

    /** ntor's client half: two X25519 and three HMAC-SHA256. */
    @Benchmark
    public Ntor.Result ntorClient() {
        byte[] identityShare = Ntor.clientIdentityShare(clientSession, identity.publicKey());
        return Ntor.client(clientSession, serverSession.publicKey(), identityShare, identity.publicKey(), identity.nodeId());
    }

    @Benchmark
    public byte[] expandKeys() {
        return Ntor.expandKeys(privateKey, 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
    }

    /** The client's request from a ready session key: padding, mark, MAC. */
    @Benchmark
    public byte[] clientRequest() {
        return new Obfs4ClientHandshake(cert, clientSession, random, epochHour).request();
    }

    /** A typical handshake's padding (half the most) from the shared random source. */
    @Benchmark
    public byte[] randomPadding() {
        random.nextBytes(padding);
        return padding;
    }
}

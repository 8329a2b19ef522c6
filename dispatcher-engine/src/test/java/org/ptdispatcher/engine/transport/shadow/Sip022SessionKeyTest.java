package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The codec with a session's key kept by the caller ({@link Sip022SessionKey}), as the session
 * tables keep them: a kept key seals and opens exactly as a derived one does, and a packet of a
 * known session is opened with the kept key, not with a new derivation.
 */
class Sip022SessionKeyTest {
    private static final long NOW = 1_700_000_000L;
    private static final long SESSION = 0x0123456789abcdefL;
    private static final HostPort TARGET = new HostPort("192.0.2.7", 53);
    private static final byte[] PAYLOAD = "query".getBytes(StandardCharsets.US_ASCII);

    private static byte[] psk(Sip022Method m, int fill) {
        byte[] psk = new byte[m.keySize()];
        Arrays.fill(psk, (byte) fill);
        return psk;
    }

    private static Sip022PacketCodec codec(boolean client, Sip022Method m, byte[] psk) {
        return new Sip022PacketCodec(client, Sip022PacketCipher.of(m, psk), () -> NOW, () -> 0);
    }

    /** A table of one session whose key it knows, recording the key the codec hands back. */
    private static final class OneSession implements Sip022PacketCodec.Sessions {
        final Sip022SessionKey kept;
        final PacketWindow window = new PacketWindow();
        Sip022SessionKey handedBack;

        OneSession(Sip022SessionKey kept) {
            this.kept = kept;
        }

        @Override
        public Sip022SessionKey known(long sessionId) {
            return sessionId == kept.sessionId() ? kept : null;
        }

        @Override
        public PacketWindow window(Sip022SessionKey key, long clientSessionId) {
            handedBack = key;
            return window;
        }
    }

    private static Sip022Packet request(long packetId) {
        return Sip022Packet.fromClient(SESSION, packetId, TARGET, PAYLOAD);
    }

    @ParameterizedTest
    @EnumSource(value = Sip022Method.class, names = {"BLAKE3_AES_128_GCM", "BLAKE3_AES_256_GCM"})
    void aKeptKeySealsTheSameBytesAsADerivedOne(Sip022Method m) {
        // AES seals deterministically (the nonce is the header), so the bytes must match exactly. Two
        // codecs: the JCA refuses to seal twice under one key and nonce, as well it should.
        Sip022PacketCodec deriving = codec(true, m, psk(m, 1));
        Sip022PacketCodec keeping = codec(true, m, psk(m, 1));
        assertArrayEquals(deriving.encode(request(7)), keeping.encode(request(7), keeping.key(SESSION)));
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aKnownSessionsPacketIsOpenedWithItsKeptKey(Sip022Method m) throws Exception {
        Sip022PacketCodec client = codec(true, m, psk(m, 1));
        Sip022PacketCodec server = codec(false, m, psk(m, 1));
        OneSession table = new OneSession(server.key(SESSION));
        Sip022Packet packet = server.decode(client.encode(request(0), client.key(SESSION)), table);
        assertArrayEquals(PAYLOAD, packet.payload());
        assertSame(table.kept, table.handedBack);
    }

    @ParameterizedTest
    @EnumSource(value = Sip022Method.class, names = {"BLAKE3_AES_128_GCM", "BLAKE3_AES_256_GCM"})
    void aKeptKeyIsUsedInsteadOfDerivingOne(Sip022Method m) {
        Sip022PacketCodec client = codec(true, m, psk(m, 1));
        Sip022PacketCodec server = codec(false, m, psk(m, 1));
        // The session's kept subkey is another PSK's: had the codec derived its own, the packet would open.
        OneSession table = new OneSession(codec(false, m, psk(m, 2)).key(SESSION));
        Sip022PacketException refusal = assertThrows(Sip022PacketException.class,
                () -> server.decode(client.encode(request(0)), table));
        assertEquals(Sip022PacketException.Reason.NOT_AUTHENTIC, refusal.reason());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void anUnknownSessionsPacketIsOpenedWithAKeyDerivedForIt(Sip022Method m) throws Exception {
        Sip022PacketCodec client = codec(true, m, psk(m, 1));
        Sip022PacketCodec server = codec(false, m, psk(m, 1));
        OneSession table = new OneSession(server.key(SESSION + 1));
        server.decode(client.encode(request(0)), table);
        assertEquals(SESSION, table.handedBack.sessionId());
    }

    @Test
    void aPacketIsRefusedWhenTheTableHasNoWindowForIt() {
        Sip022Method m = Sip022Method.BLAKE3_AES_128_GCM;
        Sip022PacketCodec client = codec(true, m, psk(m, 1));
        Sip022PacketCodec server = codec(false, m, psk(m, 1));
        byte[] reply = server.encode(Sip022Packet.fromServer(~SESSION, 0, SESSION, TARGET, PAYLOAD));
        Sip022PacketException refusal = assertThrows(Sip022PacketException.class, () -> client.decode(reply,
                new Sip022PacketCodec.Sessions() {
                    @Override
                    public Sip022SessionKey known(long sessionId) {
                        return null;
                    }

                    @Override
                    public PacketWindow window(Sip022SessionKey key, long clientSessionId) {
                        return null;
                    }
                }));
        assertEquals(Sip022PacketException.Reason.UNKNOWN_SESSION, refusal.reason());
    }

    @Test
    void encodeRefusesAnotherSessionsKey() {
        Sip022Method m = Sip022Method.BLAKE3_AES_128_GCM;
        Sip022PacketCodec client = codec(true, m, psk(m, 1));
        assertThrows(IllegalArgumentException.class, () -> client.encode(request(0), client.key(SESSION + 1)));
    }
}

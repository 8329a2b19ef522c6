package org.ptdispatcher.engine.transport.shadow;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Shadowsocks 2022 UDP packets (SIP022 3.2, 4.1) against known answers: the {@code udp*} entries
 * of {@code sip022-vectors.properties}, computed by {@code src/test/node/sip022-vectors.mjs} with
 * @noble/ciphers' AES-ECB, AES-GCM and XChaCha20-Poly1305 and @noble/hashes' BLAKE3 (no code shared
 * with ours): one client packet (16 bytes of padding) and one server packet (none) per method. Our
 * encoder must produce those bytes exactly, given the vectors' ids, clock and nonces; our decoder
 * must read them, and refuse them, with the right reason, when tampered with, replayed, late, of
 * the wrong type or malformed.
 */
class Sip022PacketCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Properties VECTORS = load();
    private static final long TIMESTAMP = Long.parseLong(VECTORS.getProperty("timestamp"));
    private static final long CLIENT_SESSION = HexFormat.fromHexDigitsToLong(VECTORS.getProperty("udpClientSession"));
    private static final long SERVER_SESSION = HexFormat.fromHexDigitsToLong(VECTORS.getProperty("udpServerSession"));
    private static final long CLIENT_PACKET_ID = Long.parseLong(VECTORS.getProperty("udpClientPacketId"));
    private static final long SERVER_PACKET_ID = Long.parseLong(VECTORS.getProperty("udpServerPacketId"));
    private static final HostPort ADDRESS = new HostPort("127.0.0.1", 8080);
    private static final byte[] REQUEST = ascii("udp request");
    private static final byte[] RESPONSE = ascii("udp response");

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Sip022PacketCodecTest.class.getResourceAsStream("sip022-vectors.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(Sip022Method m, String name) {
        return HEX.parseHex(VECTORS.getProperty(m.ssName() + "." + name));
    }

    private static byte[] psk(Sip022Method m) {
        return ShadowKeys.sip022Psk(VECTORS.getProperty(m.ssName() + ".psk"), m);
    }

    /** The method's cipher with the vectors' nonce for ChaCha (AES has none to fix). */
    private static Sip022PacketCipher cipher(Sip022Method m, byte[] psk, String nonceName) {
        if (m != Sip022Method.BLAKE3_CHACHA20_POLY1305) {
            return Sip022PacketCipher.of(m, psk);
        }
        byte[] nonce = hex(m, nonceName);
        return new Sip022ChaChaPacketCipher(psk, n -> System.arraycopy(nonce, 0, n, 0, n.length));
    }

    private static Sip022PacketCodec client(Sip022Method m, long now, int padding) {
        return new Sip022PacketCodec(true, cipher(m, psk(m), "udpClientNonce"), () -> now, () -> padding);
    }

    private static Sip022PacketCodec server(Sip022Method m, byte[] psk, long now) {
        return new Sip022PacketCodec(false, cipher(m, psk, "udpServerNonce"), () -> now, () -> 0);
    }

    /** One window per session, as the session tables will keep them. */
    private static final class Sessions implements Sip022PacketCodec.Windows {
        final Map<Long, PacketWindow> windows = new HashMap<>();

        @Override
        public PacketWindow of(long sessionId) {
            return windows.computeIfAbsent(sessionId, id -> new PacketWindow());
        }
    }

    private static Sip022PacketException.Reason refusal(Sip022PacketCodec codec, byte[] datagram, Sessions sessions) {
        return assertThrows(Sip022PacketException.class, () -> codec.decode(datagram, sessions)).reason();
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void clientPacketIsTheReferencePacket(Sip022Method m) {
        byte[] datagram = client(m, TIMESTAMP, 16).encode(Sip022Packet.fromClient(CLIENT_SESSION, CLIENT_PACKET_ID, ADDRESS, REQUEST));
        assertEquals(HEX.formatHex(hex(m, "udpClient")), HEX.formatHex(datagram));
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void serverPacketIsTheReferencePacket(Sip022Method m) {
        byte[] datagram = server(m, psk(m), TIMESTAMP).encode(
                Sip022Packet.fromServer(SERVER_SESSION, SERVER_PACKET_ID, CLIENT_SESSION, ADDRESS, RESPONSE));
        assertEquals(HEX.formatHex(hex(m, "udpServer")), HEX.formatHex(datagram));
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void serverReadsTheReferenceClientPacketAndDropsItsPadding(Sip022Method m) throws Sip022PacketException {
        Sip022Packet packet = server(m, psk(m), TIMESTAMP + 30).decode(hex(m, "udpClient"), new Sessions());
        assertEquals(CLIENT_SESSION, packet.sessionId());
        assertEquals(CLIENT_SESSION, packet.clientSessionId());
        assertEquals(CLIENT_PACKET_ID, packet.packetId());
        assertEquals(ADDRESS, packet.address());
        assertArrayEquals(REQUEST, packet.payload());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void clientReadsTheReferenceServerPacketAndTheClientSessionItNames(Sip022Method m) throws Sip022PacketException {
        Sip022Packet packet = client(m, TIMESTAMP - 30, 0).decode(hex(m, "udpServer"), new Sessions());
        assertEquals(SERVER_SESSION, packet.sessionId());
        assertEquals(CLIENT_SESSION, packet.clientSessionId());
        assertEquals(SERVER_PACKET_ID, packet.packetId());
        assertEquals(ADDRESS, packet.address());
        assertArrayEquals(RESPONSE, packet.payload());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void packetsRoundTripBothWaysWithRandomIdsPaddingAndPayloads(Sip022Method m) throws Sip022PacketException {
        Random random = new Random(m.ordinal());
        Sessions atServer = new Sessions();
        Sessions atClient = new Sessions();
        long now = Sip022Stream.now();
        for (int i = 0; i < 50; i++) {
            byte[] payload = new byte[random.nextInt(1500)];
            random.nextBytes(payload);
            HostPort target = i % 2 == 0 ? new HostPort("example.org", 1 + random.nextInt(65535)) : new HostPort("2001:db8::1", 53);
            int padding = random.nextInt(64);
            Sip022PacketCodec client = new Sip022PacketCodec(true, Sip022PacketCipher.of(m, psk(m)), () -> now, () -> padding);
            Sip022PacketCodec server = Sip022PacketCodec.server(m, psk(m));
            long session = random.nextLong();
            long packetId = random.nextLong();

            Sip022Packet request = server.decode(client.encode(Sip022Packet.fromClient(session, packetId, target, payload)), atServer);
            assertEquals(session, request.sessionId());
            assertEquals(session, request.clientSessionId());
            assertEquals(packetId, request.packetId());
            assertEquals(target, request.address());
            assertArrayEquals(payload, request.payload());

            Sip022Packet reply = client.decode(server.encode(Sip022Packet.fromServer(~session, packetId, session, target, payload)), atClient);
            assertEquals(~session, reply.sessionId());
            assertEquals(session, reply.clientSessionId());
            assertEquals(packetId, reply.packetId());
            assertEquals(target, reply.address());
            assertArrayEquals(payload, reply.payload());
        }
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aPacketWithAnyByteChangedIsNotAuthentic(Sip022Method m) {
        byte[] original = hex(m, "udpClient");
        Sip022PacketCodec server = server(m, psk(m), TIMESTAMP);
        for (int i = 0; i < original.length; i++) {
            byte[] tampered = original.clone();
            tampered[i] ^= 0x40;
            assertEquals(Sip022PacketException.Reason.NOT_AUTHENTIC, refusal(server, tampered, new Sessions()), "byte " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aPacketUnderAnotherKeyIsNotAuthenticAndOneShorterThanATagIsTooShort(Sip022Method m) {
        byte[] otherKey = psk(m);
        otherKey[0] ^= 1;
        assertEquals(Sip022PacketException.Reason.NOT_AUTHENTIC, refusal(server(m, otherKey, TIMESTAMP), hex(m, "udpClient"), new Sessions()));
        int shortest = m == Sip022Method.BLAKE3_CHACHA20_POLY1305 ? 24 + 16 : 16 + 16;
        assertEquals(Sip022PacketException.Reason.TOO_SHORT, refusal(server(m, psk(m), TIMESTAMP), new byte[shortest - 1], new Sessions()));
        assertEquals(Sip022PacketException.Reason.NOT_AUTHENTIC, refusal(server(m, psk(m), TIMESTAMP), new byte[shortest], new Sessions()));
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void theSamePacketTwiceIsRefusedTheSecondTimeAsAReplay(Sip022Method m) throws Sip022PacketException {
        Sessions sessions = new Sessions();
        Sip022PacketCodec server = server(m, psk(m), TIMESTAMP);
        server.decode(hex(m, "udpClient"), sessions);
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(server, hex(m, "udpClient"), sessions));
        // Another session's window is its own: the same packet id is new there.
        Sip022PacketCodec client = client(m, TIMESTAMP, 0);
        byte[] otherSession = client.encode(Sip022Packet.fromClient(CLIENT_SESSION + 1, CLIENT_PACKET_ID, ADDRESS, REQUEST));
        assertEquals(CLIENT_PACKET_ID, server.decode(otherSession, sessions).packetId());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aPacketMoreThan30SecondsOffIsRefusedAsUntimelyWithoutUsingUpItsPacketId(Sip022Method m) throws Sip022PacketException {
        Sessions sessions = new Sessions();
        assertEquals(Sip022PacketException.Reason.UNTIMELY, refusal(server(m, psk(m), TIMESTAMP + 31), hex(m, "udpClient"), sessions));
        assertEquals(Sip022PacketException.Reason.UNTIMELY, refusal(server(m, psk(m), TIMESTAMP - 31), hex(m, "udpClient"), sessions));
        // SIP022 3.2.4: the window moves only for a packet that passed the header's checks.
        assertEquals(CLIENT_PACKET_ID, server(m, psk(m), TIMESTAMP).decode(hex(m, "udpClient"), sessions).packetId());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aPacketOfTheSendersOwnTypeIsRefusedAsTheWrongType(Sip022Method m) {
        // A client's packet reflected back at the client, a server's back at the server.
        assertEquals(Sip022PacketException.Reason.WRONG_TYPE, refusal(client(m, TIMESTAMP, 0), hex(m, "udpClient"), new Sessions()));
        assertEquals(Sip022PacketException.Reason.WRONG_TYPE, refusal(server(m, psk(m), TIMESTAMP), hex(m, "udpServer"), new Sessions()));
    }

    /** A datagram sealed properly around {@code body}, so that only the main header is wrong. */
    private static byte[] sealed(Sip022Method m, byte[] body) {
        return Sip022PacketCipher.of(m, psk(m)).seal(CLIENT_SESSION, 0, body);
    }

    private static byte[] clientHeader(int paddingLength, int... rest) {
        byte[] body = new byte[11 + rest.length];
        body[0] = 0;
        Sip022PacketCipher.putLong(TIMESTAMP, body, 1);
        body[9] = (byte) (paddingLength >>> 8);
        body[10] = (byte) paddingLength;
        for (int i = 0; i < rest.length; i++) {
            body[11 + i] = (byte) rest[i];
        }
        return body;
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void anAuthenticBodyThatDoesNotParseIsRefusedAsMalformed(Sip022Method m) {
        Sip022PacketCodec server = server(m, psk(m), TIMESTAMP);
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, new byte[0]), new Sessions()), "empty body");
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, new byte[] {0, 0, 0}), new Sessions()), "cut in the header");
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, clientHeader(8, 1, 2, 3)), new Sessions()), "padding past the end");
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, clientHeader(0, 9, 1, 2, 3, 4, 0, 80)), new Sessions()), "address type 9");
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, clientHeader(0, 1, 127, 0, 0)), new Sessions()), "cut in the address");
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server, sealed(m, clientHeader(0, 1, 127, 0, 0, 1, 0, 0)), new Sessions()), "port 0");
    }

    @Test
    void aChaChaBodyTooShortForItsIdsIsRefusedAsMalformed() throws InvalidCipherTextException {
        Sip022Method m = Sip022Method.BLAKE3_CHACHA20_POLY1305;
        // 15 bytes sealed under the right key: authentic, but without room for both ids.
        byte[] datagram = new byte[24 + 15 + 16];
        XChaCha20Poly1305 aead = new XChaCha20Poly1305();
        aead.init(true, new ParametersWithIV(new KeyParameter(psk(m)), new byte[24]));
        aead.doFinal(datagram, 24 + aead.processBytes(new byte[15], 0, 15, datagram, 24));
        assertEquals(Sip022PacketException.Reason.MALFORMED, refusal(server(m, psk(m), TIMESTAMP), datagram, new Sessions()));
    }
}

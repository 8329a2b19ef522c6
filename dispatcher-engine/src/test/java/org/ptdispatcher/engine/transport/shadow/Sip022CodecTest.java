package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Shadowsocks 2022 (SIP022) TCP codec against known answers: {@code sip022-vectors.properties},
 * computed by {@code src/test/node/sip022-vectors.mjs} with @noble/hashes' BLAKE3 and
 * @noble/ciphers' AES-GCM and ChaCha20-Poly1305 (no code shared with ours): the subkeys, a request
 * with an initial payload and one more chunk, a request with 32 bytes of padding and no payload,
 * and a response with one more chunk. Our encoder must produce those bytes exactly (given the
 * vectors' salt, clock and padding), and our decoder must read them, and refuse them when the
 * clock, the salt, the key or the request salt are wrong.
 */
class Sip022CodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Properties VECTORS = load();
    private static final long TIMESTAMP = Long.parseLong(VECTORS.getProperty("timestamp"));
    private static final byte[] ADDRESS = {1, 127, 0, 0, 1, 0x1f, (byte) 0x90};
    private static final byte[] REQUEST = ascii("GET / HTTP/1.1\r\n\r\n");
    private static final byte[] REQUEST_MORE = ascii("second chunk");
    private static final byte[] RESPONSE = ascii("HTTP/1.1 200 OK\r\n\r\nhello");
    private static final byte[] RESPONSE_MORE = ascii("and more");

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Sip022CodecTest.class.getResourceAsStream("sip022-vectors.properties")) {
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

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return drain(all);
    }

    private static byte[] drain(ByteBuf b) {
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        return bytes;
    }

    private static byte[] drain(Queue<Object> messages) {
        ByteBuf all = Unpooled.buffer();
        Object m;
        while ((m = messages.poll()) != null) {
            ByteBuf b = (ByteBuf) m;
            all.writeBytes(b);
            b.release();
        }
        return drain(all);
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void subkeysMatchBlake3DeriveKey(Sip022Method m) {
        assertArrayEquals(hex(m, "requestSubkey"), ShadowKeys.sip022Subkey(psk(m), hex(m, "requestSalt")));
        assertArrayEquals(hex(m, "responseSubkey"), ShadowKeys.sip022Subkey(psk(m), hex(m, "responseSalt")));
    }

    @Test
    void pskOfTheWrongLengthOrNotBase64IsRefusedWithoutRepeatingIt() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> ShadowKeys.sip022Psk(sixteen, Sip022Method.BLAKE3_AES_256_GCM));
        assertEquals("2022-blake3-aes-256-gcm needs a key of 32 bytes in base64 (openssl rand -base64 32); this one is 16 bytes",
                shortKey.getMessage());
        IllegalArgumentException password = assertThrows(IllegalArgumentException.class,
                () -> ShadowKeys.sip022Psk("my secret password!", Sip022Method.BLAKE3_AES_128_GCM));
        assertTrue(password.getMessage().contains("not base64") && !password.getMessage().contains("secret"), password.getMessage());
        assertEquals(16, ShadowKeys.sip022Psk(sixteen, Sip022Method.BLAKE3_AES_128_GCM).length);
    }

    private static EmbeddedChannel clientEncoder(Sip022Method m, int padding, MockTicker ticker) {
        Sip022Stream stream = Sip022Stream.forTest(true, m, TIMESTAMP, padding);
        ShadowAeadEncoder encoder = new ShadowAeadEncoder(m.aead(), psk(m), Unpooled.wrappedBuffer(ADDRESS.clone()), stream)
                .withSalt(hex(m, "requestSalt"));
        return EmbeddedChannel.builder().ticker(ticker).handlers(encoder).build();
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void clientRequestWithPayloadIsTheReferenceStream(Sip022Method m) {
        EmbeddedChannel client = clientEncoder(m, 500, Ticker.newMockTicker());
        client.writeOutbound(Unpooled.wrappedBuffer(REQUEST));
        byte[] first = drain(client.outboundMessages());
        client.writeOutbound(Unpooled.wrappedBuffer(REQUEST_MORE));
        byte[] second = drain(client.outboundMessages());
        client.finishAndReleaseAll();
        // Salt, both headers and the payload in one write (SIP022 3.1.4); no padding beside a payload.
        assertArrayEquals(hex(m, "requestWithPayload"), concat(first, second));
        assertEquals(m.keySize() + 11 + 16 + ADDRESS.length + 2 + REQUEST.length + 16, first.length);
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void silentClientSendsPaddingInsteadOfPayload(Sip022Method m) {
        MockTicker ticker = Ticker.newMockTicker();
        EmbeddedChannel client = clientEncoder(m, 32, ticker);
        ticker.advance(ShadowAeadEncoder.HEADER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        assertArrayEquals(hex(m, "requestPadded"), drain(client.outboundMessages()));
        client.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void serverResponseIsTheReferenceStream(Sip022Method m) {
        Sip022Stream stream = Sip022Stream.forTest(false, m, TIMESTAMP, 0);
        stream.requestSalt(hex(m, "requestSalt"));
        EmbeddedChannel server = new EmbeddedChannel(new ShadowAeadEncoder(m.aead(), psk(m), null, stream).withSalt(hex(m, "responseSalt")));
        server.writeOutbound(Unpooled.wrappedBuffer(RESPONSE));
        server.writeOutbound(Unpooled.wrappedBuffer(RESPONSE_MORE));
        assertArrayEquals(hex(m, "response"), drain(server.outboundMessages()));
        server.finishAndReleaseAll();
    }

    /** What a server decoder passes on from {@code wire} with its clock at {@code now}, and why it failed, if it did. */
    private static String serve(Sip022Method m, byte[] psk, long now, ReplayFilter filter, byte[] wire) {
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder(filter);
        EmbeddedChannel channel = new EmbeddedChannel(new ShadowAeadDecoder(m.aead(), psk, recorder, Sip022Stream.forTest(false, m, now, 0)));
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        String passed = HEX.formatHex(drain(channel.inboundMessages()));
        channel.finishAndReleaseAll();
        return passed + "|" + recorder.failure;
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void serverPassesOnAddressAndPayloadAndDropsPadding(Sip022Method m) {
        assertEquals(HEX.formatHex(concat(ADDRESS, REQUEST, REQUEST_MORE)) + "|null",
                serve(m, psk(m), TIMESTAMP + 30, null, hex(m, "requestWithPayload")));
        assertEquals(HEX.formatHex(ADDRESS) + "|null", serve(m, psk(m), TIMESTAMP - 30, null, hex(m, "requestPadded")));
    }

    @Test
    void serverRefusesATimestampMoreThan30SecondsOff() {
        Sip022Method m = Sip022Method.BLAKE3_AES_256_GCM;
        String expected = "|timestamp " + TIMESTAMP + " is more than 30 s from ours (a replay, or a clock that is off)";
        assertEquals(expected, serve(m, psk(m), TIMESTAMP + 31, null, hex(m, "requestWithPayload")));
        assertEquals(expected, serve(m, psk(m), TIMESTAMP - 31, null, hex(m, "requestWithPayload")));
    }

    @Test
    void serverRefusesASaltItHasSeen() {
        Sip022Method m = Sip022Method.BLAKE3_CHACHA20_POLY1305;
        ReplayFilter filter = new ReplayFilter(16, Long.MAX_VALUE);
        assertTrue(serve(m, psk(m), TIMESTAMP, filter, hex(m, "requestWithPayload")).endsWith("|null"));
        assertEquals("|salt seen before: a replayed stream", serve(m, psk(m), TIMESTAMP, filter, hex(m, "requestWithPayload")));
    }

    @Test
    void serverRefusesAnotherKeyAndAResponseStream() {
        Sip022Method m = Sip022Method.BLAKE3_AES_128_GCM;
        byte[] otherKey = psk(m).clone();
        otherKey[0] ^= 1;
        assertEquals("|chunk did not authenticate (wrong password or cipher, or not Shadowsocks)",
                serve(m, otherKey, TIMESTAMP, null, hex(m, "requestWithPayload")));
        // A response played back at the server: its header is of type 1 (and longer), so it never passes as a request.
        assertTrue(serve(m, psk(m), TIMESTAMP, null, hex(m, "response")).startsWith("|"));
    }

    @Test
    void serverWaitsForTheWholeFixedHeaderBeforeDecidingAnything() {
        Sip022Method m = Sip022Method.BLAKE3_AES_256_GCM;
        byte[] wire = hex(m, "requestWithPayload");
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(new ShadowAeadDecoder(m.aead(), psk(m), recorder, Sip022Stream.forTest(false, m, TIMESTAMP, 0)));
        channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, 32 + 11 + 16 - 1));
        assertTrue(channel.inboundMessages().isEmpty());
        assertNull(recorder.failure);
        assertTrue(recorder.salts.isEmpty());
        channel.writeInbound(Unpooled.wrappedBuffer(wire, 32 + 11 + 16 - 1, wire.length - (32 + 11 + 16 - 1)));
        assertArrayEquals(concat(ADDRESS, REQUEST, REQUEST_MORE), drain(channel.inboundMessages()));
        channel.finishAndReleaseAll();
    }

    /** What a client decoder that sent {@code requestSalt} passes on from the response. */
    private static String receive(Sip022Method m, byte[] requestSalt, long now) {
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        Sip022Stream stream = Sip022Stream.forTest(true, m, now, 0);
        stream.requestSalt(requestSalt);
        EmbeddedChannel channel = new EmbeddedChannel(new ShadowAeadDecoder(m.aead(), psk(m), recorder, stream));
        channel.writeInbound(Unpooled.wrappedBuffer(hex(m, "response")));
        String passed = new String(drain(channel.inboundMessages()), StandardCharsets.US_ASCII);
        channel.finishAndReleaseAll();
        return passed + "|" + recorder.failure;
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void clientReadsTheResponseThatNamesItsSalt(Sip022Method m) {
        assertEquals("HTTP/1.1 200 OK\r\n\r\nhelloand more|null", receive(m, hex(m, "requestSalt"), TIMESTAMP));
        byte[] otherSalt = hex(m, "requestSalt");
        otherSalt[3] ^= 1;
        assertEquals("|the response names another request's salt", receive(m, otherSalt, TIMESTAMP));
        assertTrue(receive(m, hex(m, "requestSalt"), TIMESTAMP + 3600).startsWith("|timestamp "));
    }

    @Test
    void requestWithNeitherPayloadNorPaddingIsRefused() {
        Sip022Method m = Sip022Method.BLAKE3_AES_128_GCM;
        byte[] salt = hex(m, "requestSalt");
        ShadowAead sealer = ShadowAead.sealer(m.aead(), ShadowKeys.sip022Subkey(psk(m), salt));
        byte[] variable = concat(ADDRESS, new byte[] {0, 0});
        byte[] fixed = new byte[11];
        Sip022Stream.forTest(true, m, TIMESTAMP, 0).writeFixedHeader(variable.length, fixed);
        byte[] sealedFixed = new byte[11 + 16];
        sealer.seal(fixed, 0, 11, sealedFixed, 0);
        byte[] sealedVariable = new byte[variable.length + 16];
        sealer.seal(variable, 0, variable.length, sealedVariable, 0);
        assertEquals("|request header with neither payload nor padding",
                serve(m, psk(m), TIMESTAMP, null, concat(salt, sealedFixed, sealedVariable)));
    }
}

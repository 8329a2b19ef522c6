package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunk codec. The expected streams were computed independently with Python's
 * cryptography package (AESGCM, ChaCha20Poly1305, HKDF) from the spec: salt 01 02 03 ...,
 * password "test-password", 20000 bytes of plaintext in two chunks (0x3FFF, the format's
 * largest, and the rest; or 0x3FF0, what our encoder sends, and the rest).
 */
class ShadowCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PASSWORD = "test-password";

    static byte[] salt(int length) {
        byte[] salt = new byte[length];
        for (int i = 0; i < length; i++) {
            salt[i] = (byte) (i + 1);
        }
        return salt;
    }

    static byte[] knownPlaintext() {
        byte[] plaintext = new byte[20000];
        for (int i = 0; i < plaintext.length; i++) {
            plaintext[i] = (byte) (i * 7 + 3);
        }
        return plaintext;
    }

    /** The reference stream with chunks of 0x3FFF, the format's largest (what shadowsocks-libev sends at most). */
    private static String expectedSha256Max(ShadowCipher cipher) {
        return switch (cipher) {
            case AES_128_GCM -> "15d01ffb05d5357d3d55220fc992cab03227d6788b209261fc142590e5cd2897";
            case AES_256_GCM -> "edfb541c3da1cad4db1a0992089c56683aede60176f23982f084921bf0b87cbf";
            case CHACHA20_IETF_POLY1305 -> "388214262b099eba68fa4f04e87588885a75084a7c8f0d94daba7c7d13ea9268";
        };
    }

    /** The reference stream with chunks of 0x3FF0, what our encoder sends (whole 16-byte blocks). */
    private static String expectedSha256Sent(ShadowCipher cipher) {
        return switch (cipher) {
            case AES_128_GCM -> "6b3fbd8ee967256228eb7c9e0f3967b41f9bada154e9bf0d17ee1014db7968f2";
            case AES_256_GCM -> "86b77dc1e91bd8bb4b8ace2c7330f80405965ef89c23e679c0f170267c86548e";
            case CHACHA20_IETF_POLY1305 -> "1623b31346f8e51c46d4fec791fe80871f6e96c6ed9e70d4545e7979ed64ca08";
        };
    }

    private static String expectedHeadSent(ShadowCipher cipher) {
        return switch (cipher) {
            case AES_128_GCM -> "0102030405060708090a0b0c0d0e0f101c3a317b00a6fc9657549511828903da60d57095f3bbbf907e11faa8eda39aa100462ddac41faff58f016506";
            case AES_256_GCM -> "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20b6fde88ea86fb5a6d0c033af5037b401e7d31d73cc3e7e82a80dbd88";
            case CHACHA20_IETF_POLY1305 -> "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2054c7c13cd80b78e6933faf9e1d8b42cde1fc865b09bcc657140231e3";
        };
    }

    /** The reference stream in chunks of 0x3FFF, sealed with {@link ShadowAead} directly. */
    static byte[] maxChunkStream(ShadowCipher cipher) {
        byte[] salt = salt(cipher.saltSize());
        ShadowAead sealer = ShadowAead.sealer(cipher, ShadowKeys.subkey(ShadowKeys.masterKey(PASSWORD, cipher), salt));
        byte[] plaintext = knownPlaintext();
        ByteBuf wire = Unpooled.buffer().writeBytes(salt);
        byte[] sealed = new byte[0x3FFF + 16];
        for (int at = 0; at < plaintext.length; at += 0x3FFF) {
            int n = Math.min(0x3FFF, plaintext.length - at);
            sealer.seal(new byte[] {(byte) (n >>> 8), (byte) n}, 0, 2, sealed, 0);
            wire.writeBytes(sealed, 0, 18);
            sealer.seal(plaintext, at, n, sealed, 0);
            wire.writeBytes(sealed, 0, n + 16);
        }
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void sealingMatchesTheReferenceStream(ShadowCipher cipher) throws Exception {
        byte[] wire = maxChunkStream(cipher);
        assertEquals(cipher.saltSize() + 20000 + 2 * 34, wire.length);
        assertEquals(expectedSha256Max(cipher), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(wire)));
    }

    static byte[] encode(ShadowCipher cipher, String password, byte[] salt, byte[]... writes) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new ShadowAeadEncoder(cipher, ShadowKeys.masterKey(password, cipher), null).withSalt(salt));
        for (byte[] write : writes) {
            channel.writeOutbound(Unpooled.wrappedBuffer(write));
        }
        byte[] wire = drain(channel.outboundMessages());
        channel.finishAndReleaseAll();
        return wire;
    }

    private static byte[] drain(java.util.Queue<Object> messages) {
        ByteBuf all = Unpooled.buffer();
        Object msg;
        while ((msg = messages.poll()) != null) {
            ByteBuf buf = (ByteBuf) msg;
            all.writeBytes(buf);
            buf.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void encoderProducesTheReferenceStream(ShadowCipher cipher) throws Exception {
        for (boolean direct : new boolean[] {false, true}) {
            byte[] plaintext = knownPlaintext();
            ByteBuf input = direct ? Unpooled.directBuffer(plaintext.length).writeBytes(plaintext) : Unpooled.wrappedBuffer(plaintext);
            EmbeddedChannel channel = new EmbeddedChannel(
                    new ShadowAeadEncoder(cipher, ShadowKeys.masterKey(PASSWORD, cipher), null).withSalt(salt(cipher.saltSize())));
            channel.writeOutbound(input);
            byte[] wire = drain(channel.outboundMessages());
            channel.finishAndReleaseAll();
            assertEquals(cipher.saltSize() + 20000 + 2 * 34, wire.length);
            assertEquals(expectedHeadSent(cipher), HEX.formatHex(wire, 0, 60), "direct " + direct);
            assertEquals(expectedSha256Sent(cipher), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(wire)), "direct " + direct);
        }
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void manySmallWritesAreOneChunkEach(ShadowCipher cipher) {
        byte[] wire = encode(cipher, PASSWORD, salt(cipher.saltSize()), new byte[] {1}, new byte[] {2, 3}, new byte[0]);
        assertEquals(cipher.saltSize() + 2 * 34 + 3, wire.length);
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void decoderReadsTheReferenceStreamInAnyPieces(ShadowCipher cipher) {
        byte[] wire = maxChunkStream(cipher);
        for (boolean direct : new boolean[] {false, true}) {
            for (int piece : new int[] {1, 7, 18, 100, 16401, wire.length}) {
                Recorder recorder = new Recorder();
                EmbeddedChannel channel = new EmbeddedChannel(decoder(cipher, PASSWORD, recorder));
                for (int at = 0; at < wire.length; at += piece) {
                    int n = Math.min(piece, wire.length - at);
                    ByteBuf in = direct ? Unpooled.directBuffer(n) : Unpooled.buffer(n);
                    channel.writeInbound(in.writeBytes(wire, at, n));
                }
                assertArrayEquals(knownPlaintext(), drain(channel.inboundMessages()), "direct " + direct + " in pieces of " + piece);
                assertNull(recorder.failure);
                assertEquals(1, recorder.salts.size());
                channel.finishAndReleaseAll();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void readsLargerThanTheDecoderWindowAreWhole(ShadowCipher cipher) {
        byte[] data = new byte[3 * ShadowAeadDecoder.WINDOW + 12345];
        new SplittableRandom(3).nextBytes(data);
        byte[] wire = encode(cipher, PASSWORD, salt(cipher.saltSize()), data);
        for (int piece : new int[] {wire.length, ShadowAeadDecoder.WINDOW + 1, 70001}) {
            EmbeddedChannel channel = new EmbeddedChannel(decoder(cipher, PASSWORD, new Recorder()));
            for (int at = 0; at < wire.length; at += piece) {
                int n = Math.min(piece, wire.length - at);
                channel.writeInbound(Unpooled.directBuffer(n).writeBytes(wire, at, n));
            }
            assertArrayEquals(data, drain(channel.inboundMessages()), "pieces of " + piece);
            channel.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void headerTravelsInTheFirstChunkWithTheFirstWrite(ShadowCipher cipher) {
        byte[] master = ShadowKeys.masterKey(PASSWORD, cipher);
        ByteBuf header = Unpooled.buffer();
        header.writeBytes(new byte[] {1, 127, 0, 0, 1, 0x1f, (byte) 0x90});
        EmbeddedChannel client = new EmbeddedChannel(new ShadowAeadEncoder(cipher, master, header));
        byte[] data = new byte[40000];
        new SplittableRandom(1).nextBytes(data);
        client.writeOutbound(Unpooled.wrappedBuffer(data));
        byte[] wire = drain(client.outboundMessages());
        client.finishAndReleaseAll();
        // 7 + 40000 bytes in chunks of 0x3FFF: 3 chunks, the first holding the header.
        assertEquals(cipher.saltSize() + 7 + 40000 + 3 * 34, wire.length);
        EmbeddedChannel server = new EmbeddedChannel(decoder(cipher, PASSWORD, new Recorder()));
        server.writeInbound(Unpooled.wrappedBuffer(wire));
        byte[] plaintext = drain(server.inboundMessages());
        assertArrayEquals(new byte[] {1, 127, 0, 0, 1, 0x1f, (byte) 0x90}, java.util.Arrays.copyOf(plaintext, 7));
        assertArrayEquals(data, java.util.Arrays.copyOfRange(plaintext, 7, plaintext.length));
    }

    @Test
    void headerAloneGoesOutWhenTheApplicationIsSilent() {
        ShadowCipher cipher = ShadowCipher.AES_128_GCM;
        ByteBuf header = Unpooled.buffer().writeBytes(new byte[] {1, 127, 0, 0, 1, 0, 80});
        // A clock that moves only when told: the delay ends exactly when it says, whatever the machine's load.
        MockTicker clock = Ticker.newMockTicker();
        EmbeddedChannel client = EmbeddedChannel.builder().ticker(clock)
                .handlers(new ShadowAeadEncoder(cipher, ShadowKeys.masterKey(PASSWORD, cipher), header)).build();
        client.flushOutbound();
        assertTrue(client.outboundMessages().isEmpty(), "held back at first");
        clock.advance(ShadowAeadEncoder.HEADER_DELAY_MILLIS - 1, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        assertTrue(client.outboundMessages().isEmpty(), "still held back just before the delay ends");
        clock.advance(1, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        assertEquals(16 + 7 + 34, drain(client.outboundMessages()).length);
        client.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(ShadowCipher.class)
    void wrongPasswordFailsWithoutOutput(ShadowCipher cipher) {
        byte[] wire = encode(cipher, "other-password", salt(cipher.saltSize()), knownPlaintext());
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder(cipher, PASSWORD, recorder));
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        assertTrue(channel.inboundMessages().isEmpty());
        assertTrue(recorder.failure.contains("did not authenticate"), recorder.failure);
        assertTrue(recorder.salts.isEmpty(), "a salt is recorded only once its stream authenticates");
        // Later bytes are dropped quietly.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
        assertTrue(channel.inboundMessages().isEmpty());
        assertTrue(channel.isOpen(), "the decoder leaves the closing to its owner");
        channel.finishAndReleaseAll();
    }

    @Test
    void lengthWithTopBitsSetFails() {
        assertEquals("chunk length 0x4000 has its reserved top bits set", failureForLength(0x4000));
        assertEquals("chunk length 0xffff has its reserved top bits set", failureForLength(0xFFFF));
        assertEquals("chunk of length zero", failureForLength(0));
    }

    private static String failureForLength(int length) {
        ShadowCipher cipher = ShadowCipher.AES_256_GCM;
        byte[] salt = salt(32);
        ShadowAead sealer = ShadowAead.sealer(cipher, ShadowKeys.subkey(ShadowKeys.masterKey(PASSWORD, cipher), salt));
        byte[] sealedLength = new byte[18];
        sealer.seal(new byte[] {(byte) (length >>> 8), (byte) length}, 0, 2, sealedLength, 0);
        ByteBuf wire = Unpooled.buffer().writeBytes(salt).writeBytes(sealedLength);
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder(cipher, PASSWORD, recorder));
        channel.writeInbound(wire);
        assertTrue(channel.inboundMessages().isEmpty());
        channel.finishAndReleaseAll();
        return recorder.failure;
    }

    @Test
    void refusedSaltFails() {
        ShadowCipher cipher = ShadowCipher.CHACHA20_IETF_POLY1305;
        byte[] wire = encode(cipher, PASSWORD, salt(32), "hello".getBytes(StandardCharsets.US_ASCII));
        ReplayFilter filter = new ReplayFilter(16, Long.MAX_VALUE);
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Recorder recorder = new Recorder(filter);
            EmbeddedChannel channel = new EmbeddedChannel(decoder(cipher, PASSWORD, recorder));
            channel.writeInbound(Unpooled.wrappedBuffer(wire));
            results.add(new String(drain(channel.inboundMessages()), StandardCharsets.US_ASCII) + "|" + recorder.failure);
            channel.finishAndReleaseAll();
        }
        assertEquals(List.of("hello|null", "|salt seen before: a replayed stream"), results);
    }

    @Test
    void truncatedSaltWaits() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder(ShadowCipher.AES_256_GCM, PASSWORD, recorder));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[20]));
        assertTrue(channel.inboundMessages().isEmpty());
        assertNull(recorder.failure);
        assertFalse(channel.finishAndReleaseAll());
    }

    static ShadowAeadDecoder decoder(ShadowCipher cipher, String password, Recorder recorder) {
        return new ShadowAeadDecoder(cipher, ShadowKeys.masterKey(password, cipher), recorder);
    }

    static final class Recorder implements ShadowAeadDecoder.Listener {
        private final ReplayFilter filter;
        final List<byte[]> salts = new ArrayList<>();
        String failure;

        Recorder() {
            this(null);
        }

        Recorder(ReplayFilter filter) {
            this.filter = filter;
        }

        @Override
        public boolean acceptSalt(byte[] salt) {
            salts.add(salt);
            return filter == null || filter.addIfAbsent(0, salt);
        }

        @Override
        public void failed(ChannelHandlerContext ctx, String reason) {
            failure = reason;
        }
    }
}

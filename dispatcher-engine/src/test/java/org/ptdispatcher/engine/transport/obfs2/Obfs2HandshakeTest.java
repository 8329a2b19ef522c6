package org.ptdispatcher.engine.transport.obfs2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * obfs2's handshake and data phase on EmbeddedChannels. The expected wire bytes were computed
 * outside this code, from obfs2's spec as obfs4proxy's {@code transports/obfs2} implements it
 * (Python's SHA-256 for MAC(s, x) = SHA-256(s | x | s), {@code openssl enc -aes-128-ctr} for the
 * ciphers), with the seeds and padding these tests fix.
 */
class Obfs2HandshakeTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Seed 00..0f, PADLEN 5, padding 10 11 12 13 14. */
    private static final String INITIATOR_HANDSHAKE = "000102030405060708090a0b0c0d0e0f" + "2f14b177117a7bfa3793bfbef3";
    /** Seed 80..8f, PADLEN 0. */
    private static final String RESPONDER_HANDSHAKE = "808182838485868788898a8b8c8d8e8f" + "d7170d7671158716";
    private static final String INITIATOR_TEXT = "hello from the initiator";
    private static final String RESPONDER_TEXT = "hello from the responder";
    /** The texts under the data keys MAC("Initiator obfuscated data", INIT_SEED | RESP_SEED) and the responder's. */
    private static final String INITIATOR_TEXT_ON_THE_WIRE = "92134d453e975dfeb90229074b0c0cbb8e070f65e47debcf";
    private static final String RESPONDER_TEXT_ON_THE_WIRE = "25eba48309d11f984bf9202f470264f54b72c4158fd175f4";

    /** Random bytes that count up from {@code first}, and a fixed padding length: a handshake known in advance. */
    private static final class CountingRandom extends SecureRandom {
        private int next;
        private final int padLength;

        CountingRandom(int first, int padLength) {
            this.next = first;
            this.padLength = padLength;
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) next++;
            }
        }

        @Override
        public int nextInt(int bound) {
            return padLength;
        }
    }

    private final EmbeddedChannel initiator = new EmbeddedChannel();
    private final EmbeddedChannel responder = new EmbeddedChannel();
    private final Promise<Void> initiatorDone = initiator.eventLoop().newPromise();
    private final Promise<Void> responderDone = responder.eventLoop().newPromise();

    @AfterEach
    void close() {
        initiator.finishAndReleaseAll();
        responder.finishAndReleaseAll();
    }

    private void installBoth() {
        Obfs2Transport.installHandlers(initiator, true, initiatorDone, new CountingRandom(0x00, 5));
        Obfs2Transport.installHandlers(responder, false, responderDone, new CountingRandom(0x80, 0));
    }

    private static byte[] sent(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes).release();
        return bytes;
    }

    private static byte[] received(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readInbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes).release();
        return bytes;
    }

    private static ByteBuf wire(String hex) {
        return Unpooled.wrappedBuffer(HEX.parseHex(hex));
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void eachSideSendsItsSeedThenMagicAndPaddingUnderItsPaddingKeyAtOnce() {
        installBoth();
        assertEquals(INITIATOR_HANDSHAKE, HEX.formatHex(sent(initiator)));
        assertEquals(RESPONDER_HANDSHAKE, HEX.formatHex(sent(responder)));
        assertFalse(initiatorDone.isDone(), "nothing received yet");
    }

    @Test
    void dataIsEncryptedWithTheKeysDerivedFromBothSeeds() {
        installBoth();
        sent(initiator);
        sent(responder);
        initiator.writeInbound(wire(RESPONDER_HANDSHAKE));
        responder.writeInbound(wire(INITIATOR_HANDSHAKE));
        assertTrue(initiatorDone.isSuccess());
        assertTrue(responderDone.isSuccess());
        initiator.writeOutbound(text(INITIATOR_TEXT));
        responder.writeOutbound(text(RESPONDER_TEXT));
        assertEquals(INITIATOR_TEXT_ON_THE_WIRE, HEX.formatHex(sent(initiator)));
        assertEquals(RESPONDER_TEXT_ON_THE_WIRE, HEX.formatHex(sent(responder)));
        assertNull(initiator.pipeline().get("obfs2-handshake"), "the handshake handler leaves once it is done");
    }

    @Test
    void theResponderDecryptsDataThatArrivesInTheSameReadAsTheHandshake() {
        installBoth();
        responder.writeInbound(wire(INITIATOR_HANDSHAKE + INITIATOR_TEXT_ON_THE_WIRE));
        assertTrue(responderDone.isSuccess());
        assertEquals(INITIATOR_TEXT, new String(received(responder), StandardCharsets.US_ASCII));
    }

    @Test
    void aHandshakeThatArrivesOneByteAtATimeCompletesAndTheDataFollows() {
        installBoth();
        byte[] bytes = HEX.parseHex(RESPONDER_HANDSHAKE + RESPONDER_TEXT_ON_THE_WIRE);
        for (int i = 0; i < bytes.length; i++) {
            assertEquals(i >= HEX.parseHex(RESPONDER_HANDSHAKE).length, initiatorDone.isSuccess(), "done exactly after the last handshake byte, at " + i);
            initiator.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
        }
        assertEquals(RESPONDER_TEXT, new String(received(initiator), StandardCharsets.US_ASCII));
    }

    @Test
    void bothSidesTalkThroughEachOtherWithRandomSeedsAndPadding() {
        Obfs2Transport.installHandlers(initiator, true, initiatorDone, new SecureRandom());
        Obfs2Transport.installHandlers(responder, false, responderDone, new SecureRandom());
        responder.writeInbound(Unpooled.wrappedBuffer(sent(initiator)));
        initiator.writeInbound(Unpooled.wrappedBuffer(sent(responder)));
        assertTrue(initiatorDone.isSuccess());
        assertTrue(responderDone.isSuccess());
        byte[] big = new byte[100_000];
        new SecureRandom().nextBytes(big);
        initiator.writeOutbound(Unpooled.wrappedBuffer(big));
        responder.writeInbound(Unpooled.wrappedBuffer(sent(initiator)));
        assertArrayEquals(big, received(responder));
        responder.writeOutbound(text(RESPONDER_TEXT));
        initiator.writeInbound(Unpooled.wrappedBuffer(sent(responder)));
        assertEquals(RESPONDER_TEXT, new String(received(initiator), StandardCharsets.US_ASCII));
    }

    @Test
    void aWrongMagicNumberFailsTheHandshakeAndClosesTheConnection() {
        installBoth();
        byte[] handshake = HEX.parseHex(INITIATOR_HANDSHAKE);
        handshake[16] ^= 1; // the first byte of the encrypted magic
        responder.writeInbound(Unpooled.wrappedBuffer(handshake));
        assertInstanceOf(Obfs2HandshakeHandler.Obfs2HandshakeException.class, responderDone.cause());
        assertFalse(responder.isOpen());
    }

    @Test
    void aPaddingLengthOverTheMostFailsTheHandshake() {
        installBoth();
        // The responder's padding key stream, recovered from its known handshake, encrypts PADLEN 8193.
        byte[] handshake = HEX.parseHex(RESPONDER_HANDSHAKE);
        byte[] plain = ByteBuffer.allocate(8).putInt(Obfs2HandshakeHandler.MAGIC).putInt(0).array();
        byte[] wanted = ByteBuffer.allocate(8).putInt(Obfs2HandshakeHandler.MAGIC).putInt(Obfs2HandshakeHandler.MAX_PADDING + 1).array();
        for (int i = 0; i < 8; i++) {
            handshake[16 + i] ^= (byte) (plain[i] ^ wanted[i]);
        }
        initiator.writeInbound(Unpooled.wrappedBuffer(handshake));
        assertTrue(initiatorDone.cause().getMessage().contains("padding length 8193"), initiatorDone.cause().getMessage());
        assertFalse(initiator.isOpen());
    }

    @Test
    void aWriteBeforeTheHandshakeIsDoneIsRefused() {
        installBoth();
        sent(initiator);
        assertFalse(initiator.writeOneOutbound(text("too early")).isSuccess());
        initiator.flushOutbound();
        assertEquals(0, sent(initiator).length, "nothing went out");
    }
}

package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: an open Shadowsocks tunnel holds little between reads. The decoder opens chunks in
 * its thread's window ({@link ShadowScratch}) and keeps, between reads, only the bytes of a chunk
 * that has not all arrived: nothing once a read ends on a chunk's end (an idle connection), at
 * most those bytes otherwise. Before, every connection held its own 82 KiB window and 16 KiB to
 * open into (and the encoder 32 KiB) for as long as it was open.
 */
class ShadowOpenTunnelMemoryTest {

    @Test
    void aConnectionHoldsNothingOnceAReadEndsOnAChunksEnd() {
        for (ShadowCipher cipher : ShadowCipher.values()) {
            Pair pair = new Pair(cipher);
            byte[] message = random(40_000); // three chunks
            assertArrayEquals(message, pair.carry(pair.seal(message)));
            assertEquals(0, pair.decoder.heldBytes(), cipher + ": held after whole chunks");
            pair.close();
        }
    }

    @Test
    void aChunkCutByAReadIsHeldInAnArrayOfItsOwnSize() {
        for (ShadowCipher cipher : ShadowCipher.values()) {
            Pair pair = new Pair(cipher);
            byte[] message = random(5_000);
            byte[] wire = pair.seal(message);
            int cut = wire.length - 1_000;
            byte[] first = pair.carry(Arrays.copyOfRange(wire, 0, cut));
            int held = pair.decoder.heldBytes();
            assertTrue(held > 0 && held <= cut, cipher + ": held " + held + " of the " + cut + " bytes read");
            byte[] rest = pair.carry(Arrays.copyOfRange(wire, cut, wire.length));
            byte[] whole = Arrays.copyOf(first, first.length + rest.length);
            System.arraycopy(rest, 0, whole, first.length, rest.length);
            assertArrayEquals(message, whole);
            assertEquals(0, pair.decoder.heldBytes(), cipher + ": held once the chunk was whole");
            pair.close();
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** An encoder and a decoder of one stream, each on its own channel. */
    private static final class Pair {
        final ShadowAeadDecoder decoder;
        final EmbeddedChannel sender;
        final EmbeddedChannel receiver;

        Pair(ShadowCipher cipher) {
            byte[] master = ShadowKeys.masterKey("pw", cipher);
            decoder = new ShadowAeadDecoder(cipher, master, new ShadowCodecTest.Recorder());
            sender = new EmbeddedChannel(new ShadowAeadEncoder(cipher, master, null));
            receiver = new EmbeddedChannel(decoder);
        }

        byte[] seal(byte[] message) {
            sender.writeOutbound(Unpooled.wrappedBuffer(message));
            return drain(sender, false);
        }

        byte[] carry(byte[] wire) {
            receiver.writeInbound(Unpooled.wrappedBuffer(wire));
            return drain(receiver, true);
        }

        private static byte[] drain(EmbeddedChannel channel, boolean inbound) {
            byte[] out = new byte[0];
            for (ByteBuf b = inbound ? channel.readInbound() : channel.readOutbound(); b != null;
                 b = inbound ? channel.readInbound() : channel.readOutbound()) {
                int at = out.length;
                out = Arrays.copyOf(out, at + b.readableBytes());
                b.readBytes(out, at, b.readableBytes());
                b.release();
            }
            return out;
        }

        void close() {
            sender.finishAndReleaseAll();
            receiver.finishAndReleaseAll();
        }
    }
}

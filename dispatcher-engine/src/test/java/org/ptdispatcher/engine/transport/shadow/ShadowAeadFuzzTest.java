package org.ptdispatcher.engine.transport.shadow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.engine.fuzz.EmbeddedStream.drainInbound;
import static org.ptdispatcher.engine.fuzz.EmbeddedStream.feed;

/**
 * Shadowsocks AEAD chunks and the address header. The first input byte chooses the cipher (its
 * low two bits) and how the bytes are cut into reads (the rest of it).
 * <ul>
 *   <li>{@code wire}: any bytes as a client's stream against the server's decoder: no exception
 *   escapes, and nothing is passed on unless the stream authenticated (its salt was offered to
 *   the replay filter, which happens only once the first length block verified).</li>
 *   <li>{@code roundTrip}: any plaintext through a client's encoder and the server's decoder,
 *   cut into reads anywhere: it comes out whole and in order.</li>
 *   <li>{@code addressHeader}: any bytes as the plaintext's address header: complete, invalid or
 *   needing more, never an exception.</li>
 * </ul>
 */
class ShadowAeadFuzzTest {
    private static final String PASSWORD = "fuzz-password";

    private static ShadowCipher cipher(byte choice) {
        ShadowCipher[] all = ShadowCipher.values();
        return all[(choice & 0x03) % all.length];
    }

    private static int chunk(byte choice) {
        return 1 + ((choice & 0xff) >> 2) * 37;
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void wire(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ShadowCipher cipher = cipher(input[0]);
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        EmbeddedChannel server = new EmbeddedChannel(ShadowCodecTest.decoder(cipher, PASSWORD, recorder));
        try {
            byte[] stream = Arrays.copyOfRange(input, 1, input.length);
            feed(server, stream, chunk(input[0]));
            server.checkException();
            byte[] passed = drainInbound(server);
            if (passed.length > 0) {
                assertTrue(!recorder.salts.isEmpty(), "plaintext passed on from a stream that did not authenticate");
            }
        } finally {
            server.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void roundTrip(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ShadowCipher cipher = cipher(input[0]);
        byte[] plaintext = Arrays.copyOfRange(input, 1, input.length);
        byte[] master = ShadowKeys.masterKey(PASSWORD, cipher);
        EmbeddedChannel client = new EmbeddedChannel(new ShadowAeadEncoder(cipher, master, null));
        EmbeddedChannel server = new EmbeddedChannel(ShadowCodecTest.decoder(cipher, PASSWORD, new ShadowCodecTest.Recorder()));
        try {
            int cut = chunk(input[0]);
            for (int at = 0; at < plaintext.length; at += cut) {
                client.writeOutbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(plaintext, at, Math.min(plaintext.length, at + cut))));
            }
            client.flushOutbound();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (ByteBuf b = client.readOutbound(); b != null; b = client.readOutbound()) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                wire.writeBytes(bytes);
            }
            feed(server, wire.toByteArray(), cut * 3 + 1);
            server.checkException();
            assertArrayEquals(plaintext, drainInbound(server));
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void addressHeader(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            ShadowAddress.Parsed parsed = ShadowAddress.read(in);
            assertNotNull(parsed);
            if (parsed instanceof ShadowAddress.Complete complete) {
                assertTrue(complete.length() <= input.length && complete.length() <= ShadowAddress.MAX_LENGTH, "length " + complete.length());
            }
        } finally {
            in.release();
        }
    }
}

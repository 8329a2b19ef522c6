package org.ptdispatcher.engine.transport.shadow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.engine.fuzz.EmbeddedStream.drainInbound;
import static org.ptdispatcher.engine.fuzz.EmbeddedStream.feed;

/**
 * Shadowsocks 2022 streams against the server's decoder. The first input byte chooses the method
 * (its low two bits) and how the bytes are cut into reads (the rest of it).
 * <ul>
 *   <li>{@code wire}: any bytes as a client's stream: no exception escapes, and nothing is passed
 *   on unless the fixed header authenticated and its salt was offered to the replay filter.</li>
 *   <li>{@code variableHeader}: any bytes as the plaintext of a request's variable header, sealed
 *   behind a valid fixed header (so the parser behind the tags is reached): no exception, and
 *   what is passed on is a whole address followed by what came after the padding.</li>
 *   <li>{@code roundTrip}: any plaintext through a client's encoder and the server's decoder, cut
 *   into reads anywhere: the address, then the plaintext whole and in order.</li>
 * </ul>
 */
class Sip022FuzzTest {
    private static final long NOW = 1_700_000_000L;
    private static final byte[] ADDRESS = {1, 127, 0, 0, 1, 0x1f, (byte) 0x90};

    private static Sip022Method method(byte choice) {
        Sip022Method[] all = Sip022Method.values();
        return all[(choice & 0x03) % all.length];
    }

    private static int chunk(byte choice) {
        return 1 + ((choice & 0xff) >> 2) * 37;
    }

    private static byte[] psk(Sip022Method m) {
        byte[] key = new byte[m.keySize()];
        Arrays.fill(key, (byte) 0x5a);
        return key;
    }

    private static EmbeddedChannel server(Sip022Method m, ShadowCodecTest.Recorder recorder) {
        return new EmbeddedChannel(new ShadowAeadDecoder(m.aead(), psk(m), recorder, Sip022Stream.forTest(false, m, NOW, 0)));
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void wire(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Sip022Method m = method(input[0]);
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        EmbeddedChannel server = server(m, recorder);
        try {
            feed(server, Arrays.copyOfRange(input, 1, input.length), chunk(input[0]));
            server.checkException();
            if (drainInbound(server).length > 0) {
                assertTrue(!recorder.salts.isEmpty(), "plaintext passed on from a stream that did not authenticate");
            }
        } finally {
            server.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void variableHeader(byte[] input) {
        if (input.length == 0 || input.length > Sip022Stream.MAX_PAYLOAD) {
            return;
        }
        Sip022Method m = method(input[0]);
        byte[] variable = Arrays.copyOfRange(input, 1, input.length);
        byte[] salt = new byte[m.keySize()];
        Arrays.fill(salt, input[0]);
        ShadowAead sealer = ShadowAead.sealer(m.aead(), ShadowKeys.sip022Subkey(psk(m), salt));
        byte[] fixed = new byte[Sip022Stream.REQUEST_FIXED_LENGTH];
        Sip022Stream.forTest(true, m, NOW, 0).writeFixedHeader(variable.length, fixed);
        byte[] sealedFixed = new byte[fixed.length + ShadowCipher.TAG_SIZE];
        sealer.seal(fixed, 0, fixed.length, sealedFixed, 0);
        byte[] sealedVariable = new byte[variable.length + ShadowCipher.TAG_SIZE];
        sealer.seal(variable, 0, variable.length, sealedVariable, 0);
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        EmbeddedChannel server = server(m, recorder);
        try {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(salt);
            wire.writeBytes(sealedFixed);
            wire.writeBytes(sealedVariable);
            feed(server, wire.toByteArray(), chunk(input[0]));
            server.checkException();
            byte[] passed = drainInbound(server);
            if (recorder.failure == null) {
                ShadowAddress.Parsed parsed = ShadowAddress.read(Unpooled.wrappedBuffer(passed));
                assertTrue(parsed instanceof ShadowAddress.Complete, "passed on without a whole address");
                int addressLength = ((ShadowAddress.Complete) parsed).length();
                assertArrayEquals(Arrays.copyOf(variable, addressLength), Arrays.copyOf(passed, addressLength));
                int padding = ((variable[addressLength] & 0xff) << 8) | (variable[addressLength + 1] & 0xff);
                assertArrayEquals(Arrays.copyOfRange(variable, addressLength + 2 + padding, variable.length),
                        Arrays.copyOfRange(passed, addressLength, passed.length));
            } else {
                assertTrue(passed.length == 0, "passed on from a refused header");
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
        Sip022Method m = method(input[0]);
        byte[] plaintext = Arrays.copyOfRange(input, 1, input.length);
        EmbeddedChannel client = new EmbeddedChannel(new ShadowAeadEncoder(m.aead(), psk(m), Unpooled.wrappedBuffer(ADDRESS.clone()),
                Sip022Stream.forTest(true, m, NOW, 1 + (input[0] & 0xff))));
        ShadowCodecTest.Recorder recorder = new ShadowCodecTest.Recorder();
        EmbeddedChannel server = server(m, recorder);
        try {
            int cut = chunk(input[0]);
            for (int at = 0; at < plaintext.length; at += cut) {
                client.writeOutbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(plaintext, at, Math.min(plaintext.length, at + cut))));
            }
            if (plaintext.length == 0) {
                // Nothing to say: the header goes alone, with padding, as when the hold-back ends.
                client.writeOutbound(Unpooled.EMPTY_BUFFER);
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
            assertNull(recorder.failure);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(ADDRESS);
            expected.writeBytes(plaintext);
            assertArrayEquals(expected.toByteArray(), drainInbound(server));
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }
}

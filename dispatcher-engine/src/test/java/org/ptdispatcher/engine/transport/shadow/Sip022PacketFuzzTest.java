package org.ptdispatcher.engine.transport.shadow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shadowsocks 2022 UDP packets against the codec. The first input byte chooses the method (its
 * low two bits) and, where it matters, which side reads (bit 2). A refusal is always a
 * {@link Sip022PacketException}; any other exception fails the target.
 * <ul>
 *   <li>{@code datagram}: any bytes as a datagram: refused (nothing forges a tag).</li>
 *   <li>{@code body}: any bytes as the body of a client's packet, sealed properly, so the main
 *   header's parser behind the tag is reached: refused, or taken with the address that the body
 *   holds after its padding and the rest of the body as payload.</li>
 *   <li>{@code roundTrip}: any payload, with ids and padding from the input, through one side's
 *   encoder and the other's decoder: the same packet.</li>
 * </ul>
 */
class Sip022PacketFuzzTest {
    private static final long NOW = 1_700_000_000L;
    private static final long SESSION = 0x0102030405060708L;

    private static Sip022Method method(byte choice) {
        Sip022Method[] all = Sip022Method.values();
        return all[(choice & 0x03) % all.length];
    }

    private static byte[] psk(Sip022Method m) {
        byte[] key = new byte[m.keySize()];
        Arrays.fill(key, (byte) 0x5a);
        return key;
    }

    private static Sip022PacketCodec codec(boolean client, Sip022Method m, int padding) {
        return new Sip022PacketCodec(client, Sip022PacketCipher.of(m, psk(m)), () -> NOW, () -> padding);
    }

    /** A fresh window for every session: each input is a session of its own. */
    private static PacketWindow window(long sessionId) {
        return new PacketWindow();
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void datagram(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Sip022Method m = method(input[0]);
        try {
            codec((input[0] & 0x04) != 0, m, 0).decode(Arrays.copyOfRange(input, 1, input.length), Sip022PacketFuzzTest::window);
            fail("a datagram of random bytes was taken");
        } catch (Sip022PacketException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isEmpty());
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void body(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Sip022Method m = method(input[0]);
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        // The timestamp is ours, so that the parser behind it is reached for most inputs.
        if (body.length >= 9) {
            Sip022PacketCipher.putLong(NOW, body, 1);
        }
        byte[] datagram = Sip022PacketCipher.of(m, psk(m)).seal(SESSION, input[0], body);
        Sip022Packet packet;
        try {
            packet = codec(false, m, 0).decode(datagram, Sip022PacketFuzzTest::window);
        } catch (Sip022PacketException refused) {
            return;
        }
        assertEquals(SESSION, packet.sessionId());
        assertEquals(input[0], packet.packetId());
        int padding = ((body[9] & 0xff) << 8) | (body[10] & 0xff);
        int at = 11 + padding;
        ShadowAddress.Parsed parsed = ShadowAddress.read(Unpooled.wrappedBuffer(body, at, body.length - at));
        assertTrue(parsed instanceof ShadowAddress.Complete, "taken without a whole address");
        ShadowAddress.Complete address = (ShadowAddress.Complete) parsed;
        assertEquals(address.address(), packet.address());
        assertArrayEquals(Arrays.copyOfRange(body, at + address.length(), body.length), packet.payload());
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void roundTrip(byte[] input) throws Sip022PacketException {
        if (input.length < 9) {
            return;
        }
        Sip022Method m = method(input[0]);
        boolean fromClient = (input[0] & 0x04) == 0;
        long packetId = Sip022PacketCipher.getLong(input, 1);
        byte[] payload = Arrays.copyOfRange(input, 9, input.length);
        HostPort address = new HostPort("192.0.2.7", 1 + (input[0] & 0xff));
        Sip022Packet sent = fromClient
                ? Sip022Packet.fromClient(SESSION, packetId, address, payload)
                : Sip022Packet.fromServer(~SESSION, packetId, SESSION, address, payload);
        byte[] datagram = codec(fromClient, m, input[0] & 0xff).encode(sent);
        Sip022Packet received = codec(!fromClient, m, 0).decode(datagram, Sip022PacketFuzzTest::window);
        assertEquals(sent.sessionId(), received.sessionId());
        assertEquals(sent.packetId(), received.packetId());
        assertEquals(sent.clientSessionId(), received.clientSessionId());
        assertEquals(sent.address(), received.address());
        assertArrayEquals(sent.payload(), received.payload());
    }
}

package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One side's Shadowsocks 2022 UDP packets (SIP022 3.2.3): the main header at the start of the
 * body that {@link Sip022PacketCipher} seals, written on the way out and checked on the way in.
 *
 * <p>Client to server: {@code [type 0][u64 timestamp][u16 padding length][padding][address][payload]};
 * server to client: {@code [type 1][u64 timestamp][client session id][u16 padding length][padding][address][payload]},
 * the address in SOCKS form ({@link ShadowAddress}). A packet read is taken only if it
 * authenticates, is of the other side's type, is timestamped within 30 s of our clock, parses,
 * and only then, as SIP022 3.2.4 asks, if its session's {@link PacketWindow} has not seen its
 * packet id: a window must not move for a packet that would be refused anyway.
 *
 * <p>Which client session a server's packet names is for the caller to check against its own,
 * as is keeping one window per session. Not thread-safe: one event loop's.
 */
public final class Sip022PacketCodec {
    static final int TYPE_CLIENT_PACKET = 0;
    static final int TYPE_SERVER_PACKET = 1;
    /** Type and timestamp. */
    private static final int TYPE_AND_TIME = 1 + 8;

    /** The replay window of a session, found or made by the caller once a packet of it has authenticated. */
    @FunctionalInterface
    public interface Windows {
        PacketWindow of(long sessionId);
    }

    private final boolean client;
    private final Sip022PacketCipher cipher;
    private final LongSupplier epochSeconds;
    private final IntSupplier paddingLength;

    Sip022PacketCodec(boolean client, Sip022PacketCipher cipher, LongSupplier epochSeconds, IntSupplier paddingLength) {
        this.client = client;
        this.cipher = cipher;
        this.epochSeconds = epochSeconds;
        this.paddingLength = paddingLength;
    }

    /**
     * A client's codec with the system clock and no padding: SIP022 makes padding optional for
     * UDP and warns against pushing packets past the path's MTU, which the caller knows, not we.
     */
    public static Sip022PacketCodec client(Sip022Method method, byte[] psk) {
        return new Sip022PacketCodec(true, Sip022PacketCipher.of(method, psk), Sip022Stream::now, () -> 0);
    }

    /** A server's codec with the system clock and no padding. */
    public static Sip022PacketCodec server(Sip022Method method, byte[] psk) {
        return new Sip022PacketCodec(false, Sip022PacketCipher.of(method, psk), Sip022Stream::now, () -> 0);
    }

    /**
     * The datagram for {@code packet}, sealed, with this side's type and our clock's timestamp.
     * The caller counts packet ids up: under AES they make the body's nonce, which must not repeat.
     */
    public byte[] encode(Sip022Packet packet) {
        int padding = paddingLength.getAsInt();
        if (padding < 0 || padding > 0xFFFF) {
            throw new IllegalArgumentException("padding of " + padding + " bytes does not fit its u16 length");
        }
        ByteBuf body = Unpooled.buffer(TYPE_AND_TIME + Sip022PacketCipher.ID_SIZE + 2 + padding
                + ShadowAddress.MAX_LENGTH + packet.payload().length);
        body.writeByte(client ? TYPE_CLIENT_PACKET : TYPE_SERVER_PACKET);
        body.writeLong(epochSeconds.getAsLong());
        if (!client) {
            body.writeLong(packet.clientSessionId());
        }
        body.writeShort(padding);
        body.writeZero(padding);
        ShadowAddress.write(packet.address(), body);
        body.writeBytes(packet.payload());
        byte[] plain = new byte[body.readableBytes()];
        body.readBytes(plain);
        return cipher.seal(packet.sessionId(), packet.packetId(), plain);
    }

    /**
     * The packet a datagram from the other side carries, once it has passed every check and its
     * packet id has been taken by its session's window.
     *
     * @throws Sip022PacketException saying which check it failed; nothing else, whatever the bytes
     */
    public Sip022Packet decode(byte[] datagram, Windows windows) throws Sip022PacketException {
        Sip022PacketCipher.Opened opened = cipher.open(datagram);
        ByteBuf body = Unpooled.wrappedBuffer(opened.body());
        int headerLength = TYPE_AND_TIME + (client ? Sip022PacketCipher.ID_SIZE : 0) + 2;
        if (body.readableBytes() < headerLength) {
            throw malformed("body ends inside the main header");
        }
        int type = body.readUnsignedByte();
        int expected = client ? TYPE_SERVER_PACKET : TYPE_CLIENT_PACKET;
        if (type != expected) {
            throw new Sip022PacketException(Sip022PacketException.Reason.WRONG_TYPE, "packet of type " + type + ", not " + expected);
        }
        long timestamp = body.readLong();
        if (!Sip022Stream.timely(timestamp, epochSeconds.getAsLong())) {
            throw new Sip022PacketException(Sip022PacketException.Reason.UNTIMELY, Sip022Stream.untimely(timestamp));
        }
        long clientSessionId = client ? body.readLong() : opened.sessionId();
        int padding = body.readUnsignedShort();
        if (padding > body.readableBytes()) {
            throw malformed("padding of " + padding + " bytes runs past the end of the packet");
        }
        body.skipBytes(padding);
        ShadowAddress.Parsed parsed = ShadowAddress.read(body);
        if (parsed instanceof ShadowAddress.Invalid invalid) {
            throw malformed(invalid.reason());
        }
        if (!(parsed instanceof ShadowAddress.Complete address)) {
            throw malformed("body ends inside the address");
        }
        body.skipBytes(address.length());
        byte[] payload = new byte[body.readableBytes()];
        body.readBytes(payload);
        if (!windows.of(opened.sessionId()).accept(opened.packetId())) {
            throw new Sip022PacketException(Sip022PacketException.Reason.REPLAYED, "packet id "
                    + Long.toUnsignedString(opened.packetId()) + " seen before in its session, or too old: a replay");
        }
        return new Sip022Packet(opened.sessionId(), opened.packetId(), clientSessionId, address.address(), payload);
    }

    private static Sip022PacketException malformed(String reason) {
        return new Sip022PacketException(Sip022PacketException.Reason.MALFORMED, reason);
    }
}

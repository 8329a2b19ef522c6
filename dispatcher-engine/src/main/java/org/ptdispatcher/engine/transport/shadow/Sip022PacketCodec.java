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
 * <p>Keeping sessions is the caller's ({@link Sip022ClientSessions}, {@link Sip022ServerSessions}):
 * through {@link Sessions} it lends the codec each known session's key, so that no packet of it
 * derives one again, and its window, and says whether the client session a server's packet names
 * is one of its own. Not thread-safe: one event loop's.
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

    /** What reading a packet asks of the caller's session table. */
    public interface Sessions {
        /**
         * The key kept for the sender's session {@code sessionId}, or null if the table does not
         * know it: the codec derives one, which {@link #window} is handed if the packet passes.
         * Called before the packet has authenticated, so it must not change the table.
         */
        Sip022SessionKey known(long sessionId);

        /**
         * The replay window of {@code key}'s session, found or made, once its packet has
         * authenticated, is timely and parses; or null to refuse the packet, as a client does a
         * server's packet for a client session that is not one of its own.
         *
         * @throws Sip022PacketException to refuse the packet for a reason of the table's own
         */
        PacketWindow window(Sip022SessionKey key, long clientSessionId) throws Sip022PacketException;
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

    boolean isClient() {
        return client;
    }

    /** Session {@code sessionId}'s key, for the session table to keep and pass to {@link #encode(Sip022Packet, Sip022SessionKey)}. */
    public Sip022SessionKey key(long sessionId) {
        return cipher.key(sessionId);
    }

    /** As {@link #encode(Sip022Packet, Sip022SessionKey)}, deriving the session's key for this packet alone. */
    public byte[] encode(Sip022Packet packet) {
        return encode(packet, cipher.key(packet.sessionId()));
    }

    /**
     * The datagram for {@code packet}, sealed with its session's {@code key}, with this side's
     * type and our clock's timestamp. The caller counts packet ids up: under AES they make the
     * body's nonce, which must not repeat.
     */
    public byte[] encode(Sip022Packet packet, Sip022SessionKey key) {
        if (key.sessionId() != packet.sessionId()) {
            throw new IllegalArgumentException("the key of session " + Long.toHexString(key.sessionId())
                    + " for a packet of session " + Long.toHexString(packet.sessionId()));
        }
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
        return cipher.seal(key, packet.packetId(), plain);
    }

    /**
     * The packet a datagram from the other side carries, once it has passed every check and its
     * packet id has been taken by its session's window.
     *
     * @throws Sip022PacketException saying which check it failed; nothing else, whatever the bytes
     */
    public Sip022Packet decode(byte[] datagram, Windows windows) throws Sip022PacketException {
        return decode(datagram, new Sessions() {
            @Override
            public Sip022SessionKey known(long sessionId) {
                return null;
            }

            @Override
            public PacketWindow window(Sip022SessionKey key, long clientSessionId) {
                return windows.of(key.sessionId());
            }
        });
    }

    /**
     * The packet a datagram from the other side carries, once it has passed every check, the
     * caller's table has owned its session and the session's window has taken its packet id.
     *
     * @throws Sip022PacketException saying which check it failed; nothing else, whatever the bytes
     */
    public Sip022Packet decode(byte[] datagram, Sessions sessions) throws Sip022PacketException {
        Sip022PacketCipher.Opened opened = cipher.open(datagram, sessions::known);
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
        PacketWindow window = sessions.window(opened.key(), clientSessionId);
        if (window == null) {
            throw new Sip022PacketException(Sip022PacketException.Reason.UNKNOWN_SESSION, "packet for client session "
                    + Long.toHexString(clientSessionId) + ", not one of ours");
        }
        if (!window.accept(opened.packetId())) {
            throw new Sip022PacketException(Sip022PacketException.Reason.REPLAYED, "packet id "
                    + Long.toUnsignedString(opened.packetId()) + " seen before in its session, or too old: a replay");
        }
        return new Sip022Packet(opened.sessionId(), opened.packetId(), clientSessionId, address.address(), payload);
    }

    private static Sip022PacketException malformed(String reason) {
        return new Sip022PacketException(Sip022PacketException.Reason.MALFORMED, reason);
    }
}

package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.ptdispatcher.engine.common.ProxyMode;

import java.util.Optional;

/**
 * How datagrams travel inside a transport's byte stream (spec 1.5.4): with a 2-byte big-endian
 * length in front (transparent-UDP), or as STUN messages, which carry their own length (STUN).
 * Both ends must use the same framing, which is why it follows from {@code -mode}.
 */
public enum DatagramFraming {
    LENGTH_PREFIXED {
        @Override
        public Optional<String> rejectDatagram(ByteBuf datagram) {
            return datagram.readableBytes() > MAX_DATAGRAM
                    ? Optional.of("a datagram of " + datagram.readableBytes() + " bytes is larger than UDP allows")
                    : Optional.empty();
        }

        @Override
        public ByteBuf encode(ByteBufAllocator allocator, ByteBuf datagram) {
            int length = datagram.readableBytes();
            ByteBuf framed = allocator.buffer(2 + length);
            framed.writeShort(length).writeBytes(datagram);
            datagram.release();
            return framed;
        }

        @Override
        public ByteToMessageDecoder newDecoder() {
            return new LengthPrefixedFrameDecoder();
        }
    },

    STUN {
        @Override
        public Optional<String> rejectDatagram(ByteBuf datagram) {
            return StunHeader.problem(datagram, datagram.readerIndex(), datagram.readableBytes(), true);
        }

        @Override
        public ByteBuf encode(ByteBufAllocator allocator, ByteBuf datagram) {
            return datagram; // a STUN message delimits itself
        }

        @Override
        public ByteToMessageDecoder newDecoder() {
            return new StunFrameDecoder();
        }
    };

    /** The largest UDP payload over IPv4 (65535 - 8-byte UDP header - 20-byte IP header). */
    public static final int MAX_DATAGRAM = 65507;

    /** Why a datagram from an application cannot be carried in this framing, if it cannot. */
    public abstract Optional<String> rejectDatagram(ByteBuf datagram);

    /** The datagram in its stream form; takes ownership of {@code datagram}. */
    public abstract ByteBuf encode(ByteBufAllocator allocator, ByteBuf datagram);

    /** A decoder that turns the stream back into one {@code ByteBuf} per datagram. */
    public abstract ByteToMessageDecoder newDecoder();

    public static DatagramFraming forMode(ProxyMode mode) {
        switch (mode) {
            case TRANSPARENT_UDP:
                return LENGTH_PREFIXED;
            case STUN:
                return STUN;
            default:
                throw new IllegalArgumentException(mode.wireName() + " does not carry datagrams");
        }
    }
}

package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;

import java.util.Optional;

/**
 * The 20-byte STUN message header (RFC 5389 section 6): two zero bits and a 14-bit type, a
 * 16-bit body length (a multiple of 4), the magic cookie 0x2112A442, a 96-bit transaction id.
 */
final class StunHeader {
    static final int LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112A442;

    private StunHeader() {
    }

    /** The whole message's length, header included, read from a header at {@code index}. */
    static int messageLength(ByteBuf buf, int index) {
        return LENGTH + buf.getUnsignedShort(index + 2);
    }

    /**
     * What is wrong with the STUN message at {@code index}, if anything.
     *
     * @param available how many bytes there are from {@code index}
     * @param whole     true when the bytes must be exactly one message (a datagram); false for a stream
     */
    static Optional<String> problem(ByteBuf buf, int index, int available, boolean whole) {
        if (available < LENGTH) {
            return Optional.of("a STUN message needs a 20-byte header, but there are " + available + " bytes");
        }
        if ((buf.getUnsignedByte(index) & 0xc0) != 0) {
            return Optional.of("the first two bits of a STUN message must be zero");
        }
        if (buf.getInt(index + 4) != MAGIC_COOKIE) {
            return Optional.of(String.format("the STUN magic cookie is 0x%08x, not 0x2112a442", buf.getInt(index + 4)));
        }
        int bodyLength = buf.getUnsignedShort(index + 2);
        if (bodyLength % 4 != 0) {
            return Optional.of("a STUN body length of " + bodyLength + " is not a multiple of 4");
        }
        if (LENGTH + bodyLength > DatagramFraming.MAX_DATAGRAM) {
            return Optional.of("a STUN message of " + (LENGTH + bodyLength) + " bytes is larger than UDP allows");
        }
        if (whole && LENGTH + bodyLength != available) {
            return Optional.of("the STUN header says " + (LENGTH + bodyLength) + " bytes, but the datagram has " + available);
        }
        return Optional.empty();
    }
}

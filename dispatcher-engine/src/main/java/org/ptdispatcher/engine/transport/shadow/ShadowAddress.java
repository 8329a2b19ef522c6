package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;
import org.ptdispatcher.engine.common.HostPort;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The address at the start of every Shadowsocks stream, in SOCKS 5 form (RFC 1928 section 5):
 * {@code ATYP} 1 with a 4-byte IPv4 address, 3 with a 1-byte length and a host name, or 4 with a
 * 16-byte IPv6 address; then the port, 2 bytes big-endian.
 */
final class ShadowAddress {
    static final int IPV4 = 0x01;
    static final int DOMAIN = 0x03;
    static final int IPV6 = 0x04;
    /** The longest header: a 255-byte name. */
    static final int MAX_LENGTH = 1 + 1 + 255 + 2;

    private ShadowAddress() {
    }

    /** Writes {@code address} in header form to {@code out}. */
    static void write(HostPort address, ByteBuf out) {
        byte[] ip = address.isIpLiteral() ? NetUtil.createByteArrayFromIpAddressString(address.host()) : null;
        if (ip != null && ip.length == 4) {
            out.writeByte(IPV4).writeBytes(ip);
        } else if (ip != null) {
            out.writeByte(IPV6).writeBytes(ip);
        } else {
            byte[] name = address.host().getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new IllegalArgumentException("host name longer than 255 bytes");
            }
            out.writeByte(DOMAIN).writeByte(name.length).writeBytes(name);
        }
        out.writeShort(address.port());
    }

    /** The outcome of reading a header from the start of a buffer. */
    sealed interface Parsed permits Complete, NeedMore, Invalid {
    }

    /** A whole header of {@code length} bytes naming {@code address}. */
    record Complete(HostPort address, int length) implements Parsed {
    }

    /** Not enough bytes yet. */
    record NeedMore() implements Parsed {
    }

    /** Not a header: {@code reason} says why. */
    record Invalid(String reason) implements Parsed {
    }

    /** Reads a header from {@code in} at its reader index, without moving it. */
    static Parsed read(ByteBuf in) {
        int at = in.readerIndex();
        int available = in.readableBytes();
        if (available < 1) {
            return new NeedMore();
        }
        int type = in.getUnsignedByte(at);
        String host;
        int length;
        switch (type) {
            case IPV4 -> {
                length = 1 + 4 + 2;
                if (available < length) {
                    return new NeedMore();
                }
                byte[] ip = new byte[4];
                in.getBytes(at + 1, ip);
                host = NetUtil.bytesToIpAddress(ip);
            }
            case IPV6 -> {
                length = 1 + 16 + 2;
                if (available < length) {
                    return new NeedMore();
                }
                byte[] ip = new byte[16];
                in.getBytes(at + 1, ip);
                host = NetUtil.bytesToIpAddress(ip);
            }
            case DOMAIN -> {
                if (available < 2) {
                    return new NeedMore();
                }
                int nameLength = in.getUnsignedByte(at + 1);
                if (nameLength == 0) {
                    return new Invalid("empty host name in the address header");
                }
                length = 1 + 1 + nameLength + 2;
                if (available < length) {
                    return new NeedMore();
                }
                host = in.toString(at + 2, nameLength, StandardCharsets.ISO_8859_1);
                try {
                    host = HostPort.parseDestinationHost(host);
                } catch (IllegalArgumentException e) {
                    return new Invalid("the address header's host is not a host name");
                }
            }
            default -> {
                return new Invalid("unknown address type 0x" + Integer.toHexString(type) + " in the address header");
            }
        }
        int port = in.getUnsignedShort(at + length - 2);
        if (port == 0) {
            return new Invalid("port 0 in the address header");
        }
        return new Complete(new HostPort(host, port), length);
    }

    /** Convenience for tests: the address of a whole header, if it is one. */
    static Optional<HostPort> parse(ByteBuf in) {
        return read(in) instanceof Complete c ? Optional.of(c.address()) : Optional.empty();
    }
}

package org.ptdispatcher.engine.socks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.ptdispatcher.engine.net.ConnectFailure;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * SOCKS 5 reply codes (RFC 1928 section 6) and the per-connection-settings codes of spec
 * section 1.4, with the reply message itself.
 */
public enum SocksReply {
    SUCCEEDED(0x00),
    GENERAL_FAILURE(0x01),
    NOT_ALLOWED(0x02),
    NETWORK_UNREACHABLE(0x03),
    HOST_UNREACHABLE(0x04),
    CONNECTION_REFUSED(0x05),
    TTL_EXPIRED(0x06),
    COMMAND_NOT_SUPPORTED(0x07),
    ADDRESS_TYPE_NOT_SUPPORTED(0x08),
    /** 0x10: the JSON parameter block is larger than this dispatcher accepts. */
    SETTINGS_TOO_LARGE(0x10),
    /** 0x11: the JSON parameter block did not arrive in time. */
    SETTINGS_TIMEOUT(0x11),
    /** 0x12: the JSON parameter block is not a JSON object. */
    SETTINGS_MALFORMED(0x12),
    /** 0x13: the settings are not what the transport needs. */
    SETTINGS_INVALID(0x13);

    private final int code;

    SocksReply(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reply for an outgoing connection that could not be made. */
    public static SocksReply forFailure(ConnectFailure failure) {
        switch (failure) {
            case NETWORK_UNREACHABLE:
                return NETWORK_UNREACHABLE;
            case HOST_UNREACHABLE:
                return HOST_UNREACHABLE;
            case REFUSED:
                return CONNECTION_REFUSED;
            case TIMED_OUT:
                return TTL_EXPIRED;
            default:
                return GENERAL_FAILURE;
        }
    }

    /** Writes this reply; BND.ADDR is {@code bound} when it is an IP address, else 0.0.0.0:0. */
    public void write(Channel channel, SocketAddress bound) {
        channel.writeAndFlush(encode(channel, bound));
    }

    /** Writes this reply, then closes the connection. */
    public void writeAndClose(Channel channel) {
        channel.writeAndFlush(encode(channel, null)).addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBuf encode(Channel channel, SocketAddress bound) {
        ByteBuf out = channel.alloc().buffer(22);
        out.writeByte(0x05).writeByte(code).writeByte(0x00);
        if (bound instanceof InetSocketAddress inet && inet.getAddress() != null) {
            out.writeByte(inet.getAddress() instanceof Inet6Address ? 0x04 : 0x01);
            out.writeBytes(inet.getAddress().getAddress());
            out.writeShort(inet.getPort());
        } else {
            out.writeByte(0x01).writeInt(0).writeShort(0);
        }
        return out;
    }
}

package org.ptdispatcher.engine.socks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.options.JsonOptions;
import org.ptdispatcher.engine.options.OptionsSyntaxException;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server side of a SOCKS 5 handshake (RFC 1928) as the dispatcher speaks it: methods 0x00
 * (no authentication), 0x02 (RFC 1929 user/password, carrying Tor's {@code k=v;k=v} args) and
 * 0x09 (spec section 1.4: a 4-byte big-endian length and a JSON object), then CONNECT. Each
 * failure gets the reply the RFC or the spec defines before the connection closes. When the
 * request is complete this handler stops reading, removes itself (bytes the application sent
 * behind its request pass on down the pipeline) and hands the request to its {@link Listener}.
 */
public final class Socks5ServerHandshake extends ByteToMessageDecoder {
    private static final System.Logger LOG = EngineLog.logger(Socks5ServerHandshake.class);

    /** The largest 0x09 parameter block accepted; larger ones get reply 0x10. */
    public static final int MAX_PARAMETER_BLOCK = 64 * 1024;

    private static final int VERSION = 0x05;
    private static final int METHOD_NONE = 0x00;
    private static final int METHOD_USER_PASSWORD = 0x02;
    private static final int METHOD_JSON_BLOCK = 0x09;
    private static final int NO_ACCEPTABLE_METHOD = 0xff;
    private static final int CMD_CONNECT = 0x01;
    private static final int ATYP_IPV4 = 0x01;
    private static final int ATYP_DOMAIN = 0x03;
    private static final int ATYP_IPV6 = 0x04;

    /** What the mode provides: a check of per-connection args, and what to do with the request. */
    public interface Listener {
        /** Throws if the transport cannot work with these args. */
        void checkArgs(TransportOptions args) throws InvalidTransportOptionsException;

        /** The handshake is complete; the channel has stopped reading and awaits a reply. */
        void connect(ChannelHandlerContext ctx, SocksConnectRequest request);
    }

    private enum State { GREETING, USER_PASSWORD, BLOCK_LENGTH, BLOCK_BODY, REQUEST, DONE }

    private final Listener listener;
    private final Duration timeout;
    private State state = State.GREETING;
    private int blockLength;
    private TransportOptions args = TransportOptions.empty();
    private ScheduledFuture<?> timer;

    /**
     * @param timeout the whole handshake must be done within this ({@link SocksHandshakeTimeout}); a
     *                slow 0x09 block gets reply 0x11, any other slow handshake is closed
     */
    public Socks5ServerHandshake(Listener listener, Duration timeout) {
        this.listener = listener;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> timedOut(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case GREETING -> readGreeting(ctx, in);
            case USER_PASSWORD -> readUserPassword(ctx, in);
            case BLOCK_LENGTH -> readBlockLength(ctx, in);
            case BLOCK_BODY -> readBlockBody(ctx, in);
            case REQUEST -> readRequest(ctx, in);
            case DONE -> in.skipBytes(in.readableBytes()); // a refused client's further bytes, until the close
        }
    }

    private void readGreeting(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 2) {
            return;
        }
        int start = in.readerIndex();
        if (in.getUnsignedByte(start) != VERSION) {
            // Not SOCKS 5: RFC 1928 defines no reply for this.
            abandon(ctx, in, "not a SOCKS 5 greeting (version byte " + in.getUnsignedByte(start) + ")");
            return;
        }
        int count = in.getUnsignedByte(start + 1);
        if (in.readableBytes() < 2 + count) {
            return;
        }
        boolean none = false;
        boolean userPassword = false;
        boolean jsonBlock = false;
        for (int i = 0; i < count; i++) {
            int method = in.getUnsignedByte(start + 2 + i);
            none |= method == METHOD_NONE;
            userPassword |= method == METHOD_USER_PASSWORD;
            jsonBlock |= method == METHOD_JSON_BLOCK;
        }
        in.skipBytes(2 + count);
        // A client that offers a way to send args has args to send: prefer it.
        int chosen = jsonBlock ? METHOD_JSON_BLOCK : userPassword ? METHOD_USER_PASSWORD : none ? METHOD_NONE : NO_ACCEPTABLE_METHOD;
        ctx.writeAndFlush(ctx.alloc().buffer(2).writeByte(VERSION).writeByte(chosen));
        switch (chosen) {
            case METHOD_JSON_BLOCK -> state = State.BLOCK_LENGTH;
            case METHOD_USER_PASSWORD -> state = State.USER_PASSWORD;
            case METHOD_NONE -> state = State.REQUEST;
            default -> {
                finish();
                in.skipBytes(in.readableBytes());
                ctx.channel().close();
            }
        }
    }

    private void readUserPassword(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return;
        }
        if (in.getUnsignedByte(start) != 0x01) {
            rejectUserPassword(ctx, in, "RFC 1929 sub-negotiation version " + in.getUnsignedByte(start) + " is not 1");
            return;
        }
        int userLength = in.getUnsignedByte(start + 1);
        if (in.readableBytes() < 2 + userLength + 1) {
            return;
        }
        int passwordLength = in.getUnsignedByte(start + 2 + userLength);
        if (in.readableBytes() < 3 + userLength + passwordLength) {
            return;
        }
        String user = in.toString(start + 2, userLength, StandardCharsets.UTF_8);
        String password = in.toString(start + 3 + userLength, passwordLength, StandardCharsets.UTF_8);
        in.skipBytes(3 + userLength + passwordLength);
        // pt-spec 3.5: args longer than 255 bytes continue into the password; a password that is
        // a single NUL only fills a field RFC 1929 requires.
        String joined = password.equals("\0") ? user : user + password;
        try {
            args = TorArgs.parseConnectionArgs(joined);
            listener.checkArgs(args);
        } catch (OptionsSyntaxException | InvalidTransportOptionsException e) {
            rejectUserPassword(ctx, in, "per-connection args rejected: " + e.getMessage());
            return;
        }
        ctx.writeAndFlush(ctx.alloc().buffer(2).writeByte(0x01).writeByte(0x00));
        state = State.REQUEST;
    }

    private void readBlockLength(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 4) {
            return;
        }
        long length = in.readUnsignedInt();
        if (length > MAX_PARAMETER_BLOCK) {
            failRequest(ctx, in, SocksReply.SETTINGS_TOO_LARGE, "parameter block of " + length + " bytes is over the limit of " + MAX_PARAMETER_BLOCK);
            return;
        }
        blockLength = (int) length;
        state = State.BLOCK_BODY;
    }

    private void readBlockBody(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < blockLength) {
            return;
        }
        String json = in.toString(in.readerIndex(), blockLength, StandardCharsets.UTF_8);
        in.skipBytes(blockLength);
        try {
            args = TransportOptions.fromJson(JsonOptions.parseObject(json));
        } catch (OptionsSyntaxException e) {
            failRequest(ctx, in, SocksReply.SETTINGS_MALFORMED, "parameter block " + e.getMessage());
            return;
        }
        try {
            listener.checkArgs(args);
        } catch (InvalidTransportOptionsException e) {
            failRequest(ctx, in, SocksReply.SETTINGS_INVALID, "parameter block rejected: " + e.getMessage());
            return;
        }
        state = State.REQUEST;
    }

    private void readRequest(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 5) {
            return;
        }
        if (in.getUnsignedByte(start) != VERSION) {
            failRequest(ctx, in, SocksReply.GENERAL_FAILURE, "request version byte " + in.getUnsignedByte(start) + " is not 5");
            return;
        }
        int command = in.getUnsignedByte(start + 1);
        int addressType = in.getUnsignedByte(start + 3);
        int addressLength;
        switch (addressType) {
            case ATYP_IPV4 -> addressLength = 4;
            case ATYP_IPV6 -> addressLength = 16;
            case ATYP_DOMAIN -> addressLength = 1 + in.getUnsignedByte(start + 4);
            default -> {
                failRequest(ctx, in, SocksReply.ADDRESS_TYPE_NOT_SUPPORTED, "address type " + addressType + " is not supported");
                return;
            }
        }
        if (command != CMD_CONNECT) {
            failRequest(ctx, in, SocksReply.COMMAND_NOT_SUPPORTED, "command " + command + " is not supported (only CONNECT)");
            return;
        }
        if (in.readableBytes() < 4 + addressLength + 2) {
            return;
        }
        String host;
        if (addressType == ATYP_DOMAIN) {
            host = in.toString(start + 5, addressLength - 1, StandardCharsets.US_ASCII);
        } else {
            byte[] raw = new byte[addressLength];
            in.getBytes(start + 4, raw);
            host = NetUtil.bytesToIpAddress(raw);
        }
        int port = in.getUnsignedShort(start + 4 + addressLength);
        in.skipBytes(4 + addressLength + 2);
        HostPort destination;
        try {
            destination = addressType == ATYP_DOMAIN ? HostPort.parseDestination(hostPort(host, port)) : new HostPort(host, port);
        } catch (IllegalArgumentException e) {
            failRequest(ctx, in, SocksReply.HOST_UNREACHABLE, "destination: " + e.getMessage());
            return;
        }
        finish();
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().remove(this);
        listener.connect(ctx, new SocksConnectRequest(destination, args));
    }

    private static String hostPort(String host, int port) {
        return (NetUtil.isValidIpV6Address(host) ? "[" + host + "]" : host) + ":" + port;
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (state == State.DONE) {
            return;
        }
        boolean readingBlock = state == State.BLOCK_LENGTH || state == State.BLOCK_BODY;
        finish();
        LOG.log(System.Logger.Level.DEBUG, "SOCKS handshake from " + ctx.channel().remoteAddress() + " timed out");
        if (readingBlock) {
            SocksReply.SETTINGS_TIMEOUT.writeAndClose(ctx.channel());
        } else {
            ctx.close();
        }
    }

    private void failRequest(ChannelHandlerContext ctx, ByteBuf in, SocksReply reply, String why) {
        LOG.log(System.Logger.Level.DEBUG, "SOCKS request from " + ctx.channel().remoteAddress() + " refused (" + reply + "): " + why);
        finish();
        in.skipBytes(in.readableBytes());
        reply.writeAndClose(ctx.channel());
    }

    private void rejectUserPassword(ChannelHandlerContext ctx, ByteBuf in, String why) {
        LOG.log(System.Logger.Level.DEBUG, "SOCKS authentication from " + ctx.channel().remoteAddress() + " failed: " + why);
        finish();
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(ctx.alloc().buffer(2).writeByte(0x01).writeByte(0x01)).addListener(ChannelFutureListener.CLOSE);
    }

    private void abandon(ChannelHandlerContext ctx, ByteBuf in, String why) {
        LOG.log(System.Logger.Level.DEBUG, "SOCKS connection from " + ctx.channel().remoteAddress() + " dropped: " + why);
        finish();
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private void finish() {
        state = State.DONE;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

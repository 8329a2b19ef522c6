package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

import java.util.regex.Pattern;

/**
 * Netty's response decoder, but a {@code 101} never has a body (RFC 9110 section 15.2: no 1xx
 * response has content). Netty takes a 101 with {@code Upgrade: websocket} and no
 * {@code Sec-WebSocket-Accept}, which is exactly webtunnel's answer, for the old Hixie-76
 * WebSocket handshake, and would read the tunnel's bytes after it as that handshake's body.
 * After the 101 the decoder passes any bytes on as they are.
 *
 * <p>The status line must also read as Go's {@code http.ReadResponse} (the reference client's)
 * reads it: the version up to the first space, exactly {@code HTTP/} and one digit, a dot and one
 * digit, then a status code of exactly three characters. Netty is more lenient: it skips control
 * characters before the line, splits on any whitespace, takes any {@code NAME/x.y} in any case,
 * keeping only the upper-cased name, and reads {@code 0101} as 101; so this decoder watches the
 * raw bytes of the first line as they pass.
 */
final class UpgradeResponseDecoder extends HttpResponseDecoder {
    /** Go cuts the status code at the next space after the version's spaces and refuses one that is not three characters. */
    private static final Pattern GO_STATUS_LINE_START = Pattern.compile("HTTP/[0-9]\\.[0-9] +[^ ]{3}(?: .*)?");
    /** Netty's own limit for the initial line; past it the line is refused anyway. */
    private static final int LONGEST_LINE_KEPT = 4096;

    private final StringBuilder statusLine = new StringBuilder();
    private boolean statusLineEnded;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!statusLineEnded && msg instanceof ByteBuf bytes) {
            watchStatusLine(bytes);
            if (statusLineEnded && !GO_STATUS_LINE_START.matcher(statusLine).matches()) {
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(new WebTunnelException("the server's answer is not HTTP (" + printable(statusLine) + ")"));
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    private void watchStatusLine(ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex() && !statusLineEnded; i++) {
            char c = (char) (bytes.getByte(i) & 0xff);
            if (c == '\n') {
                statusLineEnded = true;
                if (!statusLine.isEmpty() && statusLine.charAt(statusLine.length() - 1) == '\r') {
                    statusLine.setLength(statusLine.length() - 1);
                }
            } else if (statusLine.length() < LONGEST_LINE_KEPT) {
                statusLine.append(c);
            }
        }
    }

    private static String printable(CharSequence line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)));
        return out.toString();
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (msg instanceof HttpResponse response && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }
}

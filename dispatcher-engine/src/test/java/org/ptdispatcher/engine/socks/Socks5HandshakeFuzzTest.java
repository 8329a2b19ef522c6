package org.ptdispatcher.engine.socks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SOCKS 5 server handshake (RFC 1928, RFC 1929 with Tor's k=v args, the 0x09 JSON block) on
 * any client bytes. The first input byte says how the rest is cut into reads (1 to 64 bytes
 * each, or all at once for 0), so the fuzzer explores the split points too. Whatever comes: no
 * exception escapes the pipeline, at most one request is handed on, and everything written back
 * is a SOCKS 5 reply (version byte 5, or 1 for an RFC 1929 status).
 */
class Socks5HandshakeFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void handshake(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<SocksConnectRequest> requests = new ArrayList<>();
        Socks5ServerHandshake.Listener listener = new Socks5ServerHandshake.Listener() {
            @Override
            public void checkArgs(TransportOptions args) throws InvalidTransportOptionsException {
                if (args.contains("reject")) {
                    throw new InvalidTransportOptionsException("rejected");
                }
            }

            @Override
            public void connect(ChannelHandlerContext ctx, SocksConnectRequest request) {
                requests.add(request);
            }
        };
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new Socks5ServerHandshake(listener, Duration.ofSeconds(10)));
        try {
            int chunk = input[0] & 0x3f;
            byte[] stream = Arrays.copyOfRange(input, 1, input.length);
            for (int at = 0; at < stream.length && channel.isOpen(); at += chunk == 0 ? stream.length : chunk) {
                int end = chunk == 0 ? stream.length : Math.min(stream.length, at + chunk);
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, end)));
            }
            channel.advanceTimeBy(Duration.ofSeconds(11).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            channel.runPendingTasks();
            channel.checkException();
            assertTrue(requests.size() <= 1, "more than one request from one connection");
            for (ByteBuf reply = channel.readOutbound(); reply != null; reply = channel.readOutbound()) {
                try {
                    int version = reply.getUnsignedByte(reply.readerIndex());
                    assertTrue(version == 5 || version == 1, "a reply starting with " + version);
                } finally {
                    reply.release();
                }
            }
            if (!requests.isEmpty()) {
                assertEquals(1, requests.size());
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

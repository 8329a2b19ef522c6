package org.ptdispatcher.engine.httpproxy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP proxy handshake (the head reader and {@link HttpProxyHead}) on any client bytes, cut
 * into reads as the first input byte says (1 to 63 bytes each, or all at once for 0). Whatever
 * comes: no exception escapes the pipeline, at most one request is handed on, a forwarded head
 * ends with its empty line, and everything written back is one HTTP/1.1 status line and headers.
 */
class HttpProxyHandshakeFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void handshake(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<HttpProxyRequest> requests = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new HttpProxyHandshake((ctx, request) -> requests.add(request), Duration.ofSeconds(10)));
        try {
            int chunk = input[0] & 0x3f;
            byte[] stream = Arrays.copyOfRange(input, 1, input.length);
            for (int at = 0; at < stream.length && channel.isOpen() && requests.isEmpty(); at += chunk == 0 ? stream.length : chunk) {
                int end = chunk == 0 ? stream.length : Math.min(stream.length, at + chunk);
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, end)));
            }
            channel.advanceTimeBy(Duration.ofSeconds(11).toNanos(), TimeUnit.NANOSECONDS);
            channel.runPendingTasks();
            channel.checkException();
            assertTrue(requests.size() <= 1, "more than one request from one connection");
            for (HttpProxyRequest request : requests) {
                String head = new String(request.forwardedHead(), StandardCharsets.ISO_8859_1);
                assertTrue(request.isTunnel() || head.endsWith("\r\nConnection: close\r\n\r\n"), "a forwarded head: " + head);
            }
            for (ByteBuf reply = channel.readOutbound(); reply != null; reply = channel.readOutbound()) {
                try {
                    String text = reply.toString(StandardCharsets.ISO_8859_1);
                    assertTrue(text.matches("HTTP/1\\.1 [1-5][0-9][0-9] [^\r\n]+\r\n([^\r\n]+\r\n)*\r\n"), "a reply: " + text);
                } finally {
                    reply.release();
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

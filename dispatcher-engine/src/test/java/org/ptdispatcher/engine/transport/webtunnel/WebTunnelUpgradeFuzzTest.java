package org.ptdispatcher.engine.transport.webtunnel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.engine.fuzz.EmbeddedStream.feed;

/**
 * WebTunnel's HTTP upgrade, both parsers on any bytes, cut into reads as the first input byte says.
 * <ul>
 *   <li>{@code serverRequest}: what a client or a prober sends to the server: no exception reaches
 *   the end of the pipeline; the server upgrades only after answering the reference's 101 (any
 *   decoy pages before it), and passes on exactly the bytes that followed the request.</li>
 *   <li>{@code clientResponse}: what the server sends back to the client's upgrade request: no
 *   exception escapes; the client takes the tunnel only on a 101, and passes on exactly the bytes
 *   that followed it.</li>
 * </ul>
 */
class WebTunnelUpgradeFuzzTest {
    private static final String PATH = "/s3cretPath";

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void serverRequest(byte[] input) throws InvalidTransportOptionsException {
        if (input.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Optional<HostPort>> done = channel.eventLoop().newPromise();
        new WebTunnelServer(TransportOptions.of(Map.of("url", "https://bridge.example" + PATH))).install(channel, done);
        try {
            byte[] stream = Arrays.copyOfRange(input, 1, input.length);
            feed(channel, stream, read(input[0]));
            channel.checkException();
            String written = new String(drainOutbound(channel), StandardCharsets.ISO_8859_1);
            if (done.isSuccess()) {
                assertTrue(written.endsWith(HttpUpgradeClientTest.REFERENCE_101), "upgraded without the 101: " + written);
                assertTrue(endsWith(stream, drainInbound(channel)), "passed on bytes that were not the tunnel's");
            } else {
                assertTrue(!written.contains(" 101 "), "answered 101 and did not upgrade");
                assertArrayEquals(new byte[0], drainInbound(channel), "passed bytes on without an upgrade");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void clientResponse(byte[] input) {
        if (input.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Void> done = channel.eventLoop().newPromise();
        HttpRequestEncoder encoder = new HttpRequestEncoder();
        UpgradeResponseDecoder decoder = new UpgradeResponseDecoder();
        channel.pipeline().addLast(encoder, decoder, new HttpUpgradeClientHandler(PATH, "bridge.example", encoder, decoder, done));
        try {
            drainOutbound(channel);
            byte[] stream = Arrays.copyOfRange(input, 1, input.length);
            feed(channel, stream, read(input[0]));
            channel.checkException();
            byte[] passed = drainInbound(channel);
            if (done.isSuccess()) {
                String head = new String(stream, 0, Math.min(stream.length, 64), StandardCharsets.ISO_8859_1);
                // As Go's http.ReadResponse (the reference client's) takes it: HTTP/x.y with one digit
                // each, case and all, up to the first space; spaces before the status code.
                assertTrue(head.matches("(?s)HTTP/[0-9]\\.[0-9] +101.*"), "took the tunnel on " + head);
                assertTrue(endsWith(stream, passed), "passed on bytes that were not the tunnel's");
            } else {
                assertArrayEquals(new byte[0], passed, "passed bytes on without an upgrade");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static int read(byte choice) {
        return 1 + (choice & 0xff) * 3;
    }

    private static byte[] drainInbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object m; (m = channel.readInbound()) != null; ) {
            if (m instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                out.writeBytes(bytes);
                b.release();
            } else {
                throw new AssertionError("passed on something other than bytes: " + m);
            }
        }
        return out.toByteArray();
    }

    private static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) m;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.writeBytes(bytes);
            b.release();
        }
        return out.toByteArray();
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        return tail.length <= all.length && Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length);
    }
}

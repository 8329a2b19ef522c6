package org.ptdispatcher.engine.extor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Extended ORPort client on anything tor (or whatever listens there) replies. The first
 * input byte chooses a prefix: 0, none (the fuzzer's bytes from the first); 1, a valid
 * AuthTypes list and a valid ServerHash and ServerNonce (for the cookie, nonces and hash of
 * {@link ExtOrPortHandshakeTest}), so the fuzzer reaches the status byte and the replies to the
 * commands. Whatever comes: no exception escapes, and the handshake ends in OKAY, a failure, or
 * is still waiting; it never both succeeds and stays in the pipeline.
 */
class ExtOrPortReplyFuzzTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CLIENT_NONCE = sequence(0x40);
    private static final byte[] VALID_PREFIX = concat(new byte[] {1, 0},
            HEX.parseHex("9c38de29046f86ada3eb0be2b459ae483e13abfcbf2a6cebf2f2533377f219ac"), sequence(0x80));
    private static final ExtOrPortCookie COOKIE = cookie();

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void replies(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        byte[] stream = (input[0] & 1) == 1 ? concat(VALID_PREFIX, rest) : rest;
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Void> done = channel.eventLoop().newPromise();
        channel.pipeline().addLast("ext-orport", new ExtOrPortHandshake(COOKIE, "192.0.2.1:5678", "obfs4", done, CLIENT_NONCE));
        try {
            int chunk = Math.max(1, (input[0] & 0xff) >> 1);
            for (int at = 0; at < stream.length && channel.isOpen(); at += chunk) {
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk))));
            }
            channel.runPendingTasks();
            channel.checkException();
            if (done.isSuccess()) {
                assertTrue(channel.pipeline().get("ext-orport") == null, "OKAY, and the handshake still reads the traffic");
            }
        } finally {
            for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
                ReferenceCountUtil.release(o);
            }
            channel.finishAndReleaseAll();
        }
    }

    private static byte[] sequence(int first) {
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static ExtOrPortCookie cookie() {
        try {
            Path file = Files.createTempFile("extor-fuzz", ".cookie");
            file.toFile().deleteOnExit();
            Files.write(file, concat("! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII), sequence(0x00)));
            return ExtOrPortCookie.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

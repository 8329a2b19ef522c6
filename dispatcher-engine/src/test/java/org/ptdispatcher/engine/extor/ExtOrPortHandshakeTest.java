package org.ptdispatcher.engine.extor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client side of the Extended ORPort (tor-ext-orport-spec, proposal 217) against the byte
 * sequences of the spec: tor's part is played by the test, with a cookie, a ClientNonce and a
 * ServerNonce fixed so that SAFE_COOKIE's hashes are known answers. Every exchange is also run
 * with tor's bytes split at every byte boundary and one byte per read.
 */
class ExtOrPortHandshakeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** CookieString: 00 01 02 ... 1f. */
    private static final byte[] COOKIE = sequence(0x00);
    /** ClientNonce: 40 41 ... 5f. */
    private static final byte[] CLIENT_NONCE = sequence(0x40);
    /** ServerNonce: 80 81 ... 9f. */
    private static final byte[] SERVER_NONCE = sequence(0x80);
    /**
     * HMAC-SHA256(CookieString, "ExtORPort authentication server-to-client hash" | ClientNonce | ServerNonce)
     * and the client-to-server one, for the values above; computed with Python's hmac module, not with this code.
     */
    private static final byte[] SERVER_HASH = HEX.parseHex("9c38de29046f86ada3eb0be2b459ae483e13abfcbf2a6cebf2f2533377f219ac");
    private static final byte[] CLIENT_HASH = HEX.parseHex("6117db78a30d494ab9ba2e6c9ab5904900cf650fb3dc1dd2297c23f56aa48b2b");

    /** AuthTypes: SAFE_COOKIE (1), then EndAuthTypes (0). */
    private static final byte[] AUTH_TYPES = bytes(1, 0);
    private static final byte[] SERVER_HASH_AND_NONCE = concat(SERVER_HASH, SERVER_NONCE);
    private static final byte[] STATUS_SUCCESS = bytes(1);
    private static final byte[] STATUS_FAILURE = bytes(0);
    /** OKAY: command 0x1000, body length 0. */
    private static final byte[] OKAY = bytes(0x10, 0x00, 0x00, 0x00);
    /** DENY: command 0x1001, body length 0. */
    private static final byte[] DENY = bytes(0x10, 0x01, 0x00, 0x00);
    /** CONTROL (0x1002, "not used") with a body: a command the client must ignore. */
    private static final byte[] CONTROL = bytes(0x10, 0x02, 0x00, 0x03, 'a', 'b', 'c');
    /** The first bytes of tor's OR protocol once the Extended ORPort is done (a VERSIONS cell's start). */
    private static final byte[] OR_TRAFFIC = bytes(0x00, 0x00, 0x07, 0x00, 0x06);

    @TempDir
    Path dir;

    private static byte[] sequence(int first) {
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
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

    /** An Extended ORPort command: COMMAND [2 bytes], BODYLEN [2 bytes], BODY. */
    private static byte[] command(int code, String body) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        return concat(bytes(code >> 8, code & 0xff, b.length >> 8, b.length & 0xff), b);
    }

    private ExtOrPortCookie cookie(byte[] secret) throws IOException {
        Path file = dir.resolve("extended_orport_auth_cookie");
        Files.write(file, concat("! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII), secret));
        return ExtOrPortCookie.read(file);
    }

    /**
     * What the handshake did when tor sent {@code reads}.
     *
     * @param sent     everything the client wrote, in hex
     * @param result   "pending", "OKAY", or the failure's message
     * @param passedOn what passed on down the pipeline after the handshake, in hex
     * @param removed  whether the handshake took itself out of the pipeline
     */
    private record Outcome(String sent, String result, String passedOn, boolean removed) {
    }

    private Outcome run(ExtOrPortCookie cookie, String userAddress, List<byte[]> reads) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Void> done = channel.eventLoop().newPromise();
        channel.pipeline().addLast("ext-orport", new ExtOrPortHandshake(cookie, userAddress, "obfs4", done, CLIENT_NONCE));
        try {
            for (byte[] read : reads) {
                channel.writeInbound(Unpooled.wrappedBuffer(read));
            }
            channel.runPendingTasks();
            String result = !done.isDone() ? "pending" : done.isSuccess() ? "OKAY" : done.cause().getMessage();
            return new Outcome(drain(channel, true), result, drain(channel, false), channel.pipeline().get("ext-orport") == null);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static String drain(EmbeddedChannel channel, boolean outbound) {
        StringBuilder hex = new StringBuilder();
        for (ByteBuf buf = outbound ? channel.readOutbound() : channel.readInbound(); buf != null;
             buf = outbound ? channel.readOutbound() : channel.readInbound()) {
            hex.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return hex.toString();
    }

    /** Runs tor's {@code messages} as they are, split at every byte boundary, and one byte per read: the outcome must not change. */
    private Outcome exchange(String userAddress, byte[]... messages) throws IOException {
        ExtOrPortCookie cookie = cookie(COOKIE);
        List<byte[]> whole = List.of(messages);
        Outcome expected = run(cookie, userAddress, whole);
        for (int m = 0; m < messages.length; m++) {
            for (int cut = 1; cut < messages[m].length; cut++) {
                List<byte[]> reads = new ArrayList<>(whole);
                reads.set(m, Arrays.copyOfRange(messages[m], 0, cut));
                reads.add(m + 1, Arrays.copyOfRange(messages[m], cut, messages[m].length));
                assertEquals(expected, run(cookie, userAddress, reads), "tor's message " + m + " split after byte " + cut);
            }
        }
        List<byte[]> oneByteEach = new ArrayList<>();
        for (byte b : concat(messages)) {
            oneByteEach.add(new byte[] {b});
        }
        assertEquals(expected, run(cookie, userAddress, oneByteEach), "one byte per read");
        return expected;
    }

    private static String hex(byte[]... parts) {
        return HEX.formatHex(concat(parts));
    }

    /** The client's AuthType (SAFE_COOKIE) and ClientNonce. */
    private static final byte[] CHOICE_AND_NONCE = concat(bytes(1), CLIENT_NONCE);

    @Test
    void aSafeCookieExchangeSendsTheKnownClientHashThenUseraddrTransportDoneAndEndsAtOkay() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_SUCCESS, OKAY, OR_TRAFFIC);
        assertEquals(hex(CHOICE_AND_NONCE, CLIENT_HASH,
                command(0x0001, "1.2.3.4:5678"), command(0x0002, "obfs4"), command(0x0000, "")), outcome.sent());
        assertEquals(hex(bytes(0x00, 0x01, 0x00, 0x0c), "1.2.3.4:5678".getBytes(StandardCharsets.US_ASCII)),
                HEX.formatHex(command(0x0001, "1.2.3.4:5678")), "USERADDR as the spec lays it out");
        assertEquals("OKAY", outcome.result());
        assertTrue(outcome.removed(), "the channel carries the client's traffic from here on");
        assertEquals(hex(OR_TRAFFIC), outcome.passedOn(), "what tor sent behind OKAY is the OR protocol's, passed on");
    }

    @Test
    void anIpv6UserAddressIsSentInBrackets() throws IOException {
        Outcome outcome = exchange("[1:2::3:4]:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_SUCCESS, OKAY);
        assertEquals(hex(CHOICE_AND_NONCE, CLIENT_HASH,
                command(0x0001, "[1:2::3:4]:5678"), command(0x0002, "obfs4"), command(0x0000, "")), outcome.sent());
        assertEquals("OKAY", outcome.result());
    }

    @Test
    void safeCookieIsChosenAmongOtherAuthTypes() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", bytes(7, 1, 200, 0), SERVER_HASH_AND_NONCE, STATUS_SUCCESS, OKAY);
        assertTrue(outcome.sent().startsWith(hex(CHOICE_AND_NONCE, CLIENT_HASH)), outcome.sent());
        assertEquals("OKAY", outcome.result());
    }

    @Test
    void withoutSafeCookieTheClientAnswersZeroAndGivesUp() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", bytes(7, 0));
        assertEquals(hex(bytes(0)), outcome.sent(), "AuthType 0: the client did not like the types offered");
        assertEquals("the Extended ORPort does not offer SAFE_COOKIE authentication", outcome.result());
    }

    @Test
    void aServerHashThatDoesNotVerifyEndsTheHandshakeBeforeTheClientHash() throws IOException {
        byte[] wrongHash = SERVER_HASH.clone();
        wrongHash[31] ^= 1;
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, concat(wrongHash, SERVER_NONCE), STATUS_SUCCESS, OKAY);
        assertEquals(hex(CHOICE_AND_NONCE), outcome.sent(), "no ClientHash for a server that does not know the cookie");
        assertEquals("the Extended ORPort's server hash does not verify (is the cookie file the one tor wrote?)", outcome.result());
    }

    @Test
    void aCookieThatIsNotTorsDoesNotVerifyTorsHash() throws IOException {
        byte[] other = COOKIE.clone();
        other[0] ^= 1;
        Outcome outcome = run(cookie(other), "1.2.3.4:5678", List.of(AUTH_TYPES, SERVER_HASH_AND_NONCE));
        assertEquals(hex(CHOICE_AND_NONCE), outcome.sent());
        assertTrue(outcome.result().startsWith("the Extended ORPort's server hash does not verify"), outcome.result());
    }

    @Test
    void statusZeroIsARefusedAuthentication() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_FAILURE);
        assertEquals(hex(CHOICE_AND_NONCE, CLIENT_HASH), outcome.sent(), "no commands after a refusal");
        assertEquals("the Extended ORPort refused our authentication", outcome.result());
    }

    @Test
    void denyFailsTheConnectionNamingTheClient() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_SUCCESS, DENY);
        assertEquals("the Extended ORPort denied the connection from 1.2.3.4:5678", outcome.result());
        assertEquals("", outcome.passedOn());
    }

    @Test
    void repliesTheClientDoesNotKnowAreIgnored() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_SUCCESS, CONTROL, OKAY, OR_TRAFFIC);
        assertEquals("OKAY", outcome.result());
        assertEquals(hex(OR_TRAFFIC), outcome.passedOn());
    }

    @Test
    void beforeTheReplyTheHandshakeWaits() throws IOException {
        Outcome outcome = exchange("1.2.3.4:5678", AUTH_TYPES, SERVER_HASH_AND_NONCE, STATUS_SUCCESS, bytes(0x10, 0x00, 0x00));
        assertEquals("pending", outcome.result(), "three bytes of OKAY are not OKAY");
    }

    @Test
    void torClosingDuringTheHandshakeFailsIt() throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Void> done = channel.eventLoop().newPromise();
        channel.pipeline().addLast(new ExtOrPortHandshake(cookie(COOKIE), "1.2.3.4:5678", "obfs4", done, CLIENT_NONCE));
        channel.writeInbound(Unpooled.wrappedBuffer(AUTH_TYPES));
        channel.close();
        channel.runPendingTasks();
        assertEquals("the Extended ORPort closed the connection during the handshake", done.cause().getMessage());
        channel.finishAndReleaseAll();
    }

    @Test
    void theRandomClientNonceIsFreshForEachConnection() throws IOException {
        ExtOrPortCookie cookie = cookie(COOKIE);
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.pipeline().addLast(new ExtOrPortHandshake(cookie, "1.2.3.4:5678", "obfs4", channel.eventLoop().newPromise()));
            channel.writeInbound(Unpooled.wrappedBuffer(AUTH_TYPES));
            String sent = drain(channel, true);
            assertEquals(2 + 64, sent.length(), "AuthType and a 32-octet ClientNonce");
            nonces.add(sent.substring(2));
            assertNull(channel.readInbound());
            channel.finishAndReleaseAll();
        }
        assertNotEquals(nonces.get(0), nonces.get(1), "two connections, one nonce");
    }
}

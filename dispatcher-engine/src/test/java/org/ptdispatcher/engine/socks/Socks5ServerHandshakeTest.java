package org.ptdispatcher.engine.socks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SOCKS 5 server handshake byte by byte (RFC 1928, RFC 1929 with pt-spec 3.5's args, the 0x09
 * parameter block of spec section 1.4), on an {@link EmbeddedChannel}: what it writes back, the
 * request it hands on, the bytes it passes on behind the request, and whether it closes. Each
 * exchange is also run with every client message split in two at every byte boundary, one byte
 * per read, and all messages in one read: TCP may deliver any of these, and the outcome must not
 * change. (The same server over a real socket is the CLI's SocksIT.)
 */
class Socks5ServerHandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Refuses args that contain the key {@code reject}, as a transport refuses options it cannot use. */
    private static final class RecordingListener implements Socks5ServerHandshake.Listener {
        private final List<SocksConnectRequest> requests = new ArrayList<>();

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
    }

    /**
     * What the handshake did with one client byte stream.
     *
     * @param written  everything it wrote back, in hex
     * @param request  the request it handed on, if any
     * @param passedOn what passed on down the pipeline behind the request, in hex
     * @param open     whether the connection is still open
     */
    private record Outcome(String written, Optional<SocksConnectRequest> request, String passedOn, boolean open) {
    }

    /**
     * A channel with the handshake on it, on a clock that moves only when the test moves it, so
     * the timeout starts at a known moment and nothing depends on how fast the test runs.
     */
    private static EmbeddedChannel channel(Socks5ServerHandshake.Listener listener) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new Socks5ServerHandshake(listener, TIMEOUT));
        return channel;
    }

    private static Outcome run(List<byte[]> reads) {
        RecordingListener listener = new RecordingListener();
        EmbeddedChannel channel = channel(listener);
        try {
            for (byte[] read : reads) {
                if (!channel.isOpen()) {
                    break; // what the client sends after the server closed goes nowhere
                }
                channel.writeInbound(Unpooled.wrappedBuffer(read));
            }
            channel.runPendingTasks();
            assertTrue(listener.requests.size() <= 1, "one request at most: " + listener.requests);
            return new Outcome(drainOutbound(channel), listener.requests.stream().findFirst(), drainInbound(channel), channel.isOpen());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static String drainOutbound(EmbeddedChannel channel) {
        StringBuilder hex = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            hex.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return hex.toString();
    }

    private static String drainInbound(EmbeddedChannel channel) {
        StringBuilder hex = new StringBuilder();
        for (ByteBuf buf = channel.readInbound(); buf != null; buf = channel.readInbound()) {
            hex.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return hex.toString();
    }

    /**
     * Runs the client's {@code messages} as they are, then every other way TCP could cut them,
     * and checks that the outcome is the same each time.
     */
    private static Outcome exchange(byte[]... messages) {
        List<byte[]> whole = List.of(messages);
        Outcome expected = run(whole);
        for (int m = 0; m < messages.length; m++) {
            for (int cut = 1; cut < messages[m].length; cut++) {
                List<byte[]> reads = new ArrayList<>(whole);
                reads.set(m, Arrays.copyOfRange(messages[m], 0, cut));
                reads.add(m + 1, Arrays.copyOfRange(messages[m], cut, messages[m].length));
                assertEquals(expected, run(reads), "message " + m + " split after byte " + cut);
            }
        }
        byte[] all = concat(messages);
        List<byte[]> oneByteEach = new ArrayList<>();
        for (byte b : all) {
            oneByteEach.add(new byte[] {b});
        }
        assertEquals(expected, run(oneByteEach), "one byte per read");
        assertEquals(expected, run(List.of(all)), "all messages in one read");
        return expected;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(int... values) {
        return HexFormat.of().formatHex(bytes(values));
    }

    /** A reply with no bound address, as every refusal has. */
    private static String reply(int code) {
        return hex(5, code, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    private static byte[] userPassword(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        return concat(bytes(1, u.length), u, bytes(p.length), p);
    }

    private static byte[] parameterBlock(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return concat(bytes(body.length >>> 24, body.length >>> 16, body.length >>> 8, body.length), body);
    }

    private static byte[] connectIpv4(int a, int b, int c, int d, int port) {
        return bytes(5, 1, 0, 1, a, b, c, d, port >> 8, port & 0xff);
    }

    private static byte[] connectDomain(String name, int port) {
        byte[] host = name.getBytes(StandardCharsets.US_ASCII);
        return concat(bytes(5, 1, 0, 3, host.length), host, bytes(port >> 8, port & 0xff));
    }

    private static final byte[] GREET_NO_AUTH = bytes(5, 1, 0);
    private static final byte[] GREET_USER_PASSWORD = bytes(5, 1, 2);
    private static final byte[] GREET_JSON_BLOCK = bytes(5, 1, 9);
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static void assertRequest(Outcome outcome, HostPort destination, Map<String, String> args) {
        assertTrue(outcome.request().isPresent(), "no request was handed on: " + outcome);
        assertEquals(destination, outcome.request().get().destination());
        assertEquals(args, outcome.request().get().args().asMap());
    }

    // --- no authentication, and each request address type

    @Test
    void noAuthenticationThenAnIpv4RequestHandsOnTheRequestAndTheBytesBehindIt() {
        Outcome outcome = exchange(GREET_NO_AUTH, connectIpv4(127, 0, 0, 1, 80), HTTP_GET);
        assertEquals(hex(5, 0), outcome.written(), "method reply; the request's reply is the mode's");
        assertRequest(outcome, new HostPort("127.0.0.1", 80), Map.of());
        assertEquals(HexFormat.of().formatHex(HTTP_GET), outcome.passedOn());
        assertTrue(outcome.open());
    }

    @Test
    void anIpv6RequestNamesTheAddressInItsShortForm() {
        byte[] request = concat(bytes(5, 1, 0, 4), bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), bytes(0x01, 0xbb));
        Outcome outcome = exchange(GREET_NO_AUTH, request);
        assertRequest(outcome, new HostPort("2001:db8::1", 443), Map.of());
    }

    @Test
    void aDomainRequestNamesTheHost() {
        Outcome outcome = exchange(GREET_NO_AUTH, connectDomain("example.com", 9922));
        assertRequest(outcome, new HostPort("example.com", 9922), Map.of());
    }

    @Test
    void aDomainThatIsAnIpLiteralIsThatAddress() {
        Outcome outcome = exchange(GREET_NO_AUTH, connectDomain("::1", 443));
        assertRequest(outcome, new HostPort("::1", 443), Map.of());
    }

    @Test
    void aDomainThatIsNoHostNameGetsHostUnreachable() {
        Outcome outcome = exchange(GREET_NO_AUTH, connectDomain("not a name", 80));
        assertEquals(hex(5, 0) + reply(0x04), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    @Test
    void portZeroGetsHostUnreachable() {
        Outcome outcome = exchange(GREET_NO_AUTH, connectDomain("example.com", 0));
        assertEquals(hex(5, 0) + reply(0x04), outcome.written());
        assertFalse(outcome.open());
    }

    @Test
    void anUnknownAddressTypeGetsAddressTypeNotSupported() {
        Outcome outcome = exchange(GREET_NO_AUTH, bytes(5, 1, 0, 5, 1, 2, 3, 4, 0, 80));
        assertEquals(hex(5, 0) + reply(0x08), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    @Test
    void bindAndUdpAssociateGetCommandNotSupported() {
        for (int command : new int[] {2, 3}) {
            Outcome outcome = exchange(GREET_NO_AUTH, bytes(5, command, 0, 1, 127, 0, 0, 1, 0, 80));
            assertEquals(hex(5, 0) + reply(0x07), outcome.written(), "command " + command);
            assertFalse(outcome.open());
        }
    }

    @Test
    void aRequestThatIsNotSocks5GetsGeneralFailure() {
        Outcome outcome = exchange(GREET_NO_AUTH, bytes(4, 1, 0, 1, 127, 0, 0, 1, 0, 80));
        assertEquals(hex(5, 0) + reply(0x01), outcome.written());
        assertFalse(outcome.open());
    }

    // --- the greeting

    @Test
    void aClientThatOffersAWayToSendArgsIsAskedForThem() {
        assertEquals(hex(5, 9), exchange(bytes(5, 3, 0, 2, 9)).written());
        assertEquals(hex(5, 2), exchange(bytes(5, 2, 0, 2)).written());
        assertEquals(hex(5, 0), exchange(bytes(5, 2, 0x80, 0)).written());
    }

    @Test
    void noAcceptableMethodGetsFfAndTheConnectionCloses() {
        Outcome outcome = exchange(bytes(5, 2, 1, 0x80), connectIpv4(127, 0, 0, 1, 80));
        assertEquals(hex(5, 0xff), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    @Test
    void aGreetingThatIsNotSocks5IsDroppedWithoutAReply() {
        Outcome outcome = exchange(bytes(4, 1, 0, 80, 127, 0, 0, 1, 0));
        assertEquals("", outcome.written());
        assertFalse(outcome.open());
    }

    // --- RFC 1929 user/password: Tor's per-connection args (pt-spec 3.5)

    @Test
    void argsAreTorEscapedKeyValuePairs() {
        Outcome outcome = exchange(GREET_USER_PASSWORD, userPassword("cert=a\\;b\\=c;iat-mode=0", "\0"), connectIpv4(127, 0, 0, 1, 80));
        assertEquals(hex(5, 2) + hex(1, 0), outcome.written());
        assertRequest(outcome, new HostPort("127.0.0.1", 80), Map.of("cert", "a;b=c", "iat-mode", "0"));
    }

    @Test
    void argsLongerThan255BytesContinueIntoThePassword() {
        String cert = "x".repeat(300);
        String args = "cert=" + cert + ";iat-mode=1";
        Outcome outcome = exchange(GREET_USER_PASSWORD, userPassword(args.substring(0, 255), args.substring(255)),
                connectIpv4(127, 0, 0, 1, 80));
        assertRequest(outcome, new HostPort("127.0.0.1", 80), Map.of("cert", cert, "iat-mode", "1"));
    }

    @Test
    void aLoneNulPasswordIsIgnoredButOtherPasswordsAreArgs() {
        assertRequest(exchange(GREET_USER_PASSWORD, userPassword("a=1", "\0"), connectIpv4(127, 0, 0, 1, 80)),
                new HostPort("127.0.0.1", 80), Map.of("a", "1"));
        assertRequest(exchange(GREET_USER_PASSWORD, userPassword("a=1;b", "=2"), connectIpv4(127, 0, 0, 1, 80)),
                new HostPort("127.0.0.1", 80), Map.of("a", "1", "b", "2"));
    }

    @Test
    void rejectedArgsFailTheSubNegotiation() {
        Outcome outcome = exchange(GREET_USER_PASSWORD, userPassword("reject=1", "\0"), connectIpv4(127, 0, 0, 1, 80));
        assertEquals(hex(5, 2) + hex(1, 1), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    @Test
    void argsThatAreNotKeyValuePairsFailTheSubNegotiation() {
        Outcome outcome = exchange(GREET_USER_PASSWORD, userPassword("no-equals-sign", "\0"));
        assertEquals(hex(5, 2) + hex(1, 1), outcome.written());
        assertFalse(outcome.open());
    }

    @Test
    void aSubNegotiationVersionOtherThanOneFails() {
        Outcome outcome = exchange(GREET_USER_PASSWORD, bytes(2, 1, 'a', 1, 'b'));
        assertEquals(hex(5, 2) + hex(1, 1), outcome.written());
        assertFalse(outcome.open());
    }

    // --- the 0x09 JSON parameter block (spec section 1.4)

    @Test
    void aParameterBlockIsTheConnectionsArgs() {
        Outcome outcome = exchange(GREET_JSON_BLOCK, parameterBlock("{\"shared-secret\": \"rahasia\", \"depth\": 3}"),
                connectDomain("example.com", 443), HTTP_GET);
        assertEquals(hex(5, 9), outcome.written(), "the block itself has no reply");
        assertRequest(outcome, new HostPort("example.com", 443), Map.of("shared-secret", "rahasia", "depth", "3"));
        assertEquals(HexFormat.of().formatHex(HTTP_GET), outcome.passedOn());
    }

    @Test
    void theSpecsOwnExampleBlockParses() {
        byte[] example = concat(bytes(0, 0, 0, 0x39), "{\"shared-secret\": \"rahasia\", \"secrets-file\": \"/tmp/blob\"}".getBytes(StandardCharsets.UTF_8));
        Outcome outcome = exchange(GREET_JSON_BLOCK, example, connectIpv4(10, 0, 0, 1, 443));
        assertRequest(outcome, new HostPort("10.0.0.1", 443), Map.of("shared-secret", "rahasia", "secrets-file", "/tmp/blob"));
    }

    @Test
    void aBlockOverTheLimitGets0x10WithoutItsBodyBeingRead() {
        int over = Socks5ServerHandshake.MAX_PARAMETER_BLOCK + 1;
        Outcome outcome = exchange(GREET_JSON_BLOCK, bytes(over >>> 24, over >>> 16, over >>> 8, over), bytes('{', '}'));
        assertEquals(hex(5, 9) + reply(0x10), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    @Test
    void aBlockOfExactlyTheLimitIsRead() {
        String padded = "{\"a\": \"1\"}" + " ".repeat(Socks5ServerHandshake.MAX_PARAMETER_BLOCK - 10);
        Outcome outcome = run(List.of(GREET_JSON_BLOCK, parameterBlock(padded), connectIpv4(127, 0, 0, 1, 80)));
        assertRequest(outcome, new HostPort("127.0.0.1", 80), Map.of("a", "1"));
    }

    @Test
    void aBlockThatIsNotAJsonObjectGets0x12() {
        for (String body : List.of("{\"unterminated", "[1,2]", "\"text\"", "")) {
            Outcome outcome = exchange(GREET_JSON_BLOCK, parameterBlock(body), connectIpv4(127, 0, 0, 1, 80));
            assertEquals(hex(5, 9) + reply(0x12), outcome.written(), body);
            assertEquals(Optional.empty(), outcome.request());
            assertFalse(outcome.open());
        }
    }

    @Test
    void aBlockTheTransportRefusesGets0x13() {
        Outcome outcome = exchange(GREET_JSON_BLOCK, parameterBlock("{\"reject\": true}"), connectIpv4(127, 0, 0, 1, 80));
        assertEquals(hex(5, 9) + reply(0x13), outcome.written());
        assertEquals(Optional.empty(), outcome.request());
        assertFalse(outcome.open());
    }

    // --- the handshake timeout

    /** A channel that has received {@code reads}, then {@code elapsed} of handshake time. */
    private static EmbeddedChannel after(Duration elapsed, byte[]... reads) {
        EmbeddedChannel channel = channel(new RecordingListener());
        for (byte[] read : reads) {
            channel.writeInbound(Unpooled.wrappedBuffer(read));
        }
        channel.advanceTimeBy(elapsed.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        return channel;
    }

    @Test
    void aParameterBlockStillIncompleteAtTheTimeoutGets0x11() {
        EmbeddedChannel channel = after(TIMEOUT, GREET_JSON_BLOCK, bytes(0, 0, 0, 50), bytes('{', '"'));
        assertEquals(hex(5, 9) + reply(0x11), drainOutbound(channel));
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void aHandshakeStillIncompleteAtTheTimeoutIsClosedWithoutAReply() {
        record Stalled(String what, String methodReply, byte[]... reads) {
        }
        for (Stalled stalled : List.of(
                new Stalled("greeting", "", bytes(5)),
                new Stalled("RFC 1929 sub-negotiation", hex(5, 2), GREET_USER_PASSWORD, bytes(1, 3, 'a')),
                new Stalled("request", hex(5, 0), GREET_NO_AUTH, bytes(5, 1, 0)))) {
            EmbeddedChannel channel = after(TIMEOUT, stalled.reads());
            assertEquals(stalled.methodReply(), drainOutbound(channel), stalled.what() + ": nothing after the method reply");
            assertFalse(channel.isOpen(), stalled.what());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theTimeoutCountsTheWholeHandshakeNotEachMessage() {
        EmbeddedChannel channel = after(TIMEOUT.minusMillis(1), GREET_JSON_BLOCK);
        assertTrue(channel.isOpen(), "not yet");
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(0, 0, 0, 2)));
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        assertEquals(hex(5, 9) + reply(0x11), drainOutbound(channel));
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void aCompletedHandshakeIsNotTimedOut() {
        EmbeddedChannel channel = after(TIMEOUT.multipliedBy(2), GREET_NO_AUTH, connectIpv4(127, 0, 0, 1, 80));
        assertEquals(hex(5, 0), drainOutbound(channel));
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }
}

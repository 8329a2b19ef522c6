package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientAddress;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's HTTP on one connection (an EmbeddedChannel, its clock moved by the test), against
 * what meek-server answers: sessions made by the first request with a new id and handed to the
 * mode, bodies passed into the session, the session's bytes answered, the turnaround wait, the
 * client's address from the headers, 500 once a session ended, expiry after 120 s without a
 * request, and the pages of a plain web server.
 */
class MeekServerTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private EmbeddedChannel http;
    private final List<Channel> sessions = new ArrayList<>();
    private final StringBuilder received = new StringBuilder();

    @BeforeEach
    void serve() throws Exception {
        http = new EmbeddedChannel();
        http.freezeTime();
        new MeekServer(TransportOptions.empty()).serve(http, session -> {
            sessions.add(session);
            session.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.append(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
                    ((ByteBuf) msg).release();
                }
            });
            session.config().setAutoRead(true);
        });
    }

    private void send(String request) {
        http.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
        http.runPendingTasks();
    }

    private static String post(String id, String body, String... headers) {
        return "POST /meek/ HTTP/1.1\r\nHost: bridge.example\r\n" + (id == null ? "" : "X-Session-Id: " + id + "\r\n")
                + String.join("", headers) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The responses written so far, decoded. */
    private List<FullHttpResponse> responses() {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        ByteBuf out;
        while ((out = http.readOutbound()) != null) {
            decoder.writeInbound(out);
        }
        List<FullHttpResponse> decoded = new ArrayList<>();
        FullHttpResponse response;
        while ((response = decoder.readInbound()) != null) {
            decoded.add(response);
        }
        return decoded;
    }

    private FullHttpResponse onlyResponse() {
        List<FullHttpResponse> all = responses();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private static String body(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    private void afterTurnaround() {
        http.advanceTimeBy(MeekSession.TURNAROUND.toMillis(), TimeUnit.MILLISECONDS);
        http.runScheduledPendingTasks();
        http.runPendingTasks();
    }

    @Test
    void aNewIdMakesASessionThatGetsTheBodyAndTheClientsAddressFromXForwardedFor() {
        send(post(ID, "hello", "X-Forwarded-For: 203.0.113.5, 10.0.0.1\r\n"));
        assertEquals(1, sessions.size());
        assertEquals("hello", received.toString());
        assertEquals(new HostPort("203.0.113.5", 1), ClientAddress.of(sessions.get(0)));
        assertTrue(responses().isEmpty(), "the answer waits up to the turnaround for the target's bytes");
        afterTurnaround();
        FullHttpResponse response = onlyResponse();
        assertEquals(200, response.status().code());
        assertEquals("application/octet-stream", response.headers().get("Content-Type"));
        assertEquals("", body(response));
    }

    @Test
    void meekIpWinsOverXForwardedFor() {
        send(post(ID, "", "Meek-IP: 2001:db8::7\r\n", "X-Forwarded-For: 203.0.113.5\r\n"));
        assertEquals(new HostPort("2001:db8:0:0:0:0:0:7", 1), ClientAddress.of(sessions.get(0)));
    }

    @Test
    void theSessionsBytesGoInTheNextAnswerAtOnceAndTheSameIdIsTheSameSession() {
        send(post(ID, "one"));
        afterTurnaround();
        responses();
        sessions.get(0).writeAndFlush(Unpooled.copiedBuffer("from the target", StandardCharsets.US_ASCII));
        send(post(ID, "two"));
        FullHttpResponse response = onlyResponse();
        assertEquals("from the target", body(response));
        assertEquals(1, sessions.size());
        assertEquals("onetwo", received.toString());
    }

    @Test
    void bytesThatComeDuringTheTurnaroundAreAnsweredThen() {
        send(post(ID, ""));
        assertTrue(responses().isEmpty());
        sessions.get(0).writeAndFlush(Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII));
        http.runPendingTasks();
        assertEquals("late", body(onlyResponse()));
    }

    @Test
    void anAnswerCarriesAtMost64KiBAndTheRestGoesNext() {
        send(post(ID, ""));
        afterTurnaround();
        responses();
        sessions.get(0).writeAndFlush(Unpooled.wrappedBuffer(new byte[MeekRequest.MAX_PAYLOAD + 100]));
        send(post(ID, ""));
        assertEquals(MeekRequest.MAX_PAYLOAD, onlyResponse().content().readableBytes());
        send(post(ID, ""));
        assertEquals(100, onlyResponse().content().readableBytes());
    }

    @Test
    void anEndedSessionAnswers500AndItsIdDoesNotOpenAnother() {
        send(post(ID, ""));
        afterTurnaround();
        responses();
        sessions.get(0).close();
        send(post(ID, "more"));
        FullHttpResponse response = onlyResponse();
        assertEquals(500, response.status().code());
        assertEquals("Internal server error.\n", body(response));
        assertEquals(1, sessions.size());
    }

    /** Lets {@code seconds} pass with the connection kept open by GETs (its own idle timeout is 20 s), no POST among them. */
    private void passWithoutPosts(long seconds) {
        for (long left = seconds; left > 0; left -= Math.min(10, left)) {
            http.advanceTimeBy(Math.min(10, left), TimeUnit.SECONDS);
            http.runScheduledPendingTasks();
            http.runPendingTasks();
            send("GET / HTTP/1.1\r\nHost: bridge.example\r\n\r\n");
            responses();
        }
    }

    @Test
    void aSessionNoRequestNamesFor120SecondsIsClosedAndForgotten() {
        send(post(ID, ""));
        afterTurnaround();
        Channel first = sessions.get(0);
        passWithoutPosts(MeekSessions.MAX_STALENESS.toSeconds() - 1);
        assertTrue(first.isOpen());
        send(post(ID, ""));
        afterTurnaround();
        passWithoutPosts(MeekSessions.MAX_STALENESS.toSeconds() - 1);
        assertTrue(first.isOpen(), "the second request kept it alive");
        passWithoutPosts(2);
        assertFalse(first.isOpen());
        send(post(ID, ""));
        assertEquals(2, sessions.size(), "the id is free again, as in meek-server");
    }

    @Test
    void aConnectionWithoutARequestFor20SecondsIsClosed() {
        http.advanceTimeBy(MeekServerHandler.IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        http.runScheduledPendingTasks();
        assertFalse(http.isOpen());
    }

    @Test
    void getSlashIsTheHappyLittleWebServerAndOtherPathsAreGosNotFound() {
        send("GET / HTTP/1.1\r\nHost: bridge.example\r\n\r\n");
        FullHttpResponse page = onlyResponse();
        assertEquals(200, page.status().code());
        assertEquals("I\u2019m just a happy little web server.\n", body(page));
        assertEquals("text/plain; charset=utf-8", page.headers().get("Content-Type"));
        send("GET /./ HTTP/1.1\r\nHost: bridge.example\r\n\r\n");
        assertEquals(200, onlyResponse().status().code());
        send("GET /robots.txt HTTP/1.1\r\nHost: bridge.example\r\n\r\n");
        FullHttpResponse missing = onlyResponse();
        assertEquals(404, missing.status().code());
        assertEquals("404 page not found\n", body(missing));
        assertEquals("nosniff", missing.headers().get("X-Content-Type-Options"));
        assertTrue(sessions.isEmpty());
    }

    @Test
    void aPostWithoutAUsableIdAndOtherMethodsAreBadRequests() {
        send(post(null, "x"));
        assertEquals(400, onlyResponse().status().code());
        send(post("short", "x"));
        assertEquals("Bad request.\n", body(onlyResponse()));
        send("PUT / HTTP/1.1\r\nHost: bridge.example\r\nContent-Length: 0\r\n\r\n");
        assertEquals(400, onlyResponse().status().code());
        assertTrue(sessions.isEmpty());
    }

    @Test
    void aRequestWithConnectionCloseIsAnsweredThenTheConnectionCloses() {
        send("GET / HTTP/1.1\r\nHost: bridge.example\r\nConnection: close\r\n\r\n");
        assertEquals("close", onlyResponse().headers().get("Connection"));
        assertFalse(http.isOpen());
    }

    @Test
    void bytesThatAreNotHttpGetGos400AndTheConnectionCloses() {
        send("\u0016\u0003\u0001 not http at all\r\n\r\n");
        FullHttpResponse response = onlyResponse();
        assertEquals(400, response.status().code());
        assertFalse(http.isOpen());
    }
}

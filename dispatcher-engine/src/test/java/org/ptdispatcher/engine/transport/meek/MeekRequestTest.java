package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our requests against the bytes lyrebird 0.8.1's meek_lite client sent to a listening socket (url=http://127.0.0.1:18080/path?q=1). */
class MeekRequestTest {
    private static final String SESSION = "df18c5e51a3cfeb250f6a598bf3af39d";
    private static final String CAPTURED_WITH_BODY = "POST /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:18080\r\nContent-Length: 74\r\n"
            + "X-Session-Id: df18c5e51a3cfeb250f6a598bf3af39d\r\nAccept-Encoding: gzip\r\n\r\n"
            + "GET / HTTP/1.1\r\nHost: 10.0.0.1:1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
    private static final String CAPTURED_POLL = "POST /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:18080\r\nContent-Length: 0\r\n"
            + "X-Session-Id: df18c5e51a3cfeb250f6a598bf3af39d\r\nAccept-Encoding: gzip\r\n\r\n";

    private static String encoded(String body) throws Exception {
        MeekTarget target = MeekClientArgs.parseTargets("http://127.0.0.1:18080/path?q=1|").get(0);
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestEncoder());
        channel.writeOutbound(MeekRequest.post(target, SESSION, Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            out.append(part.toString(StandardCharsets.US_ASCII));
            part.release();
        }
        return out.toString();
    }

    @Test
    void aRequestWithABodyIsLyrebirdsByteForByte() throws Exception {
        assertEquals(CAPTURED_WITH_BODY, encoded("GET / HTTP/1.1\r\nHost: 10.0.0.1:1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"));
    }

    @Test
    void aPollIsLyrebirdsByteForByte() throws Exception {
        assertEquals(CAPTURED_POLL, encoded(""));
    }

    @Test
    void aFrontedRequestNamesTheUrlsHostNotTheFront() throws Exception {
        MeekTarget target = MeekClientArgs.parseTargets("https://bridge.example/meek|cdn.example").get(0);
        assertEquals("bridge.example", MeekRequest.post(target, SESSION, Unpooled.EMPTY_BUFFER).headers().get("Host"));
    }

    @Test
    void sessionIdsAre32HexDigitsAndDiffer() {
        SecureRandom random = new SecureRandom();
        String one = MeekRequest.newSessionId(random);
        assertTrue(one.matches("[0-9a-f]{32}"), one);
        assertTrue(!one.equals(MeekRequest.newSessionId(random)));
    }
}

package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the server answers every request that is not the tunnel's upgrade (another path, the
 * secret path without an upgrade, another method): an ordinary web server's page, so a prober
 * learns nothing. By default nginx's own 404 page without its version (what the front nginx shows
 * for paths it has no location for); with the {@code page} option, that HTML file with 200 OK, as
 * a site that answers every path with its one page.
 */
final class DecoyPage {
    /** nginx's 404 page with {@code server_tokens off}. */
    static final String NOT_FOUND_HTML = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
            + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private final HttpResponseStatus status;
    private final byte[] body;

    private DecoyPage(HttpResponseStatus status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static DecoyPage notFound() {
        return new DecoyPage(HttpResponseStatus.NOT_FOUND, NOT_FOUND_HTML.getBytes(StandardCharsets.US_ASCII));
    }

    /** The page of a file, read now (at start-up). */
    static DecoyPage fromFile(Path file) throws IOException {
        return new DecoyPage(HttpResponseStatus.OK, Files.readAllBytes(file));
    }

    /** A fresh response; {@code withBody} false for HEAD, which gets the same headers. */
    FullHttpResponse response(boolean withBody) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                withBody ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
        response.headers()
                .set("Content-Type", "text/html")
                .set("Content-Length", body.length);
        return response;
    }
}

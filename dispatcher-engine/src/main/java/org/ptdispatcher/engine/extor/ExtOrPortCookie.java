package org.ptdispatcher.engine.extor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Extended ORPort authentication cookie file (ext-orport-spec 2.1.2): a 32-byte static
 * header, then the 32-byte cookie. Read once at start-up; tor writes it before it starts its
 * transports and rewrites it only when it restarts them too.
 */
public final class ExtOrPortCookie {
    static final byte[] HEADER = "! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII);
    static final int COOKIE_LENGTH = 32;

    private final byte[] cookie;

    private ExtOrPortCookie(byte[] cookie) {
        this.cookie = cookie;
    }

    /** @throws IOException with a sentence saying what is wrong with the file (never its content) */
    public static ExtOrPortCookie read(Path file) throws IOException {
        // A device or a pipe could be read for ever; a regular file is read no further than one
        // byte past a cookie file's length, which is enough to refuse a longer one.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException("the Extended ORPort cookie file " + file + " is not a regular file");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(HEADER.length + COOKIE_LENGTH + 1);
        } catch (IOException e) {
            throw new IOException("cannot read the Extended ORPort cookie file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        if (content.length != HEADER.length + COOKIE_LENGTH
                || !Arrays.equals(Arrays.copyOf(content, HEADER.length), HEADER)) {
            throw new IOException("the Extended ORPort cookie file " + file + " does not have the cookie format (32-byte header, 32-byte cookie)");
        }
        return new ExtOrPortCookie(Arrays.copyOfRange(content, HEADER.length, content.length));
    }

    byte[] secret() {
        return cookie.clone();
    }
}

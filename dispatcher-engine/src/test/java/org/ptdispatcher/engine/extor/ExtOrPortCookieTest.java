package org.ptdispatcher.engine.extor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cookie file of ext-orport-spec 2.1.2: a 32-octet static header, then the 32-octet cookie. */
class ExtOrPortCookieTest {
    private static final byte[] HEADER = "! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("extended_orport_auth_cookie"), content);
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x5a);
        return secret;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theCookieIsWhatFollowsTheHeader() throws IOException {
        assertArrayEquals(secret(), ExtOrPortCookie.read(file(concat(HEADER, secret()))).secret());
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedWithoutShowingItsContent() throws IOException {
        byte[] content = concat(HEADER, secret());
        content[0] = '?';
        Path file = file(content);
        String message = assertThrows(IOException.class, () -> ExtOrPortCookie.read(file)).getMessage();
        assertEquals("the Extended ORPort cookie file " + file + " does not have the cookie format (32-byte header, 32-byte cookie)", message);
        assertFalse(message.contains("ZZZZ"), "the cookie (0x5a is 'Z') never appears in a message");
    }

    @Test
    void aFileOfAnotherLengthIsRefused() throws IOException {
        Path shortFile = file(concat(HEADER, Arrays.copyOf(secret(), 31)));
        assertThrows(IOException.class, () -> ExtOrPortCookie.read(shortFile));
        Path longFile = file(concat(HEADER, Arrays.copyOf(secret(), 33)));
        assertThrows(IOException.class, () -> ExtOrPortCookie.read(longFile));
    }

    /** Only the 65 bytes that tell a cookie file from another are read: a huge file (sparse, 3 GiB) is refused for its length, not read into memory. */
    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws IOException {
        Path huge = file(concat(HEADER, secret()));
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        IOException e = assertThrows(IOException.class, () -> ExtOrPortCookie.read(huge));
        assertTrue(e.getMessage().contains("cookie format"), e.getMessage());
    }

    /** A device or a pipe (whose reading might never end) is refused before it is opened. */
    @Test
    void somethingOtherThanARegularFileIsRefused() {
        Path device = Path.of("/dev/zero");
        assumeTrue(Files.exists(device));
        assertEquals("the Extended ORPort cookie file /dev/zero is not a regular file",
                assertThrows(IOException.class, () -> ExtOrPortCookie.read(device)).getMessage());
    }

    @Test
    void aMissingFileIsNamedWithTheReason() {
        Path missing = dir.resolve("missing");
        assertEquals("cannot read the Extended ORPort cookie file " + missing + ": NoSuchFileException",
                assertThrows(IOException.class, () -> ExtOrPortCookie.read(missing)).getMessage());
    }
}

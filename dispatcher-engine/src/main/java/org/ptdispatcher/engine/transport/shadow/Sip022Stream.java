package org.ptdispatcher.engine.transport.shadow;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One TCP connection of a Shadowsocks 2022 method (SIP022 section 3.1), shared by the connection's
 * {@link ShadowAeadEncoder} and {@link ShadowAeadDecoder}: which side this is, the clock the
 * headers' timestamps come from and are checked against, the request salt (the client's own, or
 * the one the server read) that the response header repeats, and the headers' layouts.
 *
 * <p>Request stream: salt, the fixed header {@code [type 0][u64 timestamp][u16 length]} sealed
 * alone, then the variable header {@code [address][u16 padding length][padding][initial payload]}
 * sealed alone, then length and payload chunks. Response stream: salt, the fixed header
 * {@code [type 1][u64 timestamp][request salt][u16 length]} whose length is that of the first
 * payload chunk, then chunks. Not thread-safe: it belongs to one channel's event loop.
 */
final class Sip022Stream {
    static final int TYPE_CLIENT_STREAM = 0;
    static final int TYPE_SERVER_STREAM = 1;
    /** A timestamp further than this from our clock is a replay (SIP022 3.1.3). */
    static final long MAX_TIME_DIFFERENCE_SECONDS = 30;
    static final int MAX_PADDING = 900;
    /** A 2022 chunk's largest payload: the whole u16 (AEAD's 0x3FFF cap does not apply). */
    static final int MAX_PAYLOAD = 0xFFFF;
    /** The request's fixed header: type, timestamp, length. */
    static final int REQUEST_FIXED_LENGTH = 1 + 8 + 2;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean client;
    private final Sip022Method method;
    private final LongSupplier epochSeconds;
    private final IntSupplier paddingLength;
    private byte[] requestSalt;

    private Sip022Stream(boolean client, Sip022Method method, LongSupplier epochSeconds, IntSupplier paddingLength) {
        this.client = client;
        this.method = method;
        this.epochSeconds = epochSeconds;
        this.paddingLength = paddingLength;
    }

    /** A client connection: system clock, padding of 1 to 900 bytes when the request has no payload. */
    static Sip022Stream client(Sip022Method method) {
        return new Sip022Stream(true, method, Sip022Stream::now, () -> 1 + RANDOM.nextInt(MAX_PADDING));
    }

    /** A server connection with the system clock. */
    static Sip022Stream server(Sip022Method method) {
        return new Sip022Stream(false, method, Sip022Stream::now, () -> 0);
    }

    /** For tests: a fixed clock and padding length. */
    static Sip022Stream forTest(boolean client, Sip022Method method, long epochSeconds, int paddingLength) {
        return new Sip022Stream(client, method, () -> epochSeconds, () -> paddingLength);
    }

    /** The system clock in Unix seconds, as the headers' timestamps are. */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /**
     * Whether a header's timestamp (a u64 from the wire, so negative as a long when its top bit
     * is set) is at most {@link #MAX_TIME_DIFFERENCE_SECONDS} from {@code now}: the rule of
     * SIP022 3.1.3 for streams and 3.2.3 for packets alike.
     */
    static boolean timely(long timestamp, long now) {
        // A u64 from the wire can be anything; compare without overflowing.
        long difference = now - timestamp;
        return timestamp >= 0 && difference <= MAX_TIME_DIFFERENCE_SECONDS && difference >= -MAX_TIME_DIFFERENCE_SECONDS;
    }

    /** Why a header with an untimely {@code timestamp} is refused. */
    static String untimely(long timestamp) {
        return "timestamp " + Long.toUnsignedString(timestamp) + " is more than " + MAX_TIME_DIFFERENCE_SECONDS
                + " s from ours (a replay, or a clock that is off)";
    }

    boolean isClient() {
        return client;
    }

    Sip022Method method() {
        return method;
    }

    /** The client's salt once it has made it, or the salt the server read. */
    void requestSalt(byte[] salt) {
        this.requestSalt = salt.clone();
    }

    /** How many padding bytes a request without initial payload gets (at least 1: SIP022 3.1.4 wants one or the other). */
    int paddingForEmptyRequest() {
        return Math.max(1, Math.min(MAX_PADDING, paddingLength.getAsInt()));
    }

    /** The length of the fixed header this side sends. */
    int sentFixedLength() {
        return client ? REQUEST_FIXED_LENGTH : responseFixedLength();
    }

    /** The length of the fixed header this side reads: the other side's. */
    int readFixedLength() {
        return client ? responseFixedLength() : REQUEST_FIXED_LENGTH;
    }

    private int responseFixedLength() {
        return 1 + 8 + method.keySize() + 2;
    }

    /** Writes this side's fixed header, announcing a next chunk of {@code nextLength} bytes, into {@code dst}; returns its length. */
    int writeFixedHeader(int nextLength, byte[] dst) {
        int at = 0;
        dst[at++] = (byte) (client ? TYPE_CLIENT_STREAM : TYPE_SERVER_STREAM);
        long time = epochSeconds.getAsLong();
        for (int shift = 56; shift >= 0; shift -= 8) {
            dst[at++] = (byte) (time >>> shift);
        }
        if (!client) {
            if (requestSalt == null) {
                throw new IllegalStateException("a response before the request's salt was read");
            }
            System.arraycopy(requestSalt, 0, dst, at, requestSalt.length);
            at += requestSalt.length;
        }
        dst[at++] = (byte) (nextLength >>> 8);
        dst[at++] = (byte) nextLength;
        return at;
    }

    /**
     * Checks the other side's fixed header ({@link #readFixedLength} bytes of {@code plain}):
     * its type, its timestamp against our clock and, for a response, the request salt it repeats.
     *
     * @return the length of the chunk that follows it
     * @throws ShadowAeadDecoder.MalformedChunkException saying what is wrong
     */
    int checkFixedHeader(byte[] plain) throws ShadowAeadDecoder.MalformedChunkException {
        int expectedType = client ? TYPE_SERVER_STREAM : TYPE_CLIENT_STREAM;
        if ((plain[0] & 0xff) != expectedType) {
            throw new ShadowAeadDecoder.MalformedChunkException("header of type " + (plain[0] & 0xff) + ", not " + expectedType);
        }
        long time = 0;
        for (int i = 1; i <= 8; i++) {
            time = (time << 8) | (plain[i] & 0xff);
        }
        if (!timely(time, epochSeconds.getAsLong())) {
            throw new ShadowAeadDecoder.MalformedChunkException(untimely(time));
        }
        int at = 9;
        if (client) {
            if (!Arrays.equals(plain, at, at + requestSalt.length, requestSalt, 0, requestSalt.length)) {
                throw new ShadowAeadDecoder.MalformedChunkException("the response names another request's salt");
            }
            at += requestSalt.length;
        }
        return ((plain[at] & 0xff) << 8) | (plain[at + 1] & 0xff);
    }
}

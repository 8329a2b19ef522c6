package org.ptdispatcher.engine.transport.shadow;

import java.time.Duration;
import java.util.Arrays;
import java.util.PrimitiveIterator;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

/** What the session table tests share: real codecs on a fixed epoch clock, and scripted session ids. */
final class Sip022Sessions {
    static final long EPOCH_SECONDS = 1_700_000_000L;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long SECOND = 1_000_000_000L;

    private Sip022Sessions() {
    }

    static byte[] psk(Sip022Method m) {
        byte[] psk = new byte[m.keySize()];
        Arrays.fill(psk, (byte) 0x5a);
        return psk;
    }

    static Sip022PacketCodec codec(boolean client, Sip022Method m) {
        return new Sip022PacketCodec(client, Sip022PacketCipher.of(m, psk(m)), () -> EPOCH_SECONDS, () -> 0);
    }

    static Sip022ClientSessions client(Sip022Method m, long... ids) {
        return new Sip022ClientSessions(codec(true, m), ids(ids), TIMEOUT);
    }

    static Sip022ServerSessions server(Sip022Method m, long... ids) {
        return new Sip022ServerSessions(codec(false, m), ids(ids), TIMEOUT);
    }

    /** {@code ids} in order, then counting on from the last: ids a test can predict. */
    static LongSupplier ids(long... ids) {
        long last = ids.length == 0 ? 1 : ids[ids.length - 1];
        PrimitiveIterator.OfLong it = LongStream.concat(Arrays.stream(ids), LongStream.iterate(last + 1, i -> i + 1)).iterator();
        return it::nextLong;
    }
}

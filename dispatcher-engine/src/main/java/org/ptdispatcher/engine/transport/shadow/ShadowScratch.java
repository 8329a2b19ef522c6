package org.ptdispatcher.engine.transport.shadow;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * The arrays the AEAD codec works in, one set per thread (an event loop serves many connections,
 * one call at a time): a connection between reads keeps only the bytes of a chunk that has not
 * all arrived, so an open tunnel costs its few state fields rather than about 130 KiB of windows.
 * Each array is used within one call that neither waits nor passes control elsewhere before it is
 * done with it. Arrays of our own, not pooled heap buffers: the JDK's AEAD is fastest on arrays and
 * copies the whole backing array of a shared one per call. Sized for the largest chunk of either
 * edition (the 2022 methods' 0xFFFF bytes).
 */
final class ShadowScratch {
    /** Wire bytes being opened: a read's worth and the chunk left over from the one before. */
    static final int WINDOW = ShadowAeadDecoder.WINDOW + ShadowAeadDecoder.MAX_SEALED_CHUNK + ShadowAeadDecoder.LENGTH_BLOCK;

    private static final FastThreadLocal<ShadowScratch> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected ShadowScratch initialValue() {
            return new ShadowScratch();
        }
    };

    /** The decoder's window of wire bytes. */
    final byte[] wire = new byte[WINDOW];
    /** Where the decoder opens a chunk into. */
    final byte[] opened = new byte[Sip022Stream.MAX_PAYLOAD];
    /** Where the encoder gathers a chunk's plaintext. */
    final byte[] plain = new byte[Sip022Stream.MAX_PAYLOAD];
    /** Where the encoder seals it. */
    final byte[] sealed = new byte[Sip022Stream.MAX_PAYLOAD + ShadowCipher.TAG_SIZE];

    static ShadowScratch get() {
        return PER_THREAD.get();
    }
}

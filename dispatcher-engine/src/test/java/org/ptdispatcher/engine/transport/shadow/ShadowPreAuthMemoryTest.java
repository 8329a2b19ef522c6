package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, defect 2: a connection that has not authenticated costs the server almost nothing.
 * Bytes allocated on this thread are counted (the JVM's own per-thread allocation counter) while
 * unauthenticated input arrives, and compared with what the decoder would need to take a whole
 * window of chunks: before the fix each connection that sent one byte made the decoder allocate
 * its 96 KiB window and 16 KiB of plaintext room.
 */
class ShadowPreAuthMemoryTest {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Far below one chunk's room (16 KiB), far above what the first bytes of a stream need. */
    private static final long BOUND = 4 * 1024;

    private static long allocatedBy(Runnable work) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void anUnauthenticatedConnectionAllocatesLittle() {
        for (ShadowCipher cipher : ShadowCipher.values()) {
            for (int sent : new int[] {1, cipher.saltSize(), cipher.saltSize() + 17}) {
                // The least of a few connections: a first run's one-off work on this thread (a class
                // initialized, a method compiled or deoptimized, as other tests in the same JVM left
                // it) is not what every connection costs.
                long allocated = Long.MAX_VALUE;
                for (int connection = 0; connection < 4; connection++) {
                    EmbeddedChannel channel = new EmbeddedChannel(ShadowCodecTest.decoder(cipher, "pw", new ShadowCodecTest.Recorder()));
                    byte[] bytes = new byte[sent];
                    new Random(sent + connection).nextBytes(bytes);
                    allocated = Math.min(allocated, allocatedBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes))));
                    channel.finishAndReleaseAll();
                }
                assertTrue(allocated < BOUND, cipher + ", " + sent + " bytes sent: " + allocated + " bytes allocated");
            }
        }
    }
}

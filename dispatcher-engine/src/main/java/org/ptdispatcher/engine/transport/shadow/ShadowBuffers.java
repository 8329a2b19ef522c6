package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Locale;

/**
 * Where the codec puts the bytes it seals and opens. The JDK's AES-GCM and ChaCha20-Poly1305 are
 * fastest on byte arrays (their intrinsics work on arrays; direct buffers go through extra
 * copies inside the provider), so by default the codec works on heap buffers and pays one
 * memory copy at each socket instead. {@code -Dptdispatcher.shadow.buffers=direct} switches to
 * direct buffers throughout, for comparison in benchmarks.
 */
enum ShadowBuffers {
    HEAP {
        @Override
        ByteBuf allocate(ByteBufAllocator alloc, int capacity) {
            return alloc.heapBuffer(capacity);
        }
    },
    DIRECT {
        @Override
        ByteBuf allocate(ByteBufAllocator alloc, int capacity) {
            return alloc.directBuffer(capacity);
        }
    };

    abstract ByteBuf allocate(ByteBufAllocator alloc, int capacity);

    /** The choice of this process. */
    static ShadowBuffers configured() {
        String value = System.getProperty("ptdispatcher.shadow.buffers", "heap");
        return value.toLowerCase(Locale.ROOT).equals("direct") ? DIRECT : HEAP;
    }
}

package org.ptdispatcher.engine.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.util.function.LongSupplier;

/**
 * Whether the process's direct memory, which every connection's buffers share, is running short.
 *
 * <p>Each channel may buffer up to its high-water mark (1 MiB) for a peer that reads slowly, and
 * each read takes a buffer of up to 256 KiB, which bounds one connection but not their sum: 400
 * tunnels into targets that never read would ask for more than the JVM's direct memory bound, and
 * an out-of-memory error ends the process ({@code log.OutOfMemoryExit}). So once a quarter of the
 * bound is in use, reads take small buffers ({@link PressureAwareReceiveAllocator}) and the relay
 * reads a side again only after what it last wrote for it has been written
 * ({@code relay.Relay}): a slow reader then holds one small read's worth, and a fast one hardly
 * slows, since a write completes when the kernel takes it.
 *
 * <p>The figure read is the allocator's own: for Netty's adaptive allocator the capacity of the
 * chunks it holds (a sum of a few counters, cheap enough to read at every read), which is what
 * the bound is charged for, fragmentation included.
 */
public final class DirectMemoryPressure {
    /** A quarter: the rest is room for the reads and writes already under way when it is passed. */
    private static final long THRESHOLD = Math.max(1, PlatformDependent.maxDirectMemory() / 4);
    private static final LongSupplier USED = usedDirectMemory(ByteBufAllocator.DEFAULT);

    private DirectMemoryPressure() {
    }

    /** Whether buffers should be kept small and writes waited for before more is read. */
    public static boolean high() {
        return USED.getAsLong() >= THRESHOLD;
    }

    private static LongSupplier usedDirectMemory(ByteBufAllocator allocator) {
        if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            return metric::usedDirectMemory;
        }
        // An allocator without metrics (one set with -Dio.netty.allocator.type=unpooled, say):
        // Netty's own count of direct memory, -1 where it does not keep one (then never high).
        return PlatformDependent::usedDirectMemory;
    }
}

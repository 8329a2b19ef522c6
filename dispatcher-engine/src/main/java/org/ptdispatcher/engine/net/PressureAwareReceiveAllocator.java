package org.ptdispatcher.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Read buffers whose size follows the traffic (Netty's adaptive sizing, 2 KiB to 256 KiB), except
 * while direct memory is short ({@link DirectMemoryPressure}): then every read takes at most
 * {@value #SHORT_READ} bytes, so that the reads under way on all connections at once (up to the
 * connection cap's 2048) stay far below the bound instead of 256 KiB each.
 */
final class PressureAwareReceiveAllocator implements MaxMessagesRecvByteBufAllocator {
    static final int SHORT_READ = 16 * 1024;

    private final AdaptiveRecvByteBufAllocator adaptive = new AdaptiveRecvByteBufAllocator(2048, 16 * 1024, 256 * 1024);

    @Override
    public Handle newHandle() {
        return new SmallWhileShort((ExtendedHandle) adaptive.newHandle());
    }

    @Override
    public int maxMessagesPerRead() {
        return adaptive.maxMessagesPerRead();
    }

    @Override
    public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
        adaptive.maxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    /** The adaptive handle, with its guess capped while memory is short. */
    private static final class SmallWhileShort implements ExtendedHandle {
        private final ExtendedHandle adaptive;

        SmallWhileShort(ExtendedHandle adaptive) {
            this.adaptive = adaptive;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.ioBuffer(guess());
        }

        @Override
        public int guess() {
            int guess = adaptive.guess();
            return guess > SHORT_READ && DirectMemoryPressure.high() ? SHORT_READ : guess;
        }

        @Override
        public void reset(ChannelConfig config) {
            adaptive.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            adaptive.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            adaptive.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return adaptive.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            adaptive.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return adaptive.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return adaptive.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptive.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            adaptive.readComplete();
        }
    }
}

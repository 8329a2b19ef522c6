package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;

import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * A meek stream as a Netty channel without a socket of its own, so that the relay treats it as any
 * connection: what the relay writes waits in the channel's outbound buffer (with its water marks, so
 * the relay's backpressure holds) until an HTTP message takes it ({@link #take}); what HTTP messages
 * brought is handed in with {@link #receive} and read by the pipeline as a socket's bytes would be.
 * A write's promise completes when an HTTP message took its bytes. It lives on the event loop it is
 * registered on; every method but the constructor is called there. It starts with auto-read off.
 */
final class TunnelChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    /** What the HTTP side hears from the channel. */
    interface Events {
        /** Bytes were flushed and wait to be taken. */
        void outboundReady();

        /** Everything received has been read by the pipeline. */
        void inboundDrained();

        /** The channel closed (the relay ended it, or {@link #close()} was called). */
        void closed();
    }

    private final Config config = new Config(this);
    private final SocketAddress local;
    private final SocketAddress remote;
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
    private Events events;
    private long inboundBytes;
    private boolean open = true;
    private boolean readPending;
    private boolean delivering;
    private boolean closeWhenDrained;

    TunnelChannel(SocketAddress local, SocketAddress remote) {
        super(null);
        this.local = local;
        this.remote = remote;
        config.setAutoRead(false);
        // Room for the next request's 64 KiB while one is on its way.
        config.setWriteBufferWaterMark(new WriteBufferWaterMark(128 * 1024, 256 * 1024));
    }

    /** Registers it on {@code loop}; {@code events} hears from it from then on. */
    ChannelFuture register(EventLoop loop, Events listener) {
        this.events = listener;
        return loop.register(this);
    }

    /** Bytes an HTTP message brought, for the pipeline to read in order. Takes ownership of {@code bytes}. */
    void receive(ByteBuf bytes) {
        if (!open || !bytes.isReadable()) {
            bytes.release();
            return;
        }
        inbound.add(bytes);
        inboundBytes += bytes.readableBytes();
        deliver();
    }

    /** Bytes received that the pipeline has not read yet. */
    long pendingInbound() {
        return inboundBytes;
    }

    /** Closes once the pipeline has read everything received (the far side ended the stream). */
    void closeWhenDrained() {
        closeWhenDrained = true;
        if (inbound.isEmpty()) {
            close();
        }
    }

    /** Whether flushed bytes wait to be taken (empty buffers, which carry nothing, are dropped on the way). */
    boolean hasOutbound() {
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (out == null) {
            return false;
        }
        while (out.current() instanceof ByteBuf buf && !buf.isReadable()) {
            out.remove();
        }
        return out.current() != null;
    }

    /** Takes up to {@code max} flushed bytes, completing the promises of the writes they came from. */
    ByteBuf take(int max) {
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (out == null || out.current() == null) {
            return Unpooled.EMPTY_BUFFER;
        }
        CompositeByteBuf taken = alloc().compositeBuffer(Integer.MAX_VALUE);
        while (taken.readableBytes() < max && out.current() instanceof ByteBuf buf) {
            int n = Math.min(buf.readableBytes(), max - taken.readableBytes());
            if (n > 0) {
                taken.addComponent(true, buf.retainedSlice(buf.readerIndex(), n));
            }
            out.removeBytes(n);
        }
        return taken;
    }

    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        boolean delivered = false;
        try {
            while (readPending && open && !inbound.isEmpty()) {
                ByteBuf next = inbound.poll();
                inboundBytes -= next.readableBytes();
                delivered = true;
                if (!config.isAutoRead()) {
                    readPending = false;
                }
                pipeline().fireChannelRead(next);
            }
            if (delivered) {
                pipeline().fireChannelReadComplete();
            }
        } finally {
            delivering = false;
        }
        if (delivered && inbound.isEmpty() && open) {
            if (closeWhenDrained) {
                close();
            } else {
                events.inboundDrained();
            }
        }
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
                promise.setFailure(new UnsupportedOperationException("a meek stream is made connected"));
            }
        };
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected void doRegister() {
        // No socket: nothing to register with the event loop's I/O.
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a meek stream is not bound");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        ByteBuf left;
        while ((left = inbound.poll()) != null) {
            ReferenceCountUtil.release(left);
        }
        inboundBytes = 0;
        if (events != null) {
            events.closed();
        }
    }

    @Override
    protected void doBeginRead() {
        readPending = true;
        deliver();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        // The bytes stay in the buffer (and count against its water marks) until an HTTP message takes them.
        if (in.current() != null) {
            events.outboundReady();
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("a meek stream carries bytes, not " + msg.getClass().getSimpleName());
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open && isRegistered();
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    /** Turning auto-read off stops delivery at once, as a socket stops reading. */
    private final class Config extends DefaultChannelConfig {
        Config(TunnelChannel channel) {
            super(channel);
        }

        @Override
        protected void autoReadCleared() {
            readPending = false;
        }
    }
}

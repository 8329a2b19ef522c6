package org.ptdispatcher.engine.net;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Netty's native epoll with one bug worked around: a channel is never taken out of the epoll set
 * while Netty still believes it is in it.
 *
 * <p>In Netty 4.2.18, when a channel's interest set becomes empty its registration does
 * {@code EPOLL_CTL_DEL} but keeps its "added" state, so the next change of interest is an
 * {@code EPOLL_CTL_MOD} of a descriptor epoll no longer knows: {@code epoll_ctl(..) failed with
 * error(-2)}, and Netty closes the channel with whatever it had left to write. The set becomes
 * empty as soon as a connection's input has ended (its FIN seen, so no EPOLLRDHUP) and it neither
 * reads (input ended or reading paused) nor waits to write: every half-closed connection whose
 * answer is still flowing, which is how an HTTP/1.0 client or the soak's echo client waits. That
 * was the soak's 0.1% truncated transfers.
 *
 * <p>Here an empty interest set is submitted as {@code EPOLLET} alone instead: the descriptor
 * stays in the set, asking for nothing. Netty's reason for removing it (EPOLLHUP and EPOLLERR are
 * always reported, and level-triggered they would wake the loop forever) does not apply, because
 * edge-triggered they are reported once. {@code PausedHalfClosedReadTest} fails without this.
 */
final class EpollKeepsIdleChannels implements IoHandler {
    /** Interest in nothing, without leaving the epoll set. */
    private static final IoOps NOTHING = EpollIoOps.EPOLLET;

    private final IoHandler epoll;

    private EpollKeepsIdleChannels(IoHandler epoll) {
        this.epoll = epoll;
    }

    static IoHandlerFactory newFactory() {
        IoHandlerFactory epoll = EpollIoHandler.newFactory();
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new EpollKeepsIdleChannels(epoll.newHandler(executor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return epoll.isChangingThreadSupported();
            }
        };
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        IoRegistration registration = epoll.register(handle);
        return new IoRegistration() {
            @Override
            public <T> T attachment() {
                return registration.attachment();
            }

            @Override
            public long submit(IoOps ops) {
                if (((EpollIoOps) ops).value() != EpollIoOps.NONE.value()) {
                    return registration.submit(ops);
                }
                long submitted = registration.submit(NOTHING);
                return submitted == -1 ? -1 : 0; // what an empty set gives: -1 if cancelled, else 0
            }

            @Override
            public boolean isValid() {
                return registration.isValid();
            }

            @Override
            public boolean cancel() {
                return registration.cancel();
            }
        };
    }

    @Override
    public void initialize() {
        epoll.initialize();
    }

    @Override
    public int run(IoHandlerContext context) {
        return epoll.run(context);
    }

    @Override
    public void prepareToDestroy() {
        epoll.prepareToDestroy();
    }

    @Override
    public void destroy() {
        epoll.destroy();
    }

    @Override
    public void wakeup() {
        epoll.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return epoll.isCompatible(handleType);
    }
}

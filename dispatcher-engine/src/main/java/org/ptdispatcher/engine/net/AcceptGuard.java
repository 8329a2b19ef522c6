package org.ptdispatcher.engine.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.log.OutOfMemoryExit;

import java.util.concurrent.TimeUnit;

/**
 * On a listener: when accepting fails because the process has no descriptors left, the clients
 * waiting in the backlog are accepted and closed at once (with the spare descriptor
 * {@link DescriptorShortage} holds), one WARNING is logged for the whole shortage, and the
 * listener goes on; the connections already open are not touched. Netty's own response, a
 * WARNING per failure and a second of not accepting, is replaced. Any other failure passes on.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = EngineLog.logger(AcceptGuard.class);
    /** When even the spare descriptor is gone, a pause before accepting again, so the event loop does not spin on a full backlog. */
    private static final long PAUSE_MILLIS = 50;

    private final ListeningSocket socket;
    private final DescriptorShortage shortage;

    AcceptGuard(ListeningSocket socket, DescriptorShortage shortage) {
        this.socket = socket;
        this.shortage = shortage;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        OutOfMemoryExit.ifCausedBy(cause, "a listener");
        if (!DescriptorShortage.isShortage(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        shortage.noticed();
        int shed = shortage.withSpareReleased(socket::shedPending);
        LOG.log(System.Logger.Level.DEBUG, "out of descriptors at " + socket.localAddress() + ": closed " + shed + " waiting connections");
        if (shed == 0 && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}

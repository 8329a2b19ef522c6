package org.ptdispatcher.engine.mode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.udp.DatagramFraming;

/**
 * What both datagram modes do with a transport connection that carries datagrams, as the last
 * handler of its pipeline: datagrams go into it in the mode's framing, or are dropped while it
 * cannot keep up; the end of its input ends it.
 */
abstract class DatagramTunnelHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = EngineLog.logger(DatagramTunnelHandler.class);

    protected final String transportName;
    protected final Channel tunnel;
    private final DatagramFraming framing;
    private final String droppingMessage;
    private boolean droppingReported;

    /** @param droppingMessage logged once per connection when it first cannot keep up */
    DatagramTunnelHandler(String transportName, Channel tunnel, DatagramFraming framing, String droppingMessage) {
        this.transportName = transportName;
        this.tunnel = tunnel;
        this.framing = framing;
        this.droppingMessage = droppingMessage;
    }

    /**
     * Writes one datagram into the connection, framed, without flushing. Takes ownership.
     *
     * @return false if the connection is closed (the tables' "write failure"); true if written,
     *         or dropped because the connection's send buffer is full
     */
    final boolean send(ByteBuf datagram) {
        if (!tunnel.isActive()) {
            datagram.release();
            return false;
        }
        if (!tunnel.isWritable()) {
            // UDP may lose packets; a connection that cannot keep up drops them rather than buffer without end.
            datagram.release();
            if (!droppingReported) {
                droppingReported = true;
                LOG.log(System.Logger.Level.INFO, transportName + ": " + droppingMessage);
            }
            return true;
        }
        tunnel.write(framing.encode(tunnel.alloc(), datagram), tunnel.voidPromise());
        return true;
    }

    /** A datagram tunnel has no use for half a connection: the end of input ends it. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }
}

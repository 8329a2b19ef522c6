package org.ptdispatcher.engine.log;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.ptdispatcher.engine.ipc.IpcWriter;

/** Netty's loggers, writing LOG lines (see {@link NettyIpcLogger}). */
final class NettyIpcLoggerFactory extends InternalLoggerFactory {
    private final IpcWriter writer;

    NettyIpcLoggerFactory(IpcWriter writer) {
        this.writer = writer;
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new NettyIpcLogger(name, writer);
    }
}

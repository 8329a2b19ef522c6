package org.ptdispatcher.engine.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Start-up in parallel: while the main thread negotiates the version, reads the configuration
 * and loads the transports, a second thread initializes the Netty classes every start needs
 * (platform probes, allocator, event loops, pipelines, bootstraps) and makes the JDK spin the
 * proxy classes of the first annotations Netty reads ({@code @Sharable}, {@code @Skip}). All of it
 * runs interpreted and once, about half of the time from spawn to {@code CMETHODS DONE}; on a
 * second core it is off that path. The main thread needs nothing from here: when it reaches a
 * class still being initialized it waits for it, as it would have initialized it itself.
 *
 * <p>Two phases. The annotations first: reading them initializes no Netty class, so it can start
 * before the main thread has pointed logging at the IPC channel. The classes once it has
 * ({@link #loggingReady()}), so that their static loggers are the bridged ones. Not here: the
 * epoll classes, which load Netty's native library from a directory that is known only once the
 * configuration (the state directory) has been read.
 */
public final class NettyWarmUp {
    private static final CountDownLatch LOGGING_READY = new CountDownLatch(1);

    private static final List<String> CLASSES = List.of(
            "io.netty.util.internal.PlatformDependent",
            "io.netty.util.internal.InternalThreadLocalMap",
            "io.netty.util.ResourceLeakDetector",
            "io.netty.buffer.ByteBufUtil",
            "io.netty.util.concurrent.GlobalEventExecutor",
            "io.netty.channel.group.DefaultChannelGroup",
            "io.netty.channel.MultiThreadIoEventLoopGroup",
            "io.netty.channel.SingleThreadIoEventLoop",
            "io.netty.channel.DefaultChannelId",
            "io.netty.channel.DefaultChannelPipeline",
            "io.netty.channel.ChannelOutboundBuffer",
            "io.netty.channel.DefaultChannelConfig",
            "io.netty.channel.ChannelHandlerMask",
            "io.netty.bootstrap.ServerBootstrap",
            "io.netty.bootstrap.Bootstrap");

    private NettyWarmUp() {
    }

    /** Lets the second phase, Netty's classes, begin: call once logging is set up. */
    public static void loggingReady() {
        LOGGING_READY.countDown();
    }

    /** Starts the warm-up thread (a daemon: it never holds the process up). */
    public static void start() {
        Thread thread = new Thread(NettyWarmUp::run, "netty-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        ClassLoader loader = NettyWarmUp.class.getClassLoader();
        try {
            ChannelInitializer.class.getAnnotations();
            ChannelInboundHandlerAdapter.class.getMethod("channelRead", ChannelHandlerContext.class, Object.class).getAnnotations();
            LOGGING_READY.await();
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Only an optimisation: the main thread meets the same classes and reports what is wrong.
        }
    }
}

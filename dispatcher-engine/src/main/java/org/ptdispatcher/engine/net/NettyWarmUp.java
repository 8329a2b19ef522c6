package org.ptdispatcher.engine.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import io.netty.util.internal.PlatformDependent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Start-up in parallel: while the main thread negotiates the version, reads the configuration
 * and loads the transports, a second thread initializes the Netty classes every start needs
 * (the native epoll transport, platform probes, allocator, event loops, pipelines, bootstraps)
 * and makes the JDK spin the proxy classes of the first annotations Netty reads
 * ({@code @Sharable}, {@code @Skip}). All of it runs interpreted and once, most of the time from
 * spawn to {@code CMETHODS DONE}; on a second core it is off that path. The main thread needs
 * nothing from here: when it reaches a class still being initialized it waits for it, as it would
 * have initialized it itself. Start it once logging points at the IPC channel, so that Netty's
 * static loggers write LOG lines.
 *
 * <p>The native epoll transport comes first, when its library is installed beside the engine (on
 * {@code java.library.path}, where the app image puts it): loading it and probing the kernel is
 * the longest single step of a start, and the main thread needs it first. Not when the library
 * would be unpacked from the jar: that needs a working directory, and the only one the spec
 * allows, the state directory, is known only once the main thread has read the configuration.
 */
public final class NettyWarmUp {
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

    /** Starts the warm-up thread (a daemon: it never holds the process up). */
    public static void start() {
        Thread thread = new Thread(NettyWarmUp::run, "netty-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        ClassLoader loader = NettyWarmUp.class.getClassLoader();
        try {
            if (epollLibraryInstalled()) {
                Epoll.isAvailable();
            }
            ChannelInitializer.class.getAnnotations();
            ChannelInboundHandlerAdapter.class.getMethod("channelRead", ChannelHandlerContext.class, Object.class).getAnnotations();
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Only an optimisation: the main thread meets the same classes and reports what is wrong.
        }
    }

    /** Whether Netty will find its epoll library on {@code java.library.path}, the first place it looks. */
    static boolean epollLibraryInstalled() {
        String file = System.mapLibraryName("netty_transport_native_epoll_" + PlatformDependent.normalizedArch());
        for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, file))) {
                return true;
            }
        }
        return false;
    }
}

package org.ptdispatcher.engine.net;

import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * A TCP socket bound and listening before Netty's event loops and pipelines exist, so that the
 * dispatcher can announce its address (CMETHOD, SMETHOD) without waiting for them: setting them up
 * the first time is most of a start, and connections that arrive meanwhile wait in the kernel's
 * backlog. Then {@link #channel()} hands the socket to Netty, of the kind the runtime uses (native
 * epoll or NIO), already bound.
 */
public abstract class ListeningSocket {
    /** Pending connections the kernel keeps for us: as many as Netty's listeners had. */
    static final int BACKLOG = 1024;

    /** Binds to {@code address} and listens; for epoll, Netty's native library must be loaded. */
    static ListeningSocket open(boolean epoll, InetSocketAddress address) throws IOException {
        return epoll ? new Native(address) : new Jdk(address);
    }

    public abstract InetSocketAddress localAddress();

    /** The Netty channel over this socket; call once. */
    abstract ServerChannel channel();

    /** Closes a socket that will not be handed to Netty. */
    public abstract void close();

    /**
     * Accepts every connection waiting in the backlog and closes it at once; returns how many.
     * Stops when none is left or accepting fails. Runs on the listener's event loop, where the
     * socket is non-blocking.
     */
    abstract int shedPending();

    /** A socket made with Netty's native library, for {@link EpollServerSocketChannel}. */
    private static final class Native extends ListeningSocket {
        private final Socket socket;

        Native(InetSocketAddress address) throws IOException {
            socket = Socket.newSocketStream();
            try {
                socket.setReuseAddress(true);
                socket.bind(address);
                socket.listen(BACKLOG);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return socket.localAddress();
        }

        @Override
        ServerChannel channel() {
            return new EpollServerSocketChannel(socket.intValue());
        }

        @Override
        int shedPending() {
            byte[] address = new byte[26];
            int shed = 0;
            try {
                for (int fd = socket.accept(address); fd >= 0; fd = socket.accept(address)) {
                    new Socket(fd).close();
                    shed++;
                }
            } catch (IOException stillShort) {
                // the spare descriptor was not enough, or was taken: the rest wait for the next try
            }
            return shed;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was accepted on it
            }
        }
    }

    /** A JDK socket, for {@link NioServerSocketChannel} where native epoll is unavailable. */
    private static final class Jdk extends ListeningSocket {
        private final ServerSocketChannel socket;

        Jdk(InetSocketAddress address) throws IOException {
            socket = ServerSocketChannel.open();
            try {
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                socket.bind(address, BACKLOG);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            try {
                return (InetSocketAddress) socket.getLocalAddress();
            } catch (IOException e) {
                throw new IllegalStateException("a bound socket has no local address", e);
            }
        }

        @Override
        ServerChannel channel() {
            return new NioServerSocketChannel(socket);
        }

        @Override
        int shedPending() {
            int shed = 0;
            try {
                for (java.nio.channels.SocketChannel c = socket.accept(); c != null; c = socket.accept()) {
                    c.close();
                    shed++;
                }
            } catch (IOException stillShort) {
                // as above
            }
            return shed;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was accepted on it
            }
        }
    }
}

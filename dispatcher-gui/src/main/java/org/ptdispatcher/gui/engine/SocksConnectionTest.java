package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.gui.engine.ConnectionTestResult.Failure;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A connection test through a running client: a SOCKS5 CONNECT (RFC 1928) to a destination the
 * user chose, then a probe through the tunnel, and green only when something comes back. The
 * SOCKS reply alone proves little: a Shadowsocks client with a wrong password, or an obfs4 client
 * whose bridge forwards nowhere, still gets one, since the server side keeps quiet rather than
 * answer a stranger. The probe is what a browser would send first: an HTTP request to port 80, a
 * TLS ClientHello (the JDK's, with the name as SNI) to any other port; any answer, even a TLS
 * alert or an echo, shows the path carries bytes both ways.
 * Per-connection transport arguments, when given, travel as Tor sends them: {@code k=v;k=v} in
 * the RFC 1929 username and password (so a version-1 PT such as obfs4proxy gets its bridge's
 * {@code cert}). Blocking: call it off the FX thread. The app's {@link ConnectionTester}.
 */
public final class SocksConnectionTest implements ConnectionTester {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE = 0xff;

    @Override
    public ConnectionTestResult test(HostPort proxy, HostPort destination, Map<String, String> args, Duration timeout) {
        String shown = destination.toString();
        Duration connect;
        try (Socket socket = new Socket()) {
            connect = handshake(socket, proxy, destination, args, timeout);
            return probe(socket, destination, connect);
        } catch (NotConnected e) {
            return e.result;
        } catch (SocketTimeoutException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.TIMEOUT);
        } catch (EOFException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.CLOSED);
        } catch (IOException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.NETWORK, String.valueOf(e.getMessage()));
        }
    }

    /** Sends {@link #probeFor} through the connected tunnel and waits for the first byte back. */
    private static ConnectionTestResult probe(Socket socket, HostPort destination, Duration connect) throws IOException {
        String shown = destination.toString();
        long sent = System.nanoTime();
        try {
            socket.getOutputStream().write(probeFor(destination));
            socket.getOutputStream().flush();
            if (socket.getInputStream().read() < 0) {
                return new ConnectionTestResult.Silent(shown, connect, Failure.CLOSED);
            }
        } catch (SocketTimeoutException e) {
            return new ConnectionTestResult.Silent(shown, connect, Failure.TIMEOUT);
        } catch (IOException e) {
            // A reset after the proxy's success is the tunnel ending unanswered too.
            return new ConnectionTestResult.Silent(shown, connect, Failure.CLOSED);
        }
        return new ConnectionTestResult.Answered(shown, connect, Duration.ofNanos(System.nanoTime() - sent));
    }

    /** What a browser sends first: a {@code HEAD} to port 80, else a TLS ClientHello naming the host. */
    static byte[] probeFor(HostPort destination) throws IOException {
        if (destination.port() == 80) {
            return ("HEAD / HTTP/1.1\r\nHost: " + destination.host() + "\r\nUser-Agent: ptdispatcher-connection-test\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        try {
            SSLEngine engine = destination.isIpLiteral()
                    ? SSLContext.getDefault().createSSLEngine()
                    : SSLContext.getDefault().createSSLEngine(destination.host(), destination.port());
            engine.setUseClientMode(true);
            ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), hello);
            hello.flip();
            byte[] bytes = new byte[hello.remaining()];
            hello.get(bytes);
            return bytes;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS for the probe: " + e.getMessage(), e);
        }
    }

    /**
     * A page through the proxy: CONNECT to its host, TLS for https (the JDK's, checking the
     * server's certificate as a browser would), one {@code GET} with {@code Connection: close}, and
     * the answer read to its end; the time is from CONNECT to the last byte.
     */
    @Override
    public ConnectionTestResult fetch(HostPort proxy, URI page, Duration timeout) {
        String shown = page.toString();
        boolean tls = "https".equalsIgnoreCase(page.getScheme());
        if (page.getHost() == null || !(tls || "http".equalsIgnoreCase(page.getScheme()))) {
            return new ConnectionTestResult.Unreachable(shown, Failure.BAD_DESTINATION);
        }
        HostPort destination = new HostPort(page.getHost(), page.getPort() > 0 ? page.getPort() : tls ? 443 : 80);
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            handshake(socket, proxy, destination, Map.of(), timeout);
            Socket channel = socket;
            if (tls) {
                SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, destination.host(), destination.port(), true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                channel = secure;
            }
            String path = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
            if (page.getRawQuery() != null) {
                path += "?" + page.getRawQuery();
            }
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + page.getHost() + (page.getPort() > 0 ? ":" + page.getPort() : "")
                    + "\r\nUser-Agent: ptdispatcher-connection-test\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            channel.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            channel.getOutputStream().flush();
            byte[] answer = channel.getInputStream().readAllBytes();
            return HttpAnswer.read(shown, answer, Duration.ofNanos(System.nanoTime() - start));
        } catch (NotConnected e) {
            return e.result;
        } catch (SocketTimeoutException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.TIMEOUT);
        } catch (EOFException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.CLOSED);
        } catch (IOException e) {
            return new ConnectionTestResult.Unreachable(shown, Failure.NETWORK, String.valueOf(e.getMessage()));
        }
    }

    /** The SOCKS conversation ended without a connection; {@code result} says how. */
    private static final class NotConnected extends IOException {
        private final transient ConnectionTestResult result;

        NotConnected(ConnectionTestResult result) {
            super(result.toString());
            this.result = result;
        }
    }

    /**
     * Connects {@code socket} to the proxy and asks it for {@code destination}; the socket stays
     * open for what follows.
     *
     * @return the time from the CONNECT request to the proxy's success reply
     * @throws NotConnected when the proxy is no SOCKS5 proxy or refuses
     */
    private static Duration handshake(Socket socket, HostPort proxy, HostPort destination, Map<String, String> args,
                                      Duration timeout) throws IOException {
        String shown = destination.toString();
        socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();

        boolean withArgs = !args.isEmpty();
        out.write(withArgs ? new byte[] {VERSION, 1, USER_PASSWORD} : new byte[] {VERSION, 1, NO_AUTH});
        out.flush();
        int version = in.readUnsignedByte();
        int method = in.readUnsignedByte();
        if (version != VERSION) {
            throw new NotConnected(new ConnectionTestResult.Unreachable(shown, Failure.NOT_SOCKS));
        }
        if (method == NO_ACCEPTABLE || method == USER_PASSWORD && !authenticate(in, out, args)) {
            throw new NotConnected(new ConnectionTestResult.Refused(shown, -1));
        }
        long start = System.nanoTime();
        out.write(connectRequest(destination));
        out.flush();
        int replyVersion = in.readUnsignedByte();
        int reply = in.readUnsignedByte();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
        if (replyVersion != VERSION) {
            throw new NotConnected(new ConnectionTestResult.Unreachable(shown, Failure.NOT_SOCKS));
        }
        if (reply != 0) {
            throw new NotConnected(new ConnectionTestResult.Refused(shown, reply));
        }
        skipBoundAddress(in);
        return roundTrip;
    }

    /** Tor's way: the args in the username, split at 255 bytes into the password; a NUL password when it all fits. */
    private static boolean authenticate(DataInputStream in, OutputStream out, Map<String, String> args) throws IOException {
        byte[] all = TorArgs.formatConnectionArgs(TransportOptions.of(args)).getBytes(StandardCharsets.UTF_8);
        if (all.length > 255 * 2) {
            return false;
        }
        byte[] user = Arrays.copyOfRange(all, 0, Math.min(255, all.length));
        byte[] password = all.length > 255 ? Arrays.copyOfRange(all, 255, all.length) : new byte[] {0};
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(1);
        message.write(user.length);
        message.write(user);
        message.write(password.length);
        message.write(password);
        out.write(message.toByteArray());
        out.flush();
        in.readUnsignedByte();
        return in.readUnsignedByte() == 0;
    }

    static byte[] connectRequest(HostPort destination) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(VERSION);
        request.write(1); // CONNECT
        request.write(0);
        if (destination.isIpLiteral()) {
            byte[] address = destination.toSocketAddress().getAddress().getAddress();
            request.write(address.length == 4 ? 1 : 4);
            request.writeBytes(address);
        } else {
            byte[] name = destination.host().getBytes(StandardCharsets.US_ASCII);
            request.write(3);
            request.write(name.length);
            request.writeBytes(name);
        }
        request.write(destination.port() >> 8);
        request.write(destination.port() & 0xff);
        return request.toByteArray();
    }

    private static void skipBoundAddress(DataInputStream in) throws IOException {
        in.readUnsignedByte(); // reserved
        int type = in.readUnsignedByte();
        int length = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("unknown address type " + type);
        };
        in.readFully(new byte[length + 2]);
    }
}

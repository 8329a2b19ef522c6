package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A connection test through a running client: a SOCKS5 CONNECT (RFC 1928) to a destination the
 * user chose, timed from the request to the reply. That reply comes only once the PT has reached
 * its server and finished its handshake, so the time is the whole path's round trip. Per-connection
 * transport arguments, when given, travel as Tor sends them: {@code k=v;k=v} in the RFC 1929
 * username and password (so a version-1 PT such as obfs4proxy gets its bridge's {@code cert}).
 * Blocking: call it off the FX thread. The app's {@link ConnectionTester}.
 */
public final class SocksConnectionTest implements ConnectionTester {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE = 0xff;

    @Override
    public ConnectionTestResult test(HostPort proxy, HostPort destination, Map<String, String> args, Duration timeout) {
        String shown = destination.toString();
        try (Socket socket = new Socket()) {
            return handshake(socket, proxy, destination, args, timeout);
        } catch (SocketTimeoutException e) {
            return new ConnectionTestResult.Unreachable(shown, "no answer within " + timeout.toSeconds() + " s");
        } catch (EOFException e) {
            return new ConnectionTestResult.Unreachable(shown, "the proxy closed the connection");
        } catch (IOException e) {
            return new ConnectionTestResult.Unreachable(shown, String.valueOf(e.getMessage()));
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
            return new ConnectionTestResult.Unreachable(shown, "destination");
        }
        HostPort destination = new HostPort(page.getHost(), page.getPort() > 0 ? page.getPort() : tls ? 443 : 80);
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            ConnectionTestResult connected = handshake(socket, proxy, destination, Map.of(), timeout);
            if (!(connected instanceof ConnectionTestResult.Connected)) {
                return connected;
            }
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
        } catch (SocketTimeoutException e) {
            return new ConnectionTestResult.Unreachable(shown, "no answer within " + timeout.toSeconds() + " s");
        } catch (EOFException e) {
            return new ConnectionTestResult.Unreachable(shown, "the proxy closed the connection");
        } catch (IOException e) {
            return new ConnectionTestResult.Unreachable(shown, String.valueOf(e.getMessage()));
        }
    }

    /** Connects {@code socket} to the proxy and asks it for {@code destination}; the socket stays open for what follows. */
    private static ConnectionTestResult handshake(Socket socket, HostPort proxy, HostPort destination, Map<String, String> args,
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
            return new ConnectionTestResult.Unreachable(shown, "not a SOCKS5 proxy");
        }
        if (method == NO_ACCEPTABLE) {
            return new ConnectionTestResult.Refused(shown, -1);
        }
        if (method == USER_PASSWORD && !authenticate(in, out, args)) {
            return new ConnectionTestResult.Refused(shown, -1);
        }
        long start = System.nanoTime();
        out.write(connectRequest(destination));
        out.flush();
        int replyVersion = in.readUnsignedByte();
        int reply = in.readUnsignedByte();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
        if (replyVersion != VERSION) {
            return new ConnectionTestResult.Unreachable(shown, "not a SOCKS5 proxy");
        }
        if (reply != 0) {
            return new ConnectionTestResult.Refused(shown, reply);
        }
        skipBoundAddress(in);
        return new ConnectionTestResult.Connected(shown, roundTrip);
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

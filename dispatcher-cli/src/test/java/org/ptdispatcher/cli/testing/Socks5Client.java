package org.ptdispatcher.cli.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SOCKS 5 client over a real socket, for tests that need exact control of the bytes:
 * each step is a method, so a test can stop anywhere or send something malformed instead.
 */
public final class Socks5Client implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private Socks5Client(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the SOCKS listener at {@code host:port} (the text of a CMETHOD address). */
    public static Socks5Client connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1))), 5000);
        socket.setSoTimeout(20_000);
        return new Socks5Client(socket);
    }

    public Socket socket() {
        return socket;
    }

    public void send(byte... bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends bytes written as ints, for readable tests: {@code send(5, 1, 0, 1, 127, 0, 0, 1, 0, 80)}. */
    public void send(int... values) throws IOException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        send(bytes);
    }

    public byte[] read(int n) throws IOException {
        byte[] data = new byte[n];
        in.readFully(data);
        return data;
    }

    /** Offers {@code methods}; returns the method the server chose. */
    public int greet(int... methods) throws IOException {
        byte[] greeting = new byte[2 + methods.length];
        greeting[0] = 5;
        greeting[1] = (byte) methods.length;
        for (int i = 0; i < methods.length; i++) {
            greeting[2 + i] = (byte) methods[i];
        }
        send(greeting);
        byte[] reply = read(2);
        if (reply[0] != 5) {
            throw new IOException("not a SOCKS 5 reply: " + reply[0]);
        }
        return reply[1] & 0xff;
    }

    /** RFC 1929 user/password; returns the status byte (0 = success). */
    public int userPassword(String user, String password) throws IOException {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] msg = new byte[3 + u.length + p.length];
        msg[0] = 1;
        msg[1] = (byte) u.length;
        System.arraycopy(u, 0, msg, 2, u.length);
        msg[2 + u.length] = (byte) p.length;
        System.arraycopy(p, 0, msg, 3 + u.length, p.length);
        send(msg);
        return read(2)[1] & 0xff;
    }

    /** Sends a 0x09 parameter block: 4-byte big-endian length, then the bytes. */
    public void parameterBlock(byte[] json) throws IOException {
        byte[] msg = new byte[4 + json.length];
        msg[0] = (byte) (json.length >>> 24);
        msg[1] = (byte) (json.length >>> 16);
        msg[2] = (byte) (json.length >>> 8);
        msg[3] = (byte) json.length;
        System.arraycopy(json, 0, msg, 4, json.length);
        send(msg);
    }

    /** Sends CONNECT to a domain name; returns the reply code. */
    public int connectDomain(String host, int port) throws IOException {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        byte[] msg = new byte[7 + h.length];
        msg[0] = 5;
        msg[1] = 1;
        msg[3] = 3;
        msg[4] = (byte) h.length;
        System.arraycopy(h, 0, msg, 5, h.length);
        msg[5 + h.length] = (byte) (port >>> 8);
        msg[6 + h.length] = (byte) port;
        send(msg);
        return readReply();
    }

    /** Sends CONNECT to an IPv4 or IPv6 address; returns the reply code. */
    public int connectAddress(byte[] address, int port) throws IOException {
        byte[] msg = new byte[6 + address.length];
        msg[0] = 5;
        msg[1] = 1;
        msg[3] = (byte) (address.length == 4 ? 1 : 4);
        System.arraycopy(address, 0, msg, 4, address.length);
        msg[4 + address.length] = (byte) (port >>> 8);
        msg[5 + address.length] = (byte) port;
        send(msg);
        return readReply();
    }

    /** Reads a whole CONNECT reply; returns its code. */
    public int readReply() throws IOException {
        byte[] head = read(4);
        if (head[0] != 5) {
            throw new IOException("not a SOCKS 5 reply: " + head[0]);
        }
        int addressLength = switch (head[3]) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("bad address type in reply: " + head[3]);
        };
        read(addressLength + 2);
        return head[1] & 0xff;
    }

    /**
     * True if the server closed the connection (end of stream, or a reset) within the socket
     * timeout; false if it sent a byte instead, or nothing until the timeout.
     */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

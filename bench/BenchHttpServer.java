import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A minimal HTTP/1.0 source for benchmarks (not part of the test suite): every request, whatever
 * it asks, gets {@code bytes} pseudo-random bytes (a fixed 4 MiB pattern repeated), written from
 * a direct buffer so the source costs as little CPU as possible. Prints its port, then serves
 * until killed. Run with the JDK's source launcher: {@code java BenchHttpServer.java BYTES}.
 */
public final class BenchHttpServer {
    public static void main(String[] args) throws IOException {
        long bytes = Long.parseLong(args[0]);
        ByteBuffer pattern = ByteBuffer.allocateDirect(4 << 20);
        SplittableRandom random = new SplittableRandom(42);
        while (pattern.remaining() >= 8) {
            pattern.putLong(random.nextLong());
        }
        pattern.flip();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        System.out.println(((InetSocketAddress) listener.getLocalAddress()).getPort());
        System.out.flush();
        while (true) {
            SocketChannel client = listener.accept();
            Thread t = new Thread(() -> serve(client, bytes, pattern.duplicate()));
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(SocketChannel client, long bytes, ByteBuffer pattern) {
        try (client) {
            ByteBuffer request = ByteBuffer.allocate(8192);
            // Read the request head (up to the blank line); its content does not matter.
            while (true) {
                if (client.read(request) < 0) {
                    return;
                }
                String head = new String(request.array(), 0, request.position(), StandardCharsets.ISO_8859_1);
                if (head.contains("\r\n\r\n") || !request.hasRemaining()) {
                    break;
                }
            }
            String reply = "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bytes + "\r\n\r\n";
            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.ISO_8859_1)));
            long left = bytes;
            while (left > 0) {
                pattern.clear();
                if (left < pattern.capacity()) {
                    pattern.limit((int) left);
                }
                while (pattern.hasRemaining()) {
                    left -= client.write(pattern);
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }
}

package org.ptdispatcher.cli.shadow;

import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.Traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the shadow interop tests share: starting peers and our CLI, and checking transfers. */
final class ShadowFixtures {
    static final List<String> CIPHERS = List.of("aes-128-gcm", "aes-256-gcm", "chacha20-ietf-poly1305");
    static final long BIG = 64L * 1024 * 1024;
    static final String PASSWORD = "interop-p@ss word";

    private ShadowFixtures() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits (bounded) until something accepts connections on 127.0.0.1:port. */
    static void awaitListening(int port, PtProcess process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.process().isAlive()) {
                throw new AssertionError("process exited before listening on " + port + ": " + process.allStderr());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on 127.0.0.1:" + port);
    }

    /** {@code ss-server} on loopback; returns it once it listens. Its port is {@code port}. */
    static PtProcess ssServer(int port, String cipher) throws Exception {
        Path ss = Peer.require("ss-server", "shadowsocks-libev");
        PtProcess p = PtProcess.command(ss.toString(), "-s", "127.0.0.1", "-p", Integer.toString(port), "-k", PASSWORD, "-m", cipher, "-t", "30").start();
        awaitListening(port, p);
        return p;
    }

    /** {@code ss-local} offering SOCKS on {@code socksPort}, towards the server at {@code serverPort}. */
    static PtProcess ssLocal(int serverPort, int socksPort, String cipher) throws Exception {
        Path ss = Peer.require("ss-local", "shadowsocks-libev");
        PtProcess p = PtProcess.command(ss.toString(), "-s", "127.0.0.1", "-p", Integer.toString(serverPort), "-l", Integer.toString(socksPort),
                "-b", "127.0.0.1", "-k", PASSWORD, "-m", cipher, "-t", "30").start();
        awaitListening(socksPort, p);
        return p;
    }

    static String json(String cipher, String... extra) {
        StringBuilder s = new StringBuilder("{\"password\":\"" + PASSWORD + "\",\"cipherName\":\"" + cipher + "\"");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            s.append(",\"").append(extra[i]).append("\":\"").append(extra[i + 1]).append('"');
        }
        return s.append('}').toString();
    }

    /** Fetches {@code /hello} with curl through the SOCKS proxy at {@code socks}. */
    static String curlHello(String socks, String httpAddress) throws Exception {
        Path curl = Peer.require("curl", "curl");
        return run(curl.toString(), "-sS", "--max-time", "20", "--socks5-hostname", socks, "http://" + httpAddress + "/hello");
    }

    /** Fetches {@link #BIG} random bytes with curl through {@code socks}; checks length and SHA-256. */
    static void curlBig(String socks, String httpAddress, long seed) throws Exception {
        curlBig(List.of("--socks5-hostname", socks), httpAddress, seed);
    }

    /** The same, with curl's proxy arguments given (none: straight to {@code httpAddress}). */
    static void curlBig(List<String> proxyArgs, String httpAddress, long seed) throws Exception {
        Traffic.curlDownloadProblem(proxyArgs, httpAddress, BIG, seed, 240).ifPresent(problem -> {
            throw new AssertionError(problem);
        });
    }

    /**
     * {@code count} connections at once through SOCKS to an echo server; each must come back byte for
     * byte. No half-close: Shadowsocks has none (ss-local and ss-server end the whole connection on
     * the first end of input).
     */
    static void concurrentEchoes(String socks, String echoHost, int echoPort, int count) throws Exception {
        byte[] host = InetAddress.getByName(echoHost).getAddress();
        Traffic.assertConcurrentEchoesWithoutHalfClose(count, index -> {
            Socks5Client c = Socks5Client.connect(socks);
            assertEquals(0, c.greet(0));
            assertEquals(0, c.connectAddress(host, echoPort), "connection " + index);
            return c.socket();
        });
    }

    static String curlPath() {
        return Peer.require("curl", "curl").toString();
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "exit of " + String.join(" ", command) + ": " + err);
        return out;
    }

}

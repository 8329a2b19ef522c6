package org.ptdispatcher.cli.meek;

import org.ptdispatcher.cli.testing.NetworkNamespace;
import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.TestCa;
import org.ptdispatcher.cli.testing.Traffic;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The meek set-up the interop tests share: a network namespace with 198.18.0.1, where the front
 * and reflector names resolve to it (an /etc/hosts of the test's own, bind-mounted over the real one
 * in a mount namespace of each client's own) and an nginx with the test CA's certificate listens on
 * 198.18.0.1:443, passing each path to one of our meek servers outside; the clients (ours,
 * lyrebird's, obfs4proxy's) run inside and their SOCKS ports are brought out.
 */
final class MeekEndpoints {
    static final String FRONT = "front.test";
    static final String REFLECTOR = "reflector.test";

    private MeekEndpoints() {
    }

    static List<String> certificateNames() {
        return List.of("DNS:" + FRONT, "DNS:" + REFLECTOR, "IP:" + NetworkNamespace.ADDRESS);
    }

    /** One of our servers, plain HTTP on loopback, and its SMETHOD. */
    record Server(PtProcess process, int port, IpcMessage.Smethod smethod) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    static Server ourServer(int port, int target) throws Exception {
        PtProcess server = PtProcess.ptdispatcher().args("-server", "-transport", "meek_lite", "-bindhost", "127.0.0.1",
                "-bindport", Integer.toString(port), "-target", "127.0.0.1:" + target, "-ipcLogLevel", "INFO").start();
        return new Server(server, port, server.awaitSmethod("meek_lite"));
    }

    /** The command prefix that runs a program in the namespace with the test's names resolving to 198.18.0.1. */
    static List<String> withNames(NetworkNamespace namespace, Path dir) throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n" + NetworkNamespace.ADDRESS + " " + FRONT + " " + REFLECTOR + "\n");
        List<String> prefix = new ArrayList<>(namespace.enter());
        prefix.addAll(List.of("unshare", "-m", "sh", "-c", "mount --bind '" + hosts + "' /etc/hosts && exec \"$@\"", "sh"));
        return prefix;
    }

    /** nginx on 198.18.0.1:443 in the namespace: {@code /meek/} to inside port 8080, {@code /echo/} to 8081, with X-Forwarded-For. */
    static Nginx nginx(Path dir, NetworkNamespace namespace, TestCa ca) throws Exception {
        return Nginx.startTls(dir, namespace.enter(), NetworkNamespace.ADDRESS + ":443", ca,
                location("/meek/", 8080) + location("/echo/", 8081));
    }

    private static String location(String path, int port) {
        return "    location " + path + " {\n"
                + "      proxy_pass http://127.0.0.1:" + port + "/;\n"
                + "      proxy_set_header Host $host;\n"
                + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + "    }\n";
    }

    /** A client in the namespace and its SOCKS address as the test reaches it, outside. */
    record Client(String name, PtProcess process, String socksAddress) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    static Client ourClient(NetworkNamespace namespace, List<String> prefix, TestCa ca) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(PtProcess.launcher().toString(), "-client", "-transports", "meek_lite", "-ipcLogLevel", "WARN"));
        PtProcess client = PtProcess.command(command.toArray(String[]::new)).env("SSL_CERT_FILE", ca.caFile().toString()).start();
        return new Client("our client", client, outside(namespace, client.awaitCmethod("meek_lite")));
    }

    /** lyrebird's or obfs4proxy's client, run the way tor runs it. */
    static Client goClient(String name, Path program, NetworkNamespace namespace, List<String> prefix, Path state, TestCa ca) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(program.toString());
        PtProcess client = PtProcess.command(command.toArray(String[]::new))
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_CLIENT_TRANSPORTS", "meek_lite")
                .env("TOR_PT_STATE_LOCATION", state.toString())
                .env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                .env("SSL_CERT_FILE", ca.caFile().toString())
                .start();
        return new Client(name, client, outside(namespace, client.awaitCmethod("meek_lite")));
    }

    private static String outside(NetworkNamespace namespace, String insideSocks) throws Exception {
        int port = Integer.parseInt(insideSocks.substring(insideSocks.lastIndexOf(':') + 1));
        return "127.0.0.1:" + namespace.portToOutside(port);
    }

    /** curl's download of {@code bytes} through {@code client} with {@code args}; what went wrong, if anything. */
    static Optional<String> download(Client client, String args, int httpPort, long bytes, long seed) throws Exception {
        int colon = args.indexOf(':');
        String proxyUser = colon >= 0 ? args.substring(0, colon) + ":" + args.substring(colon) : args + ":";
        return Traffic.curlDownloadProblem(List.of("--socks5-hostname", client.socksAddress(), "--proxy-user", proxyUser),
                "127.0.0.1:" + httpPort, bytes, seed, 180);
    }

    /** A stream through {@code client} with {@code args} (the address asked for is a placeholder, as in meek's bridge lines). */
    static Socket tunnel(Client client, String args) throws IOException {
        Socks5Client s = Socks5Client.connect(client.socksAddress());
        assertEquals(0x02, s.greet(0x02));
        assertEquals(0, s.userPassword(args, "\0"));
        int reply = s.connectAddress(new byte[] {(byte) 192, 0, 2, 2}, 2);
        if (reply != 0) {
            s.close();
            throw new AssertionError("SOCKS reply " + reply);
        }
        s.socket().setSoTimeout(60_000);
        return s.socket();
    }
}

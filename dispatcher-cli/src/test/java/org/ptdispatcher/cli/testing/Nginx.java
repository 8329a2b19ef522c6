package org.ptdispatcher.cli.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private nginx (Debian's) with its own configuration, pid file, logs and temporary files in a
 * test's directory, never the system's service: TLS with a {@link TestCa} certificate in front
 * of a webtunnel server, as bridges deploy it. It runs in the foreground as the test's child
 * (optionally inside a {@link NetworkNamespace}) and is stopped by its process.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** A location that passes a WebSocket upgrade (and the client's address) to {@code upstream}, host:port. */
    public static String upgradeLocation(String match, String upstream) {
        return "    location " + match + " {\n"
                + "      proxy_pass http://" + upstream + ";\n"
                + "      proxy_http_version 1.1;\n"
                + "      proxy_set_header Upgrade $http_upgrade;\n"
                + "      proxy_set_header Connection \"upgrade\";\n"
                + "      proxy_set_header Host $host;\n"
                + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + "      proxy_read_timeout 1h;\n"
                + "      proxy_send_timeout 1h;\n"
                + "    }\n";
    }

    /**
     * Starts nginx with TLS on {@code listen} (host:port) and the {@code locations} given; any
     * other path is nginx's own: the static page {@code index.html} at {@code /}, 404 elsewhere.
     *
     * @param prefix a command prefix such as {@link NetworkNamespace#enter()}, or empty
     */
    public static Nginx startTls(Path dir, List<String> prefix, String listen, TestCa ca, String locations) throws Exception {
        Path nginx = Peer.require("nginx", "nginx");
        Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("www/index.html"), "<html><body>It works.</body></html>\n");
        String config = String.join("\n",
                "worker_processes 1;",
                "root".equals(System.getProperty("user.name")) ? "user root;" : "",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;",
                "events { worker_connections 512; }",
                "http {",
                // What the tests look at: the name the client sent in SNI, the request, and the answer.
                "  log_format tunnel '$ssl_server_name \"$request\" $status \"$http_user_agent\" $ssl_protocol $host';",
                "  access_log " + dir.resolve("access.log") + " tunnel;",
                "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                "  server_tokens off;",
                "  server {",
                "    listen " + listen + " ssl;",
                "    ssl_certificate " + ca.serverCertificate() + ";",
                "    ssl_certificate_key " + ca.serverKey() + ";",
                // Debian's nginx 1.22 offers TLS 1.2 alone unless told (1.23.4 added 1.3 to the default).
                "    ssl_protocols TLSv1.2 TLSv1.3;",
                "    root " + dir.resolve("www") + ";",
                locations,
                "  }",
                "}",
                "");
        Path conf = Files.writeString(dir.resolve("nginx.conf"), config);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(nginx.toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-g", "daemon off;"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx started = new Nginx(process, dir);
        started.awaitListening();
        return started;
    }

    /** nginx writes its pid file once its listeners are open. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(dir.resolve("nginx.pid"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            Thread.sleep(50);
        }
    }

    /** A port that was free a moment ago, for programs that cannot be told to pick one (nginx). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The access log's lines so far: {@code SNI "REQUEST" STATUS "USER-AGENT" PROTOCOL HOST}. nginx writes
     * a proxied upgrade's line when the connection ends.
     */
    public List<String> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Waits for an access log line that starts with {@code prefix} (nginx writes it when the connection ends). */
    public String awaitAccessLog(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : accessLog()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access log line starting with \"" + prefix + "\" within " + timeout + ": " + accessLog());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

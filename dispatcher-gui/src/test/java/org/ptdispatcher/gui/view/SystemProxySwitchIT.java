package org.ptdispatcher.gui.view;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.PrivateDesktopSession;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The system proxy switch through the window, against GNOME's real settings (gsettings and dconf
 * in a D-Bus session of the test's own): a Shadowsocks client (real ss-server behind it) turned
 * into the system proxy points GNOME at its port, and that port carries a real HTTP request
 * (curl, as a program following the setting would send it); Stop puts the user's settings back.
 */
class SystemProxySwitchIT extends GuiTest {
    private static final String PROXY = "org.gnome.system.proxy";
    private static final String CIPHER = "chacha20-ietf-poly1305";
    private static final String PASSWORD = "system proxy";
    private static Path sessionDirectory;
    private static PrivateDesktopSession session;
    private Process ssServer;
    private HttpServer web;

    @BeforeAll
    static void startDesktopSession() throws Exception {
        sessionDirectory = Files.createTempDirectory("ptd-desktop-session");
        session = PrivateDesktopSession.start(sessionDirectory);
        // before the app starts: its settings tools use this session, never the desktop running the tests
        System.setProperty(SystemProxy.ENVIRONMENT_PROPERTY, session.asProperty());
    }

    @AfterAll
    static void stopDesktopSession() {
        System.clearProperty(SystemProxy.ENVIRONMENT_PROPERTY);
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void stopPeers() {
        if (ssServer != null) {
            ssServer.destroy();
        }
        if (web != null) {
            web.stop(0);
        }
    }

    @Test
    void theSwitchPointsGnomeAtTheRunningClientWhichCarriesARequestAndStopPutsTheUsersSettingsBack() throws Exception {
        ptdispatcherJar();
        Path ssServerProgram = requirePeer("ss-server", "shadowsocks-libev");
        Path curl = requirePeer("curl", "curl");
        session.gsettingsSet(PROXY, "mode", "auto");
        session.gsettingsSet(PROXY + ".http", "host", "corp-proxy.example");
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "through the system proxy".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
        int port = freePort();
        ssServer = new ProcessBuilder(ssServerProgram.toString(), "-s", "127.0.0.1", "-p", String.valueOf(port),
                "-k", PASSWORD, "-m", CIPHER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(port);
        String userInfo = Base64.getUrlEncoder().withoutPadding().encodeToString((CIPHER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        importLine("ss://" + userInfo + "@127.0.0.1:" + port + "#Everything");
        robot.clickOn("#startButton");
        waitUntil("the client's proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready at 127.0.0.1:"));
        String local = textOf("#proxyReady-0").substring("SOCKS5 proxy ready at ".length()).split("[ ,]")[0];

        robot.clickOn("#systemProxySwitch");
        waitUntil("the switch's notice", ENGINE_DEADLINE, () -> textOf("#systemProxyNotice").startsWith("The system proxy now points at " + local));
        assertEquals("'manual'", session.gsettings(PROXY, "mode"));
        String host = session.gsettings(PROXY + ".http", "host").replace("'", "");
        String httpPort = session.gsettings(PROXY + ".http", "port");
        assertEquals(local, host + ":" + httpPort);
        assertEquals(local, session.gsettings(PROXY + ".socks", "host").replace("'", "") + ":" + session.gsettings(PROXY + ".socks", "port"));
        String page = "http://127.0.0.1:" + web.getAddress().getPort() + "/";
        assertEquals("through the system proxy", curl(curl, "http://" + host + ":" + httpPort, page));

        robot.clickOn("#stopButton");
        waitUntil("the settings from before", ENGINE_DEADLINE, () -> textOf("#systemProxyNotice").startsWith("The system proxy settings from before are back"));
        assertEquals("'auto'", session.gsettings(PROXY, "mode"));
        assertEquals("'corp-proxy.example'", session.gsettings(PROXY + ".http", "host"));
    }

    /** curl through {@code proxy} (loopback is otherwise never proxied: --noproxy with nothing). */
    private static String curl(Path curl, String proxy, String page) throws Exception {
        Process process = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "20", "--noproxy", "", "-x", proxy, page)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("curl through " + proxy + " failed: " + output);
        }
        return output;
    }
}

package org.ptdispatcher.gui.view;

import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.GuiTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection test is green only when an answer came back through the tunnel. A Shadowsocks
 * link with the wrong password still gets the local proxy's SOCKS success (the client cannot know
 * better), but the real ss-server cannot read it and keeps quiet: red, saying nothing came back.
 * The same server with the right password: green, an answer came back; and the password is in
 * no engine's command line.
 */
class ShadowsocksTestTellsTheTruthIT extends GuiTest {
    private static final String CIPHER = "aes-256-gcm";
    private static final String PASSWORD = "the right one";
    private Process ssServer;

    @AfterEach
    void stopSsServer() {
        if (ssServer != null) {
            ssServer.destroy();
        }
    }

    @Test
    void aWrongPasswordTestsRedAndTheRightOneGreen() throws Exception {
        ptdispatcherJar();
        Path ssServerProgram = requirePeer("ss-server", "shadowsocks-libev");
        try (EchoServer echo = EchoServer.start()) {
            int port = freePort();
            ssServer = new ProcessBuilder(ssServerProgram.toString(), "-s", "127.0.0.1", "-p", String.valueOf(port),
                    "-k", PASSWORD, "-m", CIPHER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitListening(port);

            importLine(link("a wrong password", port, "Wrong"));
            startAndTest(echo);
            waitUntil("the wrong password's result", ENGINE_DEADLINE, () -> !textOf("#testResult").isEmpty()
                    && !textOf("#testResult").equals("Testing…"));
            assertTrue(textOf("#testResult").startsWith("The proxy connected to " + echo.address() + ", but nothing came back through the tunnel"),
                    textOf("#testResult"));
            assertTrue(styleOf("#testResult").contains("failure"), "shown as a failure: " + styleOf("#testResult"));
            robot.clickOn("#stopButton");

            importLine(link(PASSWORD, port, "Right"));
            startAndTest(echo);
            long pid = get(() -> vm().selectedRun().orElseThrow().pidProperty().get());
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            assertFalse(commandLine.contains(PASSWORD), "the password is not on the command line every local user sees: " + commandLine);
            waitUntil("the right password's answer", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected to " + echo.address()));
            assertTrue(textOf("#testResult").contains("an answer came back through the tunnel"), textOf("#testResult"));
            assertTrue(styleOf("#testResult").contains("success"), "shown as a success: " + styleOf("#testResult"));
        }
    }

    private void startAndTest(EchoServer echo) throws Exception {
        robot.clickOn("#startButton");
        waitUntil("the client's SOCKS5 proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready at 127.0.0.1:"));
        typeInto("#testDestination", echo.address());
        robot.clickOn("#testConnection");
    }

    private List<String> styleOf(String query) throws Exception {
        return onFx(() -> List.copyOf(robot.lookup(query).<Node>query().getStyleClass()));
    }

    private static String link(String password, int port, String name) {
        String userInfo = Base64.getUrlEncoder().withoutPadding().encodeToString((CIPHER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "ss://" + userInfo + "@127.0.0.1:" + port + "#" + name;
    }
}

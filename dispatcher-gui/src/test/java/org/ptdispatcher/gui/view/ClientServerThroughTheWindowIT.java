package org.ptdispatcher.gui.view;

import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole flow through the window with the real packaged ptdispatcher: make a server and a client
 * by typing into the forms, start them, see the real CMETHOD address, test a connection through the
 * client and the server to a local echo server (its bytes in the traffic line), kill the client from outside (it comes back by
 * itself on its port), stop the client (its process is gone), and close the window while the
 * server runs (its process is gone too).
 */
class ClientServerThroughTheWindowIT extends GuiTest {
    private static final Pattern SERVER_READY = Pattern.compile("at (127\\.0\\.0\\.1:\\d+)");
    private static final Pattern PROXY_READY = Pattern.compile("^SOCKS5 proxy ready at 127\\.0\\.0\\.1:(\\d+)$");
    /** Received and sent both more than nothing: the test's probe went out through the tunnel and its echo came back. */
    private static final Pattern TRAFFIC = Pattern.compile("^↓ .+/s ↑ .+/s · (?!0 B received)\\S+ \\S+ received, (?!0 B sent)\\S+ \\S+ sent$");

    @Test
    void makeStartTestKillStopAndClose() throws Exception {
        ptdispatcherJar();
        try (EchoServer echo = EchoServer.start()) {
            // A server, typed in.
            robot.clickOn("#newServer");
            typeInto("#field-name", "My test server");
            typeInto("#field-transport", "plain");
            typeInto("#field-listen", "127.0.0.1:0");
            typeInto("#field-target", echo.address());
            assertTrue(textOf("#commandPreview").contains("-bindaddr plain-127.0.0.1:0 -target " + echo.address()),
                    "the preview shows the launch: " + textOf("#commandPreview"));
            robot.clickOn("#startButton");
            waitUntil("the server's SMETHOD address", ENGINE_DEADLINE, () -> SERVER_READY.matcher(textOf("#serverReady-0")).find());
            Matcher server = SERVER_READY.matcher(textOf("#serverReady-0"));
            assertTrue(server.find());
            String serverAddress = server.group(1);
            assertEquals("plain " + serverAddress, textOf("#share-0"), "the bridge line to share");
            Profile serverProfile = get(() -> vm().selectedProperty().get());
            long serverPid = get(() -> vm().runFor(serverProfile).pidProperty().get());

            // A client pointing at it, typed in; the proxy address is the real one the engine announced.
            robot.clickOn("#newClient");
            typeInto("#field-name", "My test client");
            typeInto("#field-transport", "plain");
            typeInto("#field-target", serverAddress);
            robot.clickOn("#startButton");
            waitUntil("the client's CMETHOD address", ENGINE_DEADLINE, () -> PROXY_READY.matcher(textOf("#proxyReady-0")).matches());
            Profile clientProfile = get(() -> vm().selectedProperty().get());
            RunViewModel clientRun = get(() -> vm().runFor(clientProfile));
            String announced = get(() -> clientRun.proxies().get(0).address());
            assertEquals("SOCKS5 proxy ready at " + announced, textOf("#proxyReady-0"));
            assertEquals(Role.CLIENT, clientProfile.role());
            long clientPid = get(() -> clientRun.pidProperty().get());

            // The connection test goes client -> server -> echo server.
            assertEquals(serverAddress, textOf("#testDestination"), "the test destination defaults to the bridge");
            robot.clickOn("#testConnection");
            waitUntil("a successful connection test", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected to " + serverAddress));
            assertTrue(textOf("#testResult").matches("Connected to .* through the proxy in \\d+ ms, and an answer came back through the tunnel \\d+ ms later\\."), textOf("#testResult"));
            waitUntil("the server forwarding the test to the echo server", ENGINE_DEADLINE, () -> echo.acceptedConnections() >= 1);
            waitUntil("the test's bytes in the traffic line", ENGINE_DEADLINE, () -> TRAFFIC.matcher(textOf("#trafficLine")).matches());
            assertTrue(get(() -> find("#trafficChart").orElseThrow().getParent().isVisible()), "the speed chart beside it");

            // Killed from outside: it comes back by itself on the same port, the count shows, the old green is gone.
            assertEquals(clientProfile.listenAddress(), announced, "the port the new profile was given when it was made");
            ProcessHandle.of(clientPid).orElseThrow().destroyForcibly();
            waitForExit(clientPid, "the client engine after kill -9");
            waitUntil("the restart count", ENGINE_DEADLINE, () -> textOf("#restartCount").equals("Started again by itself 1 time(s) since you pressed Start."));
            waitUntil("the client up again", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").equals("SOCKS5 proxy ready at " + announced));
            assertEquals("", textOf("#testResult"), "the result of the killed run's test is not shown as this one's");
            clientPid = get(() -> clientRun.pidProperty().get());
            robot.clickOn("#testConnection");
            waitUntil("a successful connection test after the restart", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected to " + serverAddress));

            // Stop: the child is gone, the window says it stopped as asked.
            robot.clickOn("#stopButton");
            waitForExit(clientPid, "the client engine after Stop");
            waitUntil("the stopped headline", ENGINE_DEADLINE, () -> textOf("#runHeadline").equals("Stopped."));
            assertTrue(alive(serverPid), "the server still runs");

            // Closing the window stops the server's engine too.
            robot.interact(() -> app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
            waitForExit(serverPid, "the server engine after closing the window");
            waitUntil("the window to close", Duration.ofSeconds(15), () -> !app.stage().isShowing());
            assertFalse(alive(serverPid));
        }
    }
}

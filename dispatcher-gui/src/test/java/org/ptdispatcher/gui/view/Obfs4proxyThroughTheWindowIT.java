package org.ptdispatcher.gui.view;

import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.GuiTest;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app drives another PT that speaks only the spec: obfs4proxy (Tor's pt-spec 1, environment
 * variables). Through the window: choose it as the engine, start an obfs4 server, copy its bridge
 * line, import it as a client, start that, and test a connection through both to an echo server.
 */
class Obfs4proxyThroughTheWindowIT extends GuiTest {
    private static final Pattern BRIDGE_LINE = Pattern.compile("^obfs4 127\\.0\\.0\\.1:\\d+ cert=[A-Za-z0-9+/]+ iat-mode=0$");

    @Test
    void serverAndClientOfObfs4proxy() throws Exception {
        Path obfs4proxy = requirePeer("obfs4proxy", "obfs4proxy");
        try (EchoServer echo = EchoServer.start()) {
            robot.clickOn("#engineSettings");
            robot.clickOn("#engineOther");
            typeInto("#enginePath", obfs4proxy.toString());
            robot.clickOn("#engineStyle");
            robot.clickOn("Environment variables only (Tor pt-spec 1: obfs4proxy, lyrebird)");
            robot.clickOn("#engineApply");
            assertEquals(LaunchCommand.Style.ENVIRONMENT, get(() -> vm().settingsProperty().get().launchStyle()));

            robot.clickOn("#newServer");
            typeInto("#field-name", "obfs4proxy server");
            typeInto("#field-transport", "obfs4");
            robot.type(KeyCode.TAB);
            // A new server listens on every address; this one is for the client below on this computer.
            typeInto("#field-listen", "127.0.0.1:0");
            typeInto("#field-target", echo.address());
            assertTrue(textOf("#commandPreview").contains("TOR_PT_SERVER_TRANSPORTS=obfs4"), textOf("#commandPreview"));
            robot.clickOn("#startButton");
            waitUntil("obfs4proxy's bridge line", ENGINE_DEADLINE, () -> BRIDGE_LINE.matcher(textOf("#share-0")).matches());
            Profile server = get(() -> vm().selectedProperty().get());
            long serverPid = get(() -> vm().runFor(server).pidProperty().get());
            assertEquals("1", get(() -> vm().runFor(server).versionProperty().get()), "obfs4proxy speaks version 1");

            robot.clickOn("#share-0-copy");
            String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
            assertEquals(textOf("#share-0"), copied);

            robot.clickOn("#importLines");
            robot.clickOn("#importText");
            robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
            robot.clickOn("#importButton");
            waitUntil("the imported obfs4 client", ENGINE_DEADLINE, () -> vm().profiles().size() == 2);
            robot.clickOn("#startButton");
            waitUntil("obfs4proxy's SOCKS5 proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready at 127.0.0.1:"));
            Profile client = get(() -> vm().selectedProperty().get());
            long clientPid = get(() -> vm().runFor(client).pidProperty().get());

            robot.clickOn("#testConnection");
            waitUntil("a connection through both obfs4proxy halves", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected to "));
            waitUntil("the obfs4 server forwarding to the echo server", ENGINE_DEADLINE, () -> echo.acceptedConnections() >= 1);

            robot.clickOn("#stopButton");
            waitForExit(clientPid, "obfs4proxy client after Stop");
            onFx(() -> vm().selectedProperty().get() == null ? null : null);
            robot.interact(() -> vm().selectedProperty().set(server));
            robot.clickOn("#stopButton");
            waitForExit(serverPid, "obfs4proxy server after Stop");
            assertTrue(textOf("#runHeadline").equals("Stopped.") || textOf("#runHeadline").equals("Stopping…"));
        }
    }
}

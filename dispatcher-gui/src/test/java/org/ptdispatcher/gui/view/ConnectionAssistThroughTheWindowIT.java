package org.ptdispatcher.gui.view;

import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.GuiTest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Test all" through the window: three clients in the list (a Shadowsocks client of a real
 * ss-server in front of an echo server, one whose server is down, one through Tor); each one's
 * result shows in its cell, the working one marked best, and "Connect the best" starts it.
 */
class ConnectionAssistThroughTheWindowIT extends GuiTest {
    private static final String CIPHER = "aes-256-gcm";
    private static final String PASSWORD = "test all";
    private EchoServer echo;
    private Process ssServer;
    private int ssPort;
    private int closedPort;

    @Override
    protected void prepareConfigDirectory() throws Exception {
        Path ssServerProgram = requirePeer("ss-server", "shadowsocks-libev");
        echo = EchoServer.start();
        ssPort = freePort();
        ssServer = new ProcessBuilder(ssServerProgram.toString(), "-s", "127.0.0.1", "-p", String.valueOf(ssPort),
                "-k", PASSWORD, "-m", CIPHER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(ssPort);
        closedPort = freePort();
        Profile throughTor = Profile.builder(Role.CLIENT).name("Tor bridge").transport("obfs4").target("192.0.2.1:443")
                .fingerprint("0123456789ABCDEF0123456789ABCDEF01234567").build();
        new ProfileStore(configDir).save(List.of(client("Down", closedPort), throughTor, client("Working", ssPort)));
    }

    @AfterEach
    void stopPeers() throws Exception {
        if (ssServer != null) {
            ssServer.destroy();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void eachResultShowsInTheListAndTheBestConnects() throws Exception {
        ptdispatcherJar();
        assertTrue(find("#connectBest").orElseThrow().isDisabled(), "nothing is best before a test");
        robot.clickOn("#testAll");
        waitUntil("every probe's result", ENGINE_DEADLINE, () -> !vm().assist().testingProperty().get()
                && !vm().assist().rows().isEmpty());
        waitUntil("the best marked in the list", ENGINE_DEADLINE, () -> assistLines().stream()
                .anyMatch(t -> t.startsWith("Best: The bridge 127.0.0.1:" + ssPort + " answered in ")));
        List<String> lines = assistLines();
        assertEquals(3, lines.size(), String.valueOf(lines));
        assertTrue(lines.get(0).startsWith("The bridge 127.0.0.1:" + closedPort + " did not answer: Connection refused"), lines.get(0));
        assertEquals("Through Tor: not tested here; tor tests its bridges when it connects.", lines.get(1));
        assertTrue(lines.get(2).contains("The handshake and a round trip through the transport took "), lines.get(2));
        assertTrue(textOf("#statusLine").startsWith("1 profile(s) work. The best is Working: "), textOf("#statusLine"));

        robot.clickOn("#connectBest");
        waitUntil("the best's SOCKS5 proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready at 127.0.0.1:"));
        assertEquals("Working", textOf("#profileTitle"));
        long pid = get(() -> vm().selectedRun().orElseThrow().pidProperty().get());
        List<Long> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(p -> p != ssServer.pid()).toList();
        assertEquals(List.of(pid), children, "the best's engine runs, and no probe's");
        robot.clickOn("#stopButton");
        waitForExit(pid, "the best's engine after Stop");
    }

    /** The list's result lines, in the list's order. */
    private List<String> assistLines() throws Exception {
        return onFx(() -> robot.lookup("#profileList").lookup(".assist-result").queryAll().stream()
                .filter(javafx.scene.Node::isVisible).map(n -> ((Label) n).getText()).toList());
    }

    private Profile client(String name, int port) {
        String server = "127.0.0.1:" + port;
        return Profile.builder(Role.CLIENT).name(name).transport(ProfileImport.SHADOW).target(server)
                .options(Map.of(ProfileImport.SHADOW_CIPHER, CIPHER, ProfileImport.SHADOW_PASSWORD, PASSWORD, ProfileImport.SHADOW_SERVER, server))
                .testDestination(echo.address()).build();
    }
}

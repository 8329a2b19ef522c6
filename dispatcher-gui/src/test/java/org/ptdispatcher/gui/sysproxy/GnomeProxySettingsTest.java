package org.ptdispatcher.gui.sysproxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.testing.PrivateDesktopSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system proxy switch against GNOME's real settings: gsettings and the dconf service in a
 * D-Bus session of the test's own ({@link PrivateDesktopSession}).
 */
class GnomeProxySettingsTest {
    private static final String PROXY = "org.gnome.system.proxy";
    private static final HostPort LOCAL_PROXY = new HostPort("127.0.0.1", 18080);

    @TempDir
    Path directory;
    private PrivateDesktopSession session;
    private SystemProxy systemProxy;

    @BeforeEach
    void startSession() throws Exception {
        session = PrivateDesktopSession.start(directory.resolve("session"));
        systemProxy = systemProxy();
        // what the user had: an automatic proxy, and an old SOCKS proxy
        session.gsettingsSet(PROXY, "mode", "auto");
        session.gsettingsSet(PROXY + ".socks", "host", "old.example");
        session.gsettingsSet(PROXY + ".socks", "port", "9999");
    }

    @AfterEach
    void stopSession() {
        if (session != null) {
            session.close();
        }
    }

    /** A new instance each time, as a new start of the app would make. */
    private SystemProxy systemProxy() {
        return new SystemProxy(SystemProxyPlaces.forThisMachine(new ProcessCommands(session.environment()), session.environment()),
                new SystemProxyJournal(directory.resolve("config")));
    }

    @Test
    void turningItOnPointsGnomeAtTheProxyAndOffPutsTheUsersSettingsBack() throws Exception {
        assertEquals(List.of("GNOME"), systemProxy.apply(ProxyTarget.socksAndHttp(LOCAL_PROXY)));

        assertEquals("'manual'", session.gsettings(PROXY, "mode"));
        assertEquals("false", session.gsettings(PROXY, "use-same-proxy"));
        for (String kind : List.of("socks", "http", "https")) {
            assertEquals("'127.0.0.1'", session.gsettings(PROXY + "." + kind, "host"), kind);
            assertEquals("18080", session.gsettings(PROXY + "." + kind, "port"), kind);
        }
        assertEquals("['localhost', '127.0.0.0/8', '::1']", session.gsettings(PROXY, "ignore-hosts"));

        SystemProxy.Restored restored = systemProxy.restore();
        assertEquals(List.of("GNOME"), restored.places());
        assertEquals("'auto'", session.gsettings(PROXY, "mode"));
        assertEquals("'old.example'", session.gsettings(PROXY + ".socks", "host"));
        assertEquals("9999", session.gsettings(PROXY + ".socks", "port"));
        assertEquals("''", session.gsettings(PROXY + ".http", "host"));
        assertFalse(Files.exists(directory.resolve("config").resolve(SystemProxyJournal.FILE_NAME)), "the journal is gone once restored");
    }

    @Test
    void torsPortsGoToSocksAndHttpsOnlySinceItsTunnelPortTakesNoPlainHttp() throws Exception {
        systemProxy.apply(ProxyTarget.torPorts(new HostPort("127.0.0.1", 19050), new HostPort("127.0.0.1", 19080)));

        assertEquals("19050", session.gsettings(PROXY + ".socks", "port"));
        assertEquals("19080", session.gsettings(PROXY + ".https", "port"));
        assertEquals("''", session.gsettings(PROXY + ".http", "host"));
        assertEquals("0", session.gsettings(PROXY + ".http", "port"));
    }

    @Test
    void theNextStartAfterACrashWithTheSwitchOnPutsTheSettingsBack() throws Exception {
        systemProxy.apply(ProxyTarget.socksAndHttp(LOCAL_PROXY));
        // the app dies here: nothing restores; the next start makes a new SystemProxy from the same config directory

        SystemProxy.Restored restored = systemProxy().restore();

        assertEquals(List.of("GNOME"), restored.places());
        assertEquals("'auto'", session.gsettings(PROXY, "mode"));
        assertEquals("'old.example'", session.gsettings(PROXY + ".socks", "host"));
    }

    @Test
    void switchingToAnotherProfileKeepsTheSettingsFromBeforeTheFirst() throws Exception {
        systemProxy.apply(ProxyTarget.socksAndHttp(LOCAL_PROXY));
        systemProxy.apply(ProxyTarget.socksAndHttp(new HostPort("127.0.0.1", 18081)));
        assertEquals("18081", session.gsettings(PROXY + ".socks", "port"));

        systemProxy.restore();

        assertEquals("'auto'", session.gsettings(PROXY, "mode"));
        assertEquals("9999", session.gsettings(PROXY + ".socks", "port"));
    }

    @Test
    void settingsTheUserChangedAfterwardsAreLeftAsTheUserMadeThem() throws Exception {
        systemProxy.apply(ProxyTarget.socksAndHttp(LOCAL_PROXY));
        session.gsettingsSet(PROXY + ".socks", "host", "their.choice.example");

        SystemProxy.Restored restored = systemProxy.restore();

        assertEquals(List.of("GNOME"), restored.leftAlone());
        assertTrue(restored.places().isEmpty());
        assertEquals("'their.choice.example'", session.gsettings(PROXY + ".socks", "host"));
        assertEquals("'manual'", session.gsettings(PROXY, "mode"));
    }
}

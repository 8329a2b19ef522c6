package org.ptdispatcher.gui.sysproxy;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kwriteconfig command lines the switch makes on KDE Plasma, as generated, and the reparse KIO is told. */
class KdeProxySettingsTest {
    @Test
    void manualProxiesInKdesNotationThenKioIsToldToReadThemAgain() throws Exception {
        ScriptedCommands commands = new ScriptedCommands();
        KdeProxySettings kde = new KdeProxySettings(commands, "6");

        kde.write(kde.settingsFor(ProxyTarget.torPorts(new HostPort("127.0.0.1", 19050), new HostPort("127.0.0.1", 19080))));

        List<String> write = List.of("kwriteconfig6", "--file", "kioslaverc", "--group", "Proxy Settings", "--key");
        assertEquals(List.of(
                concat(write, "ProxyType", "1"),
                concat(write, "httpProxy", ""),
                concat(write, "httpsProxy", "http://127.0.0.1 19080"),
                concat(write, "socksProxy", "socks://127.0.0.1 19050"),
                concat(write, "NoProxyFor", "localhost,127.0.0.0/8,::1"),
                List.of("dbus-send", "--type=signal", "/KIO/Scheduler", "org.kde.KIO.Scheduler.reparseSlaveConfiguration", "string:")),
                commands.take());
    }

    private static List<String> concat(List<String> head, String key, String value) {
        List<String> command = new java.util.ArrayList<>(head);
        command.add(key);
        command.add(value);
        return command;
    }
}

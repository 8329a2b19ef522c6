package org.ptdispatcher.gui.sysproxy;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reg and PowerShell command lines the switch makes on Windows, as generated. */
class WindowsProxySettingsTest {
    private static final String KEY = WindowsProxySettings.KEY;
    private static final List<String> REFRESH = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", WindowsProxySettings.REFRESH_SCRIPT);

    private final ScriptedCommands reg = new ScriptedCommands()
            .answer(List.of("reg", "query", KEY, "/v", "ProxyEnable"), 0, "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n"
                    + "    ProxyEnable    REG_DWORD    0x0\r\n\r\n")
            .answer(List.of("reg", "query", KEY, "/v", "ProxyServer"), 0, "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n"
                    + "    ProxyServer    REG_SZ    corp-proxy:3128\r\n\r\n")
            .answer(List.of("reg", "query", KEY, "/v", "ProxyOverride"), 1, "");
    private final WindowsProxySettings windows = new WindowsProxySettings(reg);

    @Test
    void readsTheThreeValuesAnAbsentOneAsEmpty() throws Exception {
        assertEquals(Map.of("ProxyEnable", "0", "ProxyServer", "corp-proxy:3128", "ProxyOverride", ""), windows.read());
    }

    @Test
    void ourEnginesPortIsSetForHttpAndHttpsWithLocalAddressesBypassedThenWinInetIsTold() throws Exception {
        windows.write(windows.settingsFor(ProxyTarget.socksAndHttp(new HostPort("127.0.0.1", 18080))));

        assertEquals(List.of(
                List.of("reg", "add", KEY, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "1", "/f"),
                List.of("reg", "add", KEY, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "http=127.0.0.1:18080;https=127.0.0.1:18080", "/f"),
                List.of("reg", "add", KEY, "/v", "ProxyOverride", "/t", "REG_SZ", "/d", "localhost;127.*;[::1];<local>", "/f"),
                REFRESH), reg.take());
    }

    @Test
    void torsSocksPortIsSetOnlyWhereThereIsNoPlainHttpProxy() {
        Map<String, String> values = windows.settingsFor(ProxyTarget.torPorts(new HostPort("127.0.0.1", 19050), new HostPort("127.0.0.1", 19080)));

        assertEquals("https=127.0.0.1:19080;socks=127.0.0.1:19050", values.get("ProxyServer"));
    }

    @Test
    void restoringPutsBackWhatWasThereAndDeletesWhatWasNot() throws Exception {
        Map<String, String> before = windows.read();
        reg.take();

        windows.write(before);

        assertEquals(List.of(
                List.of("reg", "add", KEY, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "0", "/f"),
                List.of("reg", "add", KEY, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "corp-proxy:3128", "/f"),
                List.of("reg", "delete", KEY, "/v", "ProxyOverride", "/f"),
                REFRESH), reg.take());
    }
}

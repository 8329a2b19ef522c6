package org.ptdispatcher.gui.sysproxy;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networksetup command lines the switch makes on macOS, as generated, from networksetup's own output. */
class MacProxySettingsTest {
    private final ScriptedCommands networksetup = new ScriptedCommands()
            .answer(List.of("networksetup", "-listallnetworkservices"), 0,
                    "An asterisk (*) denotes that a network service is disabled.\nWi-Fi\n*Bluetooth PAN\nUSB 10/100/1000 LAN\n")
            .answer(List.of("networksetup", "-getwebproxy", "Wi-Fi"), 0,
                    "Enabled: No\nServer: \nPort: 0\nAuthenticated Proxy Enabled: 0\n")
            .answer(List.of("networksetup", "-getsecurewebproxy", "Wi-Fi"), 0,
                    "Enabled: Yes\nServer: corp-proxy\nPort: 3128\nAuthenticated Proxy Enabled: 0\n")
            .answer(List.of("networksetup", "-getsocksfirewallproxy", "Wi-Fi"), 0,
                    "Enabled: No\nServer: old.example\nPort: 1080\nAuthenticated Proxy Enabled: 0\n")
            .answer(List.of("networksetup", "-getproxybypassdomains", "Wi-Fi"), 0,
                    "There aren't any bypass domains set on Wi-Fi.\n");
    private final MacProxySettings wifi = new MacProxySettings(networksetup, "Wi-Fi");

    @Test
    void everyEnabledServiceGetsItsOwnProxiesAndADisabledOneNone() throws Exception {
        assertEquals(List.of("Wi-Fi", "USB 10/100/1000 LAN"), MacProxySettings.enabledServices(networksetup));
    }

    @Test
    void readsEachProxyAsStateServerAndPort() throws Exception {
        assertEquals(Map.of("webproxy", "off  0", "securewebproxy", "on corp-proxy 3128", "socksfirewallproxy", "off old.example 1080",
                "proxybypassdomains", ""), wifi.read());
    }

    @Test
    void ourEnginesPortIsSetForWebSecureWebAndSocksWithLocalNamesBypassed() throws Exception {
        wifi.write(wifi.settingsFor(ProxyTarget.socksAndHttp(new HostPort("127.0.0.1", 18080))));

        assertEquals(List.of(
                List.of("networksetup", "-setwebproxy", "Wi-Fi", "127.0.0.1", "18080"),
                List.of("networksetup", "-setwebproxystate", "Wi-Fi", "on"),
                List.of("networksetup", "-setsecurewebproxy", "Wi-Fi", "127.0.0.1", "18080"),
                List.of("networksetup", "-setsecurewebproxystate", "Wi-Fi", "on"),
                List.of("networksetup", "-setsocksfirewallproxy", "Wi-Fi", "127.0.0.1", "18080"),
                List.of("networksetup", "-setsocksfirewallproxystate", "Wi-Fi", "on"),
                List.of("networksetup", "-setproxybypassdomains", "Wi-Fi", "localhost", "127.0.0.1", "::1", "*.local")), networksetup.take());
    }

    @Test
    void restoringPutsEachProxyBackWithItsStateAndClearsTheBypassList() throws Exception {
        Map<String, String> before = wifi.read();
        networksetup.take();

        wifi.write(before);

        assertEquals(List.of(
                List.of("networksetup", "-setwebproxystate", "Wi-Fi", "off"),
                List.of("networksetup", "-setsecurewebproxy", "Wi-Fi", "corp-proxy", "3128"),
                List.of("networksetup", "-setsecurewebproxystate", "Wi-Fi", "on"),
                List.of("networksetup", "-setsocksfirewallproxy", "Wi-Fi", "old.example", "1080"),
                List.of("networksetup", "-setsocksfirewallproxystate", "Wi-Fi", "off"),
                List.of("networksetup", "-setproxybypassdomains", "Wi-Fi", "Empty")), networksetup.take());
    }

    @Test
    void aProxyTurnedOffStillHoldsWhateverServerItNamesButAnotherServerTurnedOnDoesNot() {
        Map<String, String> applied = wifi.settingsFor(ProxyTarget.torPorts(new HostPort("127.0.0.1", 19050), new HostPort("127.0.0.1", 19080)));
        Map<String, String> now = new java.util.HashMap<>(applied);
        now.put("webproxy", "off corp-proxy 3128");
        assertTrue(wifi.stillHolds(now, applied));

        now.put("socksfirewallproxy", "on their.choice 1080");
        assertFalse(wifi.stillHolds(now, applied));
    }
}

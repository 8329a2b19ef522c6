package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.engine.common.HostPort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One macOS network service's proxies (Wi-Fi, Ethernet, ...), through {@code networksetup}: the web
 * (HTTP), secure web (HTTPS) and SOCKS proxies, each kept as "state server port" ({@code on 127.0.0.1 1080}),
 * and the bypass domains, one per line. macOS uses the proxies of whichever service carries
 * the traffic, so every enabled service gets its own.
 */
public final class MacProxySettings implements ProxySettings {
    static final String PREFIX = "macOS ";
    private static final List<String> PROXIES = List.of("webproxy", "securewebproxy", "socksfirewallproxy");
    private static final String BYPASS = "proxybypassdomains";

    private final Commands commands;
    private final String service;

    public MacProxySettings(Commands commands, String service) {
        this.commands = commands;
        this.service = service;
    }

    /** The enabled network services ({@code networksetup -listallnetworkservices}; a disabled one is marked with *). */
    public static List<String> enabledServices(Commands commands) throws IOException {
        List<String> services = new ArrayList<>();
        List<String> lines = commands.require(List.of("networksetup", "-listallnetworkservices")).lines().toList();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isBlank() && !line.startsWith("*")) {
                services.add(line.strip());
            }
        }
        return services;
    }

    @Override
    public String name() {
        return PREFIX + service;
    }

    @Override
    public Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String proxy : PROXIES) {
            values.put(proxy, proxyOf(commands.require(List.of("networksetup", "-get" + proxy, service))));
        }
        values.put(BYPASS, bypassOf(commands.require(List.of("networksetup", "-get" + BYPASS, service))));
        return values;
    }

    /** "on server port" from {@code Enabled: Yes / Server: ... / Port: ...}. */
    static String proxyOf(String output) {
        String enabled = "off";
        String server = "";
        String port = "0";
        for (String line : output.lines().toList()) {
            if (line.startsWith("Enabled:")) {
                enabled = line.substring("Enabled:".length()).strip().equalsIgnoreCase("Yes") ? "on" : "off";
            } else if (line.startsWith("Server:")) {
                server = line.substring("Server:".length()).strip();
            } else if (line.startsWith("Port:")) {
                port = line.substring("Port:".length()).strip();
            }
        }
        return enabled + " " + server + " " + port;
    }

    /** One domain per line, or "" when networksetup says there are none. */
    static String bypassOf(String output) {
        if (output.startsWith("There aren't any")) {
            return "";
        }
        return String.join("\n", output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    @Override
    public Map<String, String> settingsFor(ProxyTarget target) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("webproxy", setting(target.http()));
        values.put("securewebproxy", setting(target.https()));
        values.put("socksfirewallproxy", setting(Optional.of(target.socks())));
        values.put(BYPASS, String.join("\n", List.of("localhost", "127.0.0.1", "::1", "*.local")));
        return values;
    }

    private static String setting(Optional<HostPort> address) {
        return address.map(a -> "on " + a.host() + " " + a.port()).orElse("off  0");
    }

    /** A proxy the app turned off is still so whatever server it names (turning off leaves the server field as it was). */
    @Override
    public boolean stillHolds(Map<String, String> current, Map<String, String> applied) {
        for (Map.Entry<String, String> value : applied.entrySet()) {
            String now = current.getOrDefault(value.getKey(), "");
            boolean same = value.getValue().startsWith("off ") ? now.startsWith("off ") : now.equals(value.getValue());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void write(Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getKey().equals(BYPASS)) {
                List<String> command = new ArrayList<>(List.of("networksetup", "-set" + BYPASS, service));
                command.addAll(value.getValue().isEmpty() ? List.of("Empty") : value.getValue().lines().toList());
                commands.require(command);
                continue;
            }
            String[] parts = value.getValue().split(" ", -1);
            String proxy = value.getKey();
            if (parts.length == 3 && !parts[1].isEmpty()) {
                commands.require(List.of("networksetup", "-set" + proxy, service, parts[1], parts[2]));
            }
            commands.require(List.of("networksetup", "-set" + proxy + "state", service, parts[0]));
        }
    }
}

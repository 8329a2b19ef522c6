package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.engine.common.HostPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy for desktops with no proxy settings of their own: the {@code http_proxy} family of
 * variables (both cases: curl reads lower, others upper) in a file of systemd's user
 * {@code environment.d}, which the session gives to the programs started after the next login.
 * Its one value is the file's whole text; "" means no file.
 */
public final class EnvironmentFileProxySettings implements ProxySettings {
    private static final String KEY = "file";
    private final Path file;

    public EnvironmentFileProxySettings(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/environment.d/90-ptdispatcher-proxy.conf}, XDG_CONFIG_HOME being ~/.config unless set. */
    public static Path defaultFile(Map<String, String> environment, String home) {
        String config = environment.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = config.isEmpty() ? Path.of(home, ".config") : Path.of(config);
        return base.resolve("environment.d").resolve("90-ptdispatcher-proxy.conf");
    }

    @Override
    public String name() {
        return "environment.d";
    }

    @Override
    public Map<String, String> read() throws IOException {
        return Map.of(KEY, Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
    }

    @Override
    public Map<String, String> settingsFor(ProxyTarget target) {
        HostPort socks = target.socks();
        String all = "socks5h://" + socks;
        String http = target.http().map(a -> "http://" + a).orElse(all);
        String https = target.https().map(a -> "http://" + a).orElse(all);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("http_proxy", http);
        variables.put("https_proxy", https);
        variables.put("all_proxy", all);
        variables.put("no_proxy", "localhost,127.0.0.0/8,::1");
        StringBuilder text = new StringBuilder("# Written by PT Dispatcher while its system proxy switch is on; removed when it is turned off.\n");
        variables.forEach((name, value) -> text.append(name).append('=').append(value).append('\n')
                .append(name.toUpperCase(java.util.Locale.ROOT)).append('=').append(value).append('\n'));
        return Map.of(KEY, text.toString());
    }


    @Override
    public void write(Map<String, String> values) throws IOException {
        String text = values.getOrDefault(KEY, "");
        if (text.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

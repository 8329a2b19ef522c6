package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.engine.common.HostPort;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KDE Plasma's proxy settings: the "Proxy Settings" group of {@code kioslaverc}, through
 * {@code kreadconfig5}/{@code kwriteconfig5} (or the 6 of Plasma 6), in the notation KDE's own
 * settings page writes ({@code ProxyType=1} is manual; {@code socks://127.0.0.1 1080}, host and
 * port apart). KIO's programs are then told to read it again, over D-Bus.
 */
public final class KdeProxySettings implements ProxySettings {
    private static final String FILE = "kioslaverc";
    private static final String GROUP = "Proxy Settings";
    private static final String MANUAL = "1";

    private final Commands commands;
    private final String plasmaVersion;

    /** @param plasmaVersion "5" or "6": which kreadconfig/kwriteconfig this machine has */
    public KdeProxySettings(Commands commands, String plasmaVersion) {
        this.commands = commands;
        this.plasmaVersion = plasmaVersion;
    }

    @Override
    public String name() {
        return "KDE";
    }

    @Override
    public Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("ProxyType", "httpProxy", "httpsProxy", "socksProxy", "NoProxyFor")) {
            values.put(key, commands.require(List.of("kreadconfig" + plasmaVersion, "--file", FILE, "--group", GROUP, "--key", key)).strip());
        }
        return values;
    }

    @Override
    public Map<String, String> settingsFor(ProxyTarget target) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ProxyType", MANUAL);
        values.put("httpProxy", url("http", target.http()));
        values.put("httpsProxy", url("http", target.https()));
        values.put("socksProxy", url("socks", Optional.of(target.socks())));
        values.put("NoProxyFor", String.join(",", ProxyTarget.BYPASS));
        return values;
    }

    private static String url(String scheme, Optional<HostPort> address) {
        return address.map(a -> scheme + "://" + a.host() + " " + a.port()).orElse("");
    }

    @Override
    public void write(Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> value : values.entrySet()) {
            commands.require(List.of("kwriteconfig" + plasmaVersion, "--file", FILE, "--group", GROUP, "--key", value.getKey(), value.getValue()));
        }
        // Running KDE programs keep the old settings until told; a session without KIO has nobody to tell.
        commands.run(List.of("dbus-send", "--type=signal", "/KIO/Scheduler", "org.kde.KIO.Scheduler.reparseSlaveConfiguration", "string:"));
    }
}

package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.engine.common.HostPort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GNOME's proxy settings ({@code org.gnome.system.proxy}, which GNOME, Cinnamon, Budgie, Unity, and
 * the browsers on them read), through {@code gsettings}. A key is "schema key"; its value is GVariant
 * text as {@code gsettings get} prints it and {@code gsettings set} takes it back ({@code 'manual'},
 * {@code 1080}, {@code ['localhost']}).
 */
public final class GnomeProxySettings implements ProxySettings {
    static final String SCHEMA = "org.gnome.system.proxy";
    private static final List<String> KEYS = List.of(
            SCHEMA + " mode", SCHEMA + " use-same-proxy", SCHEMA + " ignore-hosts",
            SCHEMA + ".socks host", SCHEMA + ".socks port",
            SCHEMA + ".http host", SCHEMA + ".http port",
            SCHEMA + ".https host", SCHEMA + ".https port");

    private final Commands commands;

    public GnomeProxySettings(Commands commands) {
        this.commands = commands;
    }

    /** Whether this machine has gsettings with GNOME's proxy schema. */
    public static boolean presentOn(Commands commands) {
        try {
            Commands.Result schemas = commands.run(List.of("gsettings", "list-schemas"));
            return schemas.succeeded() && schemas.output().lines().anyMatch(SCHEMA::equals);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "GNOME";
    }

    @Override
    public Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            values.put(key, commands.require(command("get", key)).strip());
        }
        return values;
    }

    @Override
    public Map<String, String> settingsFor(ProxyTarget target) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SCHEMA + " mode", "'manual'");
        // true would send everything to the HTTP proxy, SOCKS included
        values.put(SCHEMA + " use-same-proxy", "false");
        values.put(SCHEMA + " ignore-hosts", ProxyTarget.BYPASS.stream().map(GnomeProxySettings::quoted)
                .collect(Collectors.joining(", ", "[", "]")));
        put(values, "socks", Optional.of(target.socks()));
        put(values, "http", target.http());
        put(values, "https", target.https());
        return values;
    }

    private static void put(Map<String, String> values, String kind, Optional<HostPort> address) {
        values.put(SCHEMA + "." + kind + " host", quoted(address.map(HostPort::host).orElse("")));
        values.put(SCHEMA + "." + kind + " port", String.valueOf(address.map(HostPort::port).orElse(0)));
    }

    @Override
    public void write(Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> value : values.entrySet()) {
            List<String> command = command("set", value.getKey());
            command.add(value.getValue());
            commands.require(command);
        }
    }

    private static List<String> command(String verb, String key) {
        String[] schemaAndKey = key.split(" ", 2);
        return new ArrayList<>(List.of("gsettings", verb, schemaAndKey[0], schemaAndKey[1]));
    }

    /** A GVariant string literal: host names and addresses have no quote or backslash, but say so anyway. */
    static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

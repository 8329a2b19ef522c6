package org.ptdispatcher.gui.sysproxy;


import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows' per-user proxy (what Edge, Chrome and WinINet programs use): three values under
 * {@code HKCU\...\Internet Settings} read and written with {@code reg}, then WinINet's
 * "settings changed" and "refresh" calls (through PowerShell, the one way to make them without
 * native code), without which running programs keep the old proxy until restarted. ProxyEnable
 * is kept as decimal text. {@code socks=} means SOCKS4 to WinINet, so HTTP is preferred where the
 * target has it.
 */
public final class WindowsProxySettings implements ProxySettings {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("ProxyEnable", "REG_DWORD");
        TYPES.put("ProxyServer", "REG_SZ");
        TYPES.put("ProxyOverride", "REG_SZ");
    }

    /** INTERNET_OPTION_SETTINGS_CHANGED (39) and INTERNET_OPTION_REFRESH (37), as every proxy switch on Windows makes them. */
    static final String REFRESH_SCRIPT = "$s = Add-Type -PassThru -Name WinInet -Namespace PtDispatcher -MemberDefinition "
            + "'[DllImport(\"wininet.dll\")] public static extern bool InternetSetOption(IntPtr h, int o, IntPtr b, int l);'; "
            + "[void]$s::InternetSetOption([IntPtr]::Zero, 39, [IntPtr]::Zero, 0); "
            + "[void]$s::InternetSetOption([IntPtr]::Zero, 37, [IntPtr]::Zero, 0)";

    private final Commands commands;

    public WindowsProxySettings(Commands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "Windows";
    }

    @Override
    public Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            Commands.Result query = commands.run(List.of("reg", "query", KEY, "/v", name));
            // reg exits 1 when the value does not exist
            values.put(name, query.succeeded() ? dataOf(name, query.output()) : "");
        }
        return values;
    }

    /** The data of {@code name} in reg query's output ({@code     ProxyEnable    REG_DWORD    0x1}). */
    static String dataOf(String name, String output) {
        String type = TYPES.get(name);
        for (String line : output.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith(name + " ") || trimmed.startsWith(name + "\t")) {
                int at = trimmed.indexOf(type);
                String data = at < 0 ? "" : trimmed.substring(at + type.length()).strip();
                return type.equals("REG_DWORD") && data.startsWith("0x") ? String.valueOf(Long.parseLong(data.substring(2), 16)) : data;
            }
        }
        return "";
    }

    @Override
    public Map<String, String> settingsFor(ProxyTarget target) {
        List<String> servers = new ArrayList<>();
        target.http().ifPresent(a -> servers.add("http=" + a));
        target.https().ifPresent(a -> servers.add("https=" + a));
        if (target.http().isEmpty()) {
            servers.add("socks=" + target.socks());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ProxyEnable", "1");
        values.put("ProxyServer", String.join(";", servers));
        values.put("ProxyOverride", "localhost;127.*;[::1];<local>");
        return values;
    }


    @Override
    public void write(Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> value : values.entrySet()) {
            String name = value.getKey();
            if (value.getValue().isEmpty()) {
                Commands.Result deleted = commands.run(List.of("reg", "delete", KEY, "/v", name, "/f"));
                if (!deleted.succeeded() && !read().get(name).isEmpty()) {
                    throw new IOException("reg delete " + name + " exited with " + deleted.exitCode());
                }
            } else {
                commands.require(List.of("reg", "add", KEY, "/v", name, "/t", TYPES.get(name), "/d", value.getValue(), "/f"));
            }
        }
        commands.require(List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", REFRESH_SCRIPT));
    }
}

package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which {@link ProxySettings} a machine has: found when the switch is turned on, named again from the journal to restore. */
public interface SystemProxyPlaces {
    /** The places to set on this machine now. */
    List<ProxySettings> present() throws IOException;

    /** The place a journal entry names, to put its settings back. */
    Optional<ProxySettings> named(String name);

    /**
     * This machine's places: Windows' Internet Settings; every enabled macOS network service; on
     * Linux and the other Unixes GNOME's settings where gsettings has them, KDE's on a KDE desktop,
     * and the environment file where neither is.
     */
    static SystemProxyPlaces forThisMachine(Commands commands, Map<String, String> environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path environmentFile = EnvironmentFileProxySettings.defaultFile(environment, System.getProperty("user.home"));
        return new SystemProxyPlaces() {
            @Override
            public List<ProxySettings> present() throws IOException {
                if (os.startsWith("windows")) {
                    return List.of(new WindowsProxySettings(commands));
                }
                if (os.startsWith("mac")) {
                    return MacProxySettings.enabledServices(commands).stream()
                            .<ProxySettings>map(service -> new MacProxySettings(commands, service)).toList();
                }
                List<ProxySettings> places = new ArrayList<>();
                if (GnomeProxySettings.presentOn(commands)) {
                    places.add(new GnomeProxySettings(commands));
                }
                if (environment.getOrDefault("XDG_CURRENT_DESKTOP", "").toUpperCase(Locale.ROOT).contains("KDE")) {
                    plasmaVersion(environment).ifPresent(version -> places.add(new KdeProxySettings(commands, version)));
                }
                if (places.isEmpty()) {
                    places.add(new EnvironmentFileProxySettings(environmentFile));
                }
                return places;
            }

            @Override
            public Optional<ProxySettings> named(String name) {
                if (name.startsWith(MacProxySettings.PREFIX)) {
                    return Optional.of(new MacProxySettings(commands, name.substring(MacProxySettings.PREFIX.length())));
                }
                switch (name) {
                    case "GNOME":
                        return Optional.of(new GnomeProxySettings(commands));
                    case "KDE":
                        return Optional.of(new KdeProxySettings(commands, plasmaVersion(environment).orElse("5")));
                    case "Windows":
                        return Optional.of(new WindowsProxySettings(commands));
                    case "environment.d":
                        return Optional.of(new EnvironmentFileProxySettings(environmentFile));
                    default:
                        return Optional.empty();
                }
            }
        };
    }

    /** Plasma 6's kwriteconfig6 if it is on the PATH, else Plasma 5's kwriteconfig5. */
    private static Optional<String> plasmaVersion(Map<String, String> environment) {
        for (String version : List.of("6", "5")) {
            for (String dir : environment.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kwriteconfig" + version))) {
                    return Optional.of(version);
                }
            }
        }
        return Optional.empty();
    }
}

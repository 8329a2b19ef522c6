package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system proxy switch: {@link #apply} points every place this machine keeps proxy settings at
 * a target, journaling what was there first; {@link #restore} puts that back. A place someone
 * changed since the app set it (the user picked another proxy) is left as they made it. Restoring
 * is what the app does on Stop, on quit, and on the start after it died with the switch on.
 * Thread-safe; every call blocks on the settings tools.
 */
public final class SystemProxy {
    /** What {@link #restore} did: the places put back, and those left alone because they had been changed since. */
    public record Restored(List<String> places, List<String> leftAlone) {
        public Restored {
            places = List.copyOf(places);
            leftAlone = List.copyOf(leftAlone);
        }

        public boolean nothing() {
            return places.isEmpty() && leftAlone.isEmpty();
        }
    }

    /**
     * Variables (KEY=VALUE, one per line) the settings tools run with besides the app's own: a
     * private D-Bus session in tests, so that they never touch the desktop of whoever runs them.
     * Not for users.
     */
    public static final String ENVIRONMENT_PROPERTY = "ptdispatcher.systemProxyEnvironment";

    private final SystemProxyPlaces places;
    private final SystemProxyJournal journal;

    public SystemProxy(SystemProxyPlaces places, SystemProxyJournal journal) {
        this.places = places;
        this.journal = journal;
    }

    /** This machine's system proxy, journaled in {@code configDirectory}. */
    public static SystemProxy forThisMachine(Path configDirectory) {
        Map<String, String> extra = new HashMap<>();
        for (String line : System.getProperty(ENVIRONMENT_PROPERTY, "").split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                extra.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extra);
        return new SystemProxy(SystemProxyPlaces.forThisMachine(new ProcessCommands(extra), environment), new SystemProxyJournal(configDirectory));
    }

    /**
     * Points the system proxy at {@code target}: the journal first, then each place. Switching from
     * one target to another keeps the settings from before the first. If a place cannot be set,
     * what was set is put back and the failure thrown.
     *
     * @return the names of the places set
     */
    public synchronized List<String> apply(ProxyTarget target) throws IOException {
        Optional<SystemProxyJournal.Entries> earlier = journal.read();
        List<SystemProxyJournal.Place> entries = new ArrayList<>();
        for (ProxySettings place : places.present()) {
            Map<String, String> previous = earlier.flatMap(e -> e.places().stream().filter(p -> p.name().equals(place.name())).findFirst())
                    .map(SystemProxyJournal.Place::previous)
                    .orElse(null);
            entries.add(new SystemProxyJournal.Place(place.name(), previous != null ? previous : place.read(), place.settingsFor(target)));
        }
        if (entries.isEmpty()) {
            throw new IOException("this system has no proxy settings PT Dispatcher knows how to change");
        }
        earlier.ifPresent(e -> e.places().stream().filter(p -> entries.stream().noneMatch(n -> n.name().equals(p.name()))).forEach(entries::add));
        journal.write(new SystemProxyJournal.Entries(entries));
        try {
            for (SystemProxyJournal.Place entry : entries) {
                Optional<ProxySettings> place = places.named(entry.name());
                if (place.isPresent()) {
                    place.get().write(entry.applied());
                }
            }
        } catch (IOException e) {
            try {
                restore();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return entries.stream().map(SystemProxyJournal.Place::name).toList();
    }

    /**
     * Puts back every journaled place that still has the app's settings, and removes the journal.
     * If a place cannot be put back, the journal stays for the next try.
     */
    public synchronized Restored restore() throws IOException {
        Optional<SystemProxyJournal.Entries> entries = journal.read();
        if (entries.isEmpty()) {
            return new Restored(List.of(), List.of());
        }
        List<String> restored = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        for (SystemProxyJournal.Place entry : entries.get().places()) {
            Optional<ProxySettings> place = places.named(entry.name());
            if (place.isEmpty()) {
                leftAlone.add(entry.name());
                continue;
            }
            if (place.get().stillHolds(place.get().read(), entry.applied())) {
                place.get().write(entry.previous());
                restored.add(entry.name());
            } else {
                leftAlone.add(entry.name());
            }
        }
        journal.remove();
        return new Restored(restored, leftAlone);
    }

    /** Whether the journal says the app's settings are in place (the switch is on, or the app died with it on). */
    public synchronized boolean applied() throws IOException {
        return journal.read().isPresent();
    }
}

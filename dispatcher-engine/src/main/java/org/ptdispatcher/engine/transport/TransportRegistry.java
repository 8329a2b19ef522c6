package org.ptdispatcher.engine.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transports the engine was built with, by name. */
public final class TransportRegistry {
    private final Map<String, Transport> byName;

    private TransportRegistry(Map<String, Transport> byName) {
        this.byName = byName;
    }

    /** Every {@link Transport} that {@link ServiceLoader} finds. */
    public static TransportRegistry load() {
        Map<String, Transport> found = new TreeMap<>();
        for (Transport t : providers()) {
            found.putIfAbsent(t.name(), t);
        }
        return new TransportRegistry(Collections.unmodifiableMap(found));
    }

    /**
     * Where the engine is a named module (the installed app's runtime), from the module graph
     * alone: looking through a class loader also scans its class path for service files, which was
     * about a tenth of the engine's start (20 ms against 2). From the class path otherwise (the jar).
     */
    private static ServiceLoader<Transport> providers() {
        Module engine = Transport.class.getModule();
        return engine.isNamed()
                ? ServiceLoader.load(engine.getLayer(), Transport.class)
                : ServiceLoader.load(Transport.class, TransportRegistry.class.getClassLoader());
    }

    public Optional<Transport> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All transports, sorted by name. */
    public Collection<Transport> all() {
        return byName.values();
    }
}

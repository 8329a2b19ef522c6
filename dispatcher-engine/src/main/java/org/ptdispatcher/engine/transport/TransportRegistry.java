package org.ptdispatcher.engine.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transports on the class path, by name. */
public final class TransportRegistry {
    private final Map<String, Transport> byName;

    private TransportRegistry(Map<String, Transport> byName) {
        this.byName = byName;
    }

    /** Every {@link Transport} that {@link ServiceLoader} finds. */
    public static TransportRegistry load() {
        Map<String, Transport> found = new TreeMap<>();
        for (Transport t : ServiceLoader.load(Transport.class, TransportRegistry.class.getClassLoader())) {
            found.putIfAbsent(t.name(), t);
        }
        return new TransportRegistry(Collections.unmodifiableMap(found));
    }

    public Optional<Transport> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All transports, sorted by name. */
    public Collection<Transport> all() {
        return byName.values();
    }
}

package org.ptdispatcher.engine.transport;

import org.ptdispatcher.engine.json.JsonObject;
import org.ptdispatcher.engine.json.JsonReader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value options of one transport, from wherever they came: {@code -options} JSON, Tor's
 * {@code transport:k=v} form, SOCKS RFC1929 user/password args, or the SOCKS 0x09 JSON block.
 * Values are text; JSON numbers and booleans arrive as their JSON spelling, nested JSON as JSON.
 * Immutable. {@link #toString()} never shows values, since options carry secrets.
 */
public final class TransportOptions {
    private static final TransportOptions EMPTY = new TransportOptions(Map.of());

    private final Map<String, String> values;

    private TransportOptions(Map<String, String> values) {
        this.values = values;
    }

    public static TransportOptions empty() {
        return EMPTY;
    }

    /**
     * The members of a JSON object as transport options (the {@code -options} object, the SOCKS
     * 0x09 block, an Optimizer entry's config); values that are not text keep their JSON spelling.
     */
    public static TransportOptions fromJson(JsonObject object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.members().forEach((name, value) -> {
            if (value != JsonObject.NULL) {
                values.put(name, value instanceof String ? (String) value
                        : value instanceof JsonObject.Literal ? ((JsonObject.Literal) value).spelling() : JsonReader.spell(value));
            }
        });
        return of(values);
    }

    public static TransportOptions of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new TransportOptions(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String getOrDefault(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The value of a key the transport cannot work without. */
    public String require(String key) throws InvalidTransportOptionsException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new InvalidTransportOptionsException("missing option \"" + key + "\"");
        }
        return value;
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** These options with {@code overrides} laid on top: per-connection args win over global ones. */
    public TransportOptions overriddenBy(TransportOptions overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return overrides;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new TransportOptions(Collections.unmodifiableMap(merged));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransportOptions o && o.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TransportOptions" + values.keySet();
    }
}

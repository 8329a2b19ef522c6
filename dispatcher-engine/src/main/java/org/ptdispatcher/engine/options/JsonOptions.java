package org.ptdispatcher.engine.options;

import org.ptdispatcher.engine.json.JsonObject;
import org.ptdispatcher.engine.json.JsonReader;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transport options written as JSON: {@code -options}, {@code -optionsFile} and the SOCKS 0x09
 * parameter block. Parsing is as lenient as the spec's own examples need (unquoted keys, single
 * quotes) and strict about everything else (one object, nothing after it). Error messages give
 * the position, never the text, because option values are often secrets.
 */
public final class JsonOptions {
    private JsonOptions() {
    }

    /** Parses text that must hold one JSON object. */
    public static JsonObject parseObject(String text) throws OptionsSyntaxException {
        try {
            return JsonReader.parseLenient(text);
        } catch (JsonReader.JsonRefusal refusal) {
            throw new OptionsSyntaxException(refusal.getMessage());
        }
    }

    /**
     * Splits an options object among the transports requested. The object is either keyed by
     * transport name ({@code {shadow: {password: ...}}}) or, when one transport is requested,
     * that transport's bare options ({@code {password: ...}}).
     */
    public static Map<String, TransportOptions> perTransport(JsonObject object, Collection<String> transports) throws OptionsSyntaxException {
        boolean keyed = transports.stream().anyMatch(t -> object.members().get(t) instanceof JsonObject);
        Map<String, TransportOptions> result = new LinkedHashMap<>();
        if (keyed) {
            for (Map.Entry<String, Object> member : object.members().entrySet()) {
                if (!(member.getValue() instanceof JsonObject options)) {
                    throw new OptionsSyntaxException("has \"" + member.getKey() + "\" next to per-transport objects; "
                            + "when options are keyed by transport name, every member must be an object");
                }
                result.put(member.getKey(), TransportOptions.fromJson(options));
            }
            return result;
        }
        if (transports.size() == 1) {
            result.put(transports.iterator().next(), TransportOptions.fromJson(object));
            return result;
        }
        if (object.isEmpty()) {
            return result;
        }
        throw new OptionsSyntaxException("must be keyed by transport name when several transports are requested, "
                + "for example {" + String.join(": {...}, ", transports) + ": {...}}");
    }
}

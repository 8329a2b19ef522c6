package org.ptdispatcher.engine.options;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.Collection;
import java.util.Iterator;
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

    /** Created on first use: most launches (Tor's among them) carry no JSON at all. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses text that must hold one JSON object. */
    public static ObjectNode parseObject(String text) throws OptionsSyntaxException {
        JsonNode node;
        try {
            node = Mapper.INSTANCE.readTree(text);
        } catch (JsonProcessingException e) {
            throw new OptionsSyntaxException("is not valid JSON: " + describe(e));
        }
        if (node == null || node.isMissingNode()) {
            throw new OptionsSyntaxException("is empty (expected a JSON object)");
        }
        if (!node.isObject()) {
            throw new OptionsSyntaxException("must be a JSON object, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /** The members of a JSON object as transport options; values that are not text keep their JSON spelling. */
    public static TransportOptions toOptions(ObjectNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            values.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        return TransportOptions.of(values);
    }

    /**
     * Splits an options object among the transports requested. The object is either keyed by
     * transport name ({@code {shadow: {password: ...}}}) or, when one transport is requested,
     * that transport's bare options ({@code {password: ...}}).
     */
    public static Map<String, TransportOptions> perTransport(ObjectNode object, Collection<String> transports) throws OptionsSyntaxException {
        boolean keyed = transports.stream().anyMatch(t -> object.path(t).isObject());
        Map<String, TransportOptions> result = new LinkedHashMap<>();
        if (keyed) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isObject()) {
                    throw new OptionsSyntaxException("has \"" + field.getKey() + "\" next to per-transport objects; "
                            + "when options are keyed by transport name, every member must be an object");
                }
                result.put(field.getKey(), toOptions((ObjectNode) field.getValue()));
            }
            return result;
        }
        if (transports.size() == 1) {
            result.put(transports.iterator().next(), toOptions(object));
            return result;
        }
        if (object.isEmpty()) {
            return result;
        }
        throw new OptionsSyntaxException("must be keyed by transport name when several transports are requested, "
                + "for example {" + String.join(": {...}, ", transports) + ": {...}}");
    }

    private static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage();
        int newline = what.indexOf('\n');
        if (newline > 0) {
            what = what.substring(0, newline);
        }
        // Jackson quotes an unrecognized token; hide it so no secret leaks into a log.
        what = what.replaceAll("token '[^']*'", "token");
        JsonLocation at = e.getLocation();
        return at == null ? what : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}

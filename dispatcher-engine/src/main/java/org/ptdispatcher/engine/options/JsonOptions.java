package org.ptdispatcher.engine.options;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final class Factory {
        static final JsonFactory INSTANCE = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .build();
    }

    /** Parses text that must hold one JSON object. */
    public static JsonObject parseObject(String text) throws OptionsSyntaxException {
        try (JsonParser parser = Factory.INSTANCE.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new OptionsSyntaxException("is empty (expected a JSON object)");
            }
            Object value = readValue(parser);
            if (parser.nextToken() != null) {
                throw new OptionsSyntaxException("is not valid JSON: trailing content after the value at line "
                        + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr());
            }
            if (!(value instanceof JsonObject object)) {
                throw new OptionsSyntaxException("must be a JSON object, not " + kind(first));
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new OptionsSyntaxException("is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
    }

    /** The value at the parser's current token, read to its end. */
    private static Object readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    members.put(name, readValue(parser)); // a name given twice keeps its last value
                }
                return new JsonObject(members);
            }
            case START_ARRAY -> {
                List<Object> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(parser));
                }
                return new JsonObject.JsonArray(elements);
            }
            case VALUE_NULL -> {
                return JsonObject.NULL;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            default -> {
                return new JsonObject.Literal(parser.getText()); // a number or a boolean
            }
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The members of a JSON object as transport options; values that are not text keep their JSON spelling. */
    public static TransportOptions toOptions(JsonObject object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.members().forEach((name, value) -> {
            if (value != JsonObject.NULL) {
                values.put(name, value instanceof String text ? text
                        : value instanceof JsonObject.Literal literal ? literal.spelling() : spell(value));
            }
        });
        return TransportOptions.of(values);
    }

    /** A nested value in compact JSON. */
    private static String spell(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Factory.INSTANCE.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter cannot fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof JsonObject object) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> member : object.members().entrySet()) {
                generator.writeFieldName(member.getKey());
                write(generator, member.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof JsonObject.JsonArray array) {
            generator.writeStartArray();
            for (Object element : array.elements()) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value == JsonObject.NULL) {
            generator.writeNull();
        } else if (value instanceof JsonObject.Literal literal) {
            generator.writeRawValue(literal.spelling());
        } else {
            generator.writeString((String) value);
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
                result.put(member.getKey(), toOptions(options));
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

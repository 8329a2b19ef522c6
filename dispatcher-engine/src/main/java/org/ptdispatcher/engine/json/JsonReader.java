package org.ptdispatcher.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object into a {@link JsonObject} with jackson-core's streaming parser, and
 * spells a value back as compact JSON. Every refusal says what is wrong and where, never the
 * text (option values and state files hold secrets).
 */
public final class JsonReader {
    private JsonReader() {
    }

    /** Why a text is not one JSON object: a sentence to follow the name of what was read. */
    public static final class JsonRefusal extends Exception {
        JsonRefusal(String why) {
            super(why, null, false, false);
        }
    }

    /** Created on first use: most launches (Tor's among them) carry no JSON at all. */
    private static final class Factory {
        static final JsonFactory INSTANCE = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .build();
    }

    /** Parses text that must hold one JSON object, as leniently as the PT spec's examples need (unquoted names, single quotes). */
    public static JsonObject parseLenient(String text) throws JsonRefusal {
        return parse(Factory.INSTANCE, text);
    }

    /**
     * Parses text that must hold one JSON object in strict JSON (RFC 8259: quoted names, double
     * quotes), as Go's encoding/json reads files that other programs share with this one.
     */
    public static JsonObject parseStrict(String text) throws JsonRefusal {
        return parse(StrictFactory.INSTANCE, text);
    }

    private static final class StrictFactory {
        static final JsonFactory INSTANCE = new JsonFactory();
    }

    private static JsonObject parse(JsonFactory factory, String text) throws JsonRefusal {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonRefusal("is empty (expected a JSON object)");
            }
            Object value = readValue(parser);
            if (parser.nextToken() != null) {
                throw new JsonRefusal("is not valid JSON: trailing content after the value at line "
                        + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr());
            }
            if (!(value instanceof JsonObject object)) {
                throw new JsonRefusal("must be a JSON object, not " + kind(first));
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new JsonRefusal("is not valid JSON: " + describe(e));
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

    /** A nested value in compact JSON. */
    public static String spell(Object value) {
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

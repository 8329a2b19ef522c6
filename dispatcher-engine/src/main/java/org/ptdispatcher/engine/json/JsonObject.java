package org.ptdispatcher.engine.json;

import java.util.Collections;
import java.util.Map;

/**
 * One JSON object as options read it: its members in order, each a {@link String} (text), a
 * {@link Literal} (a number or boolean, as written), a nested {@code JsonObject}, a
 * {@link JsonArray}, or {@link #NULL}. Made by {@link JsonReader} with jackson-core's streaming parser: the
 * engine needs no data binding, and not loading it keeps an idle PT about 10 MiB smaller.
 */
public record JsonObject(Map<String, Object> members) {
    /** A member whose value is JSON's {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public JsonObject {
        members = Collections.unmodifiableMap(members);
    }

    /** A number, {@code true} or {@code false}, spelled as the text wrote it. */
    public record Literal(String spelling) {
    }

    /** A JSON array, its elements as {@link JsonObject#members()} holds values. */
    public record JsonArray(java.util.List<Object> elements) {
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }
}

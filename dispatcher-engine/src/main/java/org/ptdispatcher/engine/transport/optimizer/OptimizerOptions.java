package org.ptdispatcher.engine.transport.optimizer;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.json.JsonObject;
import org.ptdispatcher.engine.json.JsonReader;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Optimizer's options read and judged: {@code transports}, a JSON array of
 * {@code {"name": ..., "config": {...}, "address": "host:port"}}, and {@code strategy}. Each entry's
 * client is made here, by its own transport from its own {@code config}, so an inner transport's
 * option errors are its own, prefixed with the entry that has them ({@code transports[1] (obfs4): ...}).
 *
 * @param entries  in the order given
 * @param strategy how a connection picks among them
 */
record OptimizerOptions(List<Entry> entries, Strategy strategy) {
    static final String TRANSPORTS = "transports";
    static final String STRATEGY = "strategy";

    /**
     * One inner transport.
     *
     * @param index   its place in {@code transports}, from 0, as LOG lines and errors name it
     * @param address where it dials (its server); empty for a transport that carries the destination
     *                and names its own server in its config (shadow's {@code serverAddress}): it is
     *                then given the destination the application asked for
     */
    record Entry(int index, String name, Optional<HostPort> address, TransportClient client) {
        /** How LOG lines and errors name it. */
        String label() {
            return "transports[" + index + "] (" + name + ")";
        }
    }

    OptimizerOptions {
        entries = List.copyOf(entries);
    }

    /**
     * @param transports finds an inner transport by name (the engine's registry)
     */
    static OptimizerOptions parse(TransportOptions options, TransportContext context, Function<String, Optional<Transport>> transports)
            throws InvalidTransportOptionsException {
        Strategy strategy = strategy(options.getOrDefault(STRATEGY, Strategy.FIRST.wireName()));
        String list = options.require(TRANSPORTS);
        List<Object> elements = elements(list);
        if (elements.isEmpty()) {
            throw new InvalidTransportOptionsException("\"" + TRANSPORTS + "\" is empty; list at least one transport");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            entries.add(entry(i, elements.get(i), context, transports));
        }
        return new OptimizerOptions(entries, strategy);
    }

    private static Strategy strategy(String name) throws InvalidTransportOptionsException {
        return Strategy.fromWireName(name).orElseThrow(() -> new InvalidTransportOptionsException(
                "\"" + STRATEGY + "\" must be one of " + String.join(", ", Strategy.wireNames())));
    }

    /** The array's elements; the value arrives as the JSON spelling of the array (or as text someone wrote). */
    private static List<Object> elements(String list) throws InvalidTransportOptionsException {
        JsonObject wrapper;
        try {
            // Wrapped in an object because the options reader reads one object; the value is JSON already.
            wrapper = JsonReader.parseLenient("{\"" + TRANSPORTS + "\":" + list + "}");
        } catch (JsonReader.JsonRefusal e) {
            throw new InvalidTransportOptionsException("\"" + TRANSPORTS + "\" is not a JSON array of transports: " + e.getMessage());
        }
        if (!(wrapper.members().get(TRANSPORTS) instanceof JsonObject.JsonArray array)) {
            throw new InvalidTransportOptionsException("\"" + TRANSPORTS + "\" must be a JSON array of {\"name\", \"config\", \"address\"} objects");
        }
        return array.elements();
    }

    private static Entry entry(int index, Object element, TransportContext context, Function<String, Optional<Transport>> transports)
            throws InvalidTransportOptionsException {
        String at = TRANSPORTS + "[" + index + "]";
        if (!(element instanceof JsonObject object)) {
            throw new InvalidTransportOptionsException(at + " must be an object {\"name\", \"config\", \"address\"}");
        }
        for (String key : object.members().keySet()) {
            if (!key.equals("name") && !key.equals("config") && !key.equals("address")) {
                throw new InvalidTransportOptionsException(at + " has \"" + key + "\"; an entry has only \"name\", \"config\" and \"address\"");
            }
        }
        if (!(object.members().get("name") instanceof String name) || name.isEmpty()) {
            throw new InvalidTransportOptionsException(at + " has no \"name\" (the transport, such as obfs4)");
        }
        at = at + " (" + name + ")";
        if (name.equals(OptimizerTransport.NAME)) {
            throw new InvalidTransportOptionsException(at + ": an Optimizer cannot hold another Optimizer; list its transports here instead");
        }
        Optional<Transport> transport = transports.apply(name);
        if (transport.isEmpty()) {
            throw new InvalidTransportOptionsException(at + ": unknown transport \"" + name + "\"");
        }
        Object config = object.members().getOrDefault("config", JsonObject.NULL);
        if (config != JsonObject.NULL && !(config instanceof JsonObject)) {
            throw new InvalidTransportOptionsException(at + ": \"config\" must be an object of the transport's options");
        }
        TransportOptions innerOptions = config instanceof JsonObject inner ? TransportOptions.fromJson(inner) : TransportOptions.empty();
        Optional<HostPort> address = address(at, object.members().get("address"), transport.get());
        TransportClient client;
        try {
            client = transport.get().client(context, innerOptions);
            // Per-connection SOCKS args are the Optimizer's, not the entries': each entry must be whole now.
            client.check(TransportOptions.empty());
        } catch (InvalidTransportOptionsException e) {
            throw new InvalidTransportOptionsException(at + ": " + e.getMessage());
        }
        return new Entry(index, name, address, client);
    }

    private static Optional<HostPort> address(String at, Object value, Transport transport) throws InvalidTransportOptionsException {
        if (value == null || value == JsonObject.NULL || "".equals(value)) {
            if (transport.carriesDestination()) {
                return Optional.empty();
            }
            throw new InvalidTransportOptionsException(at + ": missing \"address\" (its server, host:port)");
        }
        if (!(value instanceof String text)) {
            throw new InvalidTransportOptionsException(at + ": \"address\" must be text, host:port");
        }
        try {
            return Optional.of(HostPort.parseDestination(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportOptionsException(at + ": \"address\" is not host:port: " + e.getMessage());
        }
    }
}

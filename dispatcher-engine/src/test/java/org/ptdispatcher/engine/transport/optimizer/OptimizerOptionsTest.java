package org.ptdispatcher.engine.transport.optimizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.json.JsonObject;
import org.ptdispatcher.engine.options.JsonOptions;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerOptionsTest {
    private static final String CERT = "X0C7GtOu9wZPYDHYFRhWwxGmYBroorfxW7uFIKx7tChqMCieyJjlnW+7mPyf0pLQYEypVQ";
    private static final String OBFS4 = "{\"name\": \"obfs4\", \"config\": {\"cert\": \"" + CERT + "\", \"iat-mode\": \"0\"}, \"address\": \"192.0.2.1:443\"}";
    private static final String SHADOW = "{\"name\": \"shadow\", \"config\": {\"password\": \"p\", \"cipherName\": \"chacha20-ietf-poly1305\", "
            + "\"serverAddress\": \"192.0.2.2:8388\"}}";
    private static final String PLAIN = "{\"name\": \"plain\", \"address\": \"192.0.2.3:80\"}";

    @TempDir
    Path state;

    /** The options as the engine hands them over: read from -options JSON, the array spelled as JSON. */
    private OptimizerOptions parse(String json) throws Exception {
        JsonObject object = JsonOptions.parseObject(json);
        TransportOptions options = TransportOptions.fromJson(object);
        return OptimizerOptions.parse(options, new TransportContext(Role.CLIENT, ProxyMode.SOCKS5, state), TransportRegistry.load()::find);
    }

    private String refusal(String json) {
        return assertThrows(InvalidTransportOptionsException.class, () -> parse(json)).getMessage();
    }

    @Test
    void threeEntriesKeepTheirOrderNamesAndAddressesAndTheStrategy() throws Exception {
        OptimizerOptions options = parse("{\"transports\": [" + OBFS4 + ", " + SHADOW + ", " + PLAIN + "], \"strategy\": \"rotate\"}");
        assertEquals(Strategy.ROTATE, options.strategy());
        assertEquals(List.of("obfs4", "shadow", "plain"), options.entries().stream().map(OptimizerOptions.Entry::name).toList());
        assertEquals(List.of(0, 1, 2), options.entries().stream().map(OptimizerOptions.Entry::index).toList());
        assertEquals(Optional.of(HostPort.parseDestination("192.0.2.1:443")), options.entries().get(0).address());
        assertEquals(Optional.empty(), options.entries().get(1).address());
        assertEquals("transports[2] (plain)", options.entries().get(2).label());
    }

    @Test
    void withoutStrategyTheStrategyIsFirst() throws Exception {
        assertEquals(Strategy.FIRST, parse("{\"transports\": [" + PLAIN + "]}").strategy());
    }

    @Test
    void everyStrategyNameIsRead() throws Exception {
        for (Strategy strategy : Strategy.values()) {
            assertEquals(strategy, parse("{\"transports\": [" + PLAIN + "], \"strategy\": \"" + strategy.wireName() + "\"}").strategy());
        }
    }

    @Test
    void anUnknownStrategyIsRefusedWithTheNamesThereAre() {
        String why = refusal("{\"transports\": [" + PLAIN + "], \"strategy\": \"fastest\"}");
        assertEquals("\"strategy\" must be one of first, random, rotate, track, minimizeDialDuration", why);
    }

    @Test
    void missingTransportsIsRefused() {
        assertEquals("missing option \"transports\"", refusal("{\"strategy\": \"first\"}"));
    }

    @Test
    void anEmptyListIsRefused() {
        assertTrue(refusal("{\"transports\": []}").contains("is empty"));
    }

    @Test
    void transportsThatIsNotAnArrayIsRefused() {
        assertTrue(refusal("{\"transports\": {\"name\": \"plain\"}}").startsWith("\"transports\" must be a JSON array"));
    }

    @Test
    void anUnknownTransportIsRefusedNamingItsEntry() {
        assertEquals("transports[1] (obfs5): unknown transport \"obfs5\"",
                refusal("{\"transports\": [" + PLAIN + ", {\"name\": \"obfs5\", \"address\": \"192.0.2.1:1\"}]}"));
    }

    @Test
    void aMissingAddressIsRefusedNamingItsEntry() {
        assertEquals("transports[0] (plain): missing \"address\" (its server, host:port)",
                refusal("{\"transports\": [{\"name\": \"plain\"}]}"));
    }

    @Test
    void aBadAddressIsRefusedNamingItsEntry() {
        assertTrue(refusal("{\"transports\": [{\"name\": \"plain\", \"address\": \"192.0.2.1\"}]}")
                .startsWith("transports[0] (plain): \"address\" is not host:port"));
    }

    @Test
    void anInnerTransportsOwnOptionErrorIsItsOwnPrefixedWithItsEntry() {
        String why = refusal("{\"transports\": [" + PLAIN + ", {\"name\": \"obfs4\", \"config\": {\"iat-mode\": \"0\"}, "
                + "\"address\": \"192.0.2.1:443\"}]}");
        assertTrue(why.startsWith("transports[1] (obfs4): "), why);
        assertTrue(why.contains("cert"), why);
    }

    @Test
    void anEntryWithoutNameIsRefused() {
        assertEquals("transports[0] has no \"name\" (the transport, such as obfs4)",
                refusal("{\"transports\": [{\"address\": \"192.0.2.1:1\"}]}"));
    }

    @Test
    void anEntryWithAnUnknownKeyIsRefused() {
        assertTrue(refusal("{\"transports\": [{\"name\": \"plain\", \"adress\": \"192.0.2.1:1\"}]}")
                .startsWith("transports[0] has \"adress\""));
    }

    @Test
    void anOptimizerInsideAnOptimizerIsRefused() {
        String why = refusal("{\"transports\": [{\"name\": \"Optimizer\", \"config\": {\"transports\": [" + PLAIN + "]}}]}");
        assertTrue(why.startsWith("transports[0] (Optimizer): an Optimizer cannot hold another Optimizer"), why);
    }

    @Test
    void aConfigThatIsNotAnObjectIsRefused() {
        assertEquals("transports[0] (plain): \"config\" must be an object of the transport's options",
                refusal("{\"transports\": [{\"name\": \"plain\", \"config\": \"x\", \"address\": \"192.0.2.1:1\"}]}"));
    }

    @Test
    void theTransportIsInTheRegistryAndHasNoServer() {
        OptimizerTransport optimizer = (OptimizerTransport) TransportRegistry.load().find("Optimizer").orElseThrow();
        assertThrows(InvalidTransportOptionsException.class,
                () -> optimizer.server(new TransportContext(Role.SERVER, ProxyMode.SOCKS5, state), TransportOptions.empty()));
    }
}

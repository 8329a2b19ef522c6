package org.ptdispatcher.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.ipc.Dialect;
import org.ptdispatcher.engine.ipc.Pt2Dialect;
import org.ptdispatcher.engine.ipc.TorPt1Dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {
    @TempDir
    Path workingDirectory;

    private final Map<String, String> env = new HashMap<>();
    private final Map<Parameter, String> flags = new HashMap<>();
    private Dialect dialect = new Pt2Dialect("2.2");
    /** The transports whose stream carries the destination (in this build: shadow). */
    private Set<String> carriers = Set.of();

    private DispatcherConfig read() throws ConfigException {
        return ConfigReader.read(LaunchParameters.of(env, flags), dialect, carriers::contains, workingDirectory);
    }

    private String error() {
        return assertThrows(ConfigException.class, this::read).getMessage();
    }

    private void client() {
        flags.put(Parameter.TRANSPORTS, "plain");
    }

    private void server() {
        env.put("TOR_PT_SERVER_TRANSPORTS", "plain");
        env.put("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0");
        env.put("TOR_PT_ORPORT", "127.0.0.1:9001");
    }

    @Test
    void aMinimalClientGetsTheSpecDefaults() throws ConfigException {
        client();
        DispatcherConfig config = read();
        assertEquals(Role.CLIENT, config.role());
        assertEquals(ProxyMode.SOCKS5, config.mode());
        assertEquals(LogLevel.NONE, config.logLevel());
        assertFalse(config.exitOnStdinClose());
        assertEquals(workingDirectory, config.stateDirectory());
        assertEquals(new HostPort("127.0.0.1", 0), config.proxyListenOrDefault());
        assertEquals(Duration.ofSeconds(30), config.connectTimeout());
    }

    @Test
    void torServerVariablesMakeAServerWithoutTheServerFlag() throws ConfigException {
        server();
        DispatcherConfig config = read();
        assertEquals(Role.SERVER, config.role());
        assertEquals(Map.of("plain", new HostPort("127.0.0.1", 0)), config.bindAddresses());
        assertEquals(new HostPort("127.0.0.1", 9001), config.target().orElseThrow());
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() throws ConfigException {
        server();
        env.put("TOR_PT_EXTENDED_SERVER_PORT", "");
        assertTrue(read().extOrPort().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "STATE, TOR_PT_STATE_LOCATION, /tmp/x",
            "TRANSPORTS, TOR_PT_CLIENT_TRANSPORTS, plain",
            "PROXY, TOR_PT_PROXY, socks5://127.0.0.1:1",
            "PT_VERSION, TOR_PT_MANAGED_TRANSPORT_VER, 2.2",
            "EXIT_ON_STDIN_CLOSE, TOR_PT_EXIT_ON_STDIN_CLOSE, 1",
            "TARGET, TOR_PT_ORPORT, 127.0.0.1:1",
    })
    void aFlagAndItsEnvironmentVariableTogetherAreRefused(Parameter parameter, String variable, String value) {
        client();
        flags.put(parameter, parameter.kind() == Parameter.Kind.SWITCH ? "true" : value);
        env.put(variable, value);
        String message = error();
        assertTrue(message.contains(parameter.flag()) && message.contains(variable), message);
    }

    @Test
    void bothRolesAreRefused() {
        client();
        flags.put(Parameter.CLIENT, "true");
        flags.put(Parameter.SERVER, "true");
        assertEquals("-client and -server are both set; choose one role", error());
    }

    @Test
    void aSingleTransportAndAListAreRefused() {
        flags.put(Parameter.TRANSPORT, "plain");
        env.put("TOR_PT_CLIENT_TRANSPORTS", "plain");
        assertEquals("-transport and TOR_PT_CLIENT_TRANSPORTS are both set; name a single transport or a list, not both", error());
    }

    @Test
    void noTransportIsRefused() {
        assertTrue(error().startsWith("no transport requested"));
    }

    @Test
    void aListGivenToTransportIsRefused() {
        flags.put(Parameter.TRANSPORT, "plain,obfs4");
        assertTrue(error().contains("-transport takes one name"));
    }

    @Test
    void transportListsKeepOrderAndDropEmptyAndRepeatedNames() throws ConfigException {
        env.put("TOR_PT_CLIENT_TRANSPORTS", "obfs4,,plain,obfs4");
        assertEquals(List.of("obfs4", "plain"), read().transports());
    }

    @Test
    void optionsAndOptionsFileTogetherAreRefused() {
        client();
        flags.put(Parameter.OPTIONS, "{}");
        flags.put(Parameter.OPTIONS_FILE, "x.json");
        assertTrue(error().contains("-optionsFile"));
    }

    @Test
    void theSpecsOwnOptionsExampleWithUnquotedKeysParses() throws ConfigException {
        flags.put(Parameter.TRANSPORTS, "shadow");
        flags.put(Parameter.OPTIONS, "{shadow: {password: \"password\", cipherName: \"AES-128-GCM\"}}");
        DispatcherConfig config = read();
        assertEquals("password", config.optionsFor("shadow").get("password").orElseThrow());
        assertEquals("AES-128-GCM", config.optionsFor("shadow").get("cipherName").orElseThrow());
    }

    @Test
    void bareOptionsBelongToTheOnlyTransport() throws ConfigException {
        flags.put(Parameter.TRANSPORT, "obfs4");
        flags.put(Parameter.OPTIONS, "{\"cert\": \"abc\", \"iat-mode\": 1}");
        assertEquals("1", read().optionsFor("obfs4").get("iat-mode").orElseThrow());
    }

    @Test
    void bareOptionsWithSeveralTransportsAreRefused() {
        flags.put(Parameter.TRANSPORTS, "obfs4,shadow");
        flags.put(Parameter.OPTIONS, "{\"cert\": \"abc\"}");
        assertTrue(error().contains("keyed by transport name"));
    }

    @Test
    void malformedJsonNamesTheProblemWithoutEchoingTheText() {
        client();
        flags.put(Parameter.OPTIONS, "{plain: {password: hunter2secret}}");
        String message = error();
        assertTrue(message.startsWith("-options is not valid JSON: "), message);
        assertFalse(message.contains("hunter2secret"), message);
        assertTrue(message.contains("Unrecognized token"), message);
        assertTrue(message.contains("line 1"), message);
    }

    @Test
    void optionsFileIsReadRelativeToTheWorkingDirectory() throws ConfigException, IOException {
        Files.writeString(workingDirectory.resolve("opts.json"), "{plain: {a: \"b\"}}");
        client();
        flags.put(Parameter.OPTIONS_FILE, "opts.json");
        assertEquals("b", read().optionsFor("plain").get("a").orElseThrow());
    }

    @Test
    void aMissingOptionsFileIsNamed() {
        client();
        flags.put(Parameter.OPTIONS_FILE, "missing.json");
        assertTrue(error().endsWith("missing.json cannot be read: no such file"));
    }

    @Test
    void torStyleServerOptionsParseUnderVersionOne() throws ConfigException {
        server();
        env.put("TOR_PT_SERVER_TRANSPORT_OPTIONS", "plain:key=ba\\;nana;plain:depth=3");
        dialect = new TorPt1Dialect();
        DispatcherConfig config = read();
        assertEquals("ba;nana", config.optionsFor("plain").get("key").orElseThrow());
        assertEquals("3", config.optionsFor("plain").get("depth").orElseThrow());
    }

    @Test
    void combinedAndSplitListenAddressesAreRefusedTogether() {
        client();
        flags.put(Parameter.PROXY_LISTEN_ADDR, "127.0.0.1:1080");
        flags.put(Parameter.PROXY_LISTEN_PORT, "1081");
        assertTrue(error().startsWith("-proxylistenaddr and -proxylistenport are both set"));
    }

    @Test
    void aHostNameIsNotAListenAddress() {
        client();
        flags.put(Parameter.PROXY_LISTEN_ADDR, "localhost:1080");
        assertEquals("-proxylistenaddr: \"localhost\" is not an IP address (host names are not allowed here)", error());
    }

    @Test
    void splitListenAddressesCombine() throws ConfigException {
        client();
        flags.put(Parameter.PROXY_LISTEN_HOST, "::1");
        flags.put(Parameter.PROXY_LISTEN_PORT, "1080");
        assertEquals("[::1]:1080", read().proxyListen().orElseThrow().toString());
    }

    @Test
    void aFixedListenPortCannotServeTwoTransports() {
        flags.put(Parameter.TRANSPORTS, "plain,obfs4");
        flags.put(Parameter.PROXY_LISTEN_ADDR, "127.0.0.1:1080");
        assertTrue(error().contains("can serve only one transport"));
    }

    @Test
    void aClientRefusesServerParameters() {
        client();
        flags.put(Parameter.BIND_ADDR, "plain-127.0.0.1:1");
        assertEquals("-bindaddr is for PT servers, but this is a client (neither -client nor -server was given)", error());
    }

    @Test
    void aServerRefusesClientParameters() {
        server();
        flags.put(Parameter.PROXY_LISTEN_ADDR, "127.0.0.1:1080");
        assertEquals("-proxylistenaddr is for PT clients, but this is a server (TOR_PT_SERVER_TRANSPORTS is set)", error());
    }

    @Test
    void clientTransportsVariableOnAServerIsRefused() {
        flags.put(Parameter.SERVER, "true");
        env.put("TOR_PT_CLIENT_TRANSPORTS", "plain");
        assertTrue(error().startsWith("TOR_PT_CLIENT_TRANSPORTS is for PT clients"));
    }

    @Test
    void serverTransportsVariableWithTheClientFlagIsRefused() {
        flags.put(Parameter.CLIENT, "true");
        env.put("TOR_PT_SERVER_TRANSPORTS", "plain");
        assertTrue(error().startsWith("TOR_PT_SERVER_TRANSPORTS is for PT servers"));
    }

    @Test
    void aServerNeedsABindAddress() {
        flags.put(Parameter.SERVER, "true");
        flags.put(Parameter.TRANSPORTS, "plain");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertTrue(error().startsWith("no bind address"));
    }

    private void serverWithoutTarget(String transports) {
        flags.put(Parameter.SERVER, "true");
        flags.put(Parameter.TRANSPORTS, transports);
        flags.put(Parameter.BIND_ADDR, String.join(",", java.util.Arrays.stream(transports.split(",")).map(t -> t + "-127.0.0.1:0").toList()));
    }

    @Test
    void aServerWithoutATargetIsRefusedWhenNoTransportCarriesTheDestination() {
        serverWithoutTarget("plain,obfs4");
        assertEquals("no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)", error());
    }

    @Test
    void aServerWithoutATargetRefusesOnlyTheTransportsThatCarryNoDestination() throws ConfigException {
        serverWithoutTarget("plain,shadow");
        carriers = Set.of("shadow");
        DispatcherConfig config = read();
        assertEquals(Optional.of("no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)"),
                config.refusal("plain"));
        assertEquals(Optional.empty(), config.refusal("shadow"));
    }

    @Test
    void aServerWithATargetOrAnExtendedOrPortRefusesNoTransport() throws ConfigException {
        serverWithoutTarget("plain");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertEquals(Map.of(), read().refused());
        flags.remove(Parameter.TARGET);
        env.put("TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:4200");
        env.put("TOR_PT_AUTH_COOKIE_FILE", "/var/lib/tor/cookie");
        assertEquals(Map.of(), read().refused());
    }

    @Test
    void aDatagramServerWithoutATargetRefusesEveryTransport() throws ConfigException {
        serverWithoutTarget("plain,shadow");
        carriers = Set.of("shadow");
        flags.put(Parameter.MODE, "transparent-UDP");
        env.put("TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:4200");
        env.put("TOR_PT_AUTH_COOKIE_FILE", "/var/lib/tor/cookie");
        DispatcherConfig config = read();
        assertEquals(Optional.of("the Extended ORPort carries TCP only; transparent-UDP needs -target"), config.refusal("plain"));
        assertEquals(Optional.of("the Extended ORPort carries TCP only; transparent-UDP needs -target"), config.refusal("shadow"));
    }

    @Test
    void underVersionOneAClientOffersOnlySocks() throws ConfigException {
        client();
        flags.put(Parameter.MODE, "transparent-TCP");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertEquals(ProxyMode.TRANSPARENT_TCP, read().mode());
        dialect = new TorPt1Dialect();
        assertEquals("-mode transparent-TCP needs PT version 2 or later; under version 1 a client can only offer SOCKS", error());
    }

    @Test
    void underVersionOneAServerMayUseAnyMode() throws ConfigException {
        server();
        flags.put(Parameter.MODE, "transparent-TCP");
        dialect = new TorPt1Dialect();
        assertEquals(ProxyMode.TRANSPARENT_TCP, read().mode());
    }

    @Test
    void bindHostWithoutBindPortIsRefused() {
        flags.put(Parameter.SERVER, "true");
        flags.put(Parameter.TRANSPORT, "plain");
        flags.put(Parameter.BIND_HOST, "127.0.0.1");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertEquals("-bindhost is set without -bindport; give both (with -transport)", error());
    }

    @Test
    void bindPortWithoutTransportIsRefused() {
        flags.put(Parameter.SERVER, "true");
        flags.put(Parameter.TRANSPORTS, "plain");
        flags.put(Parameter.BIND_HOST, "127.0.0.1");
        flags.put(Parameter.BIND_PORT, "1");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertTrue(error().startsWith("-bindhost and -bindport need -transport"));
    }

    @Test
    void combinedBindAddressWithSplitPartsIsRefused() {
        server();
        flags.put(Parameter.BIND_PORT, "1");
        assertTrue(error().startsWith("TOR_PT_SERVER_BINDADDR and -bindport are both set"));
    }

    @Test
    void bindAddressesMustFollowTheTransportOrder() {
        env.put("TOR_PT_SERVER_TRANSPORTS", "plain,obfs4");
        env.put("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:1,plain-127.0.0.1:2");
        env.put("TOR_PT_ORPORT", "127.0.0.1:9001");
        assertTrue(error().contains("must follow the transport list"));
    }

    @Test
    void aBindAddressPerTransportAtMostOnce() {
        env.put("TOR_PT_SERVER_TRANSPORTS", "plain");
        env.put("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:1,plain-127.0.0.1:2");
        env.put("TOR_PT_ORPORT", "127.0.0.1:9001");
        assertTrue(error().contains("more than one address"));
    }

    @Test
    void bindAddressesAcceptIpv6() throws ConfigException {
        env.put("TOR_PT_SERVER_TRANSPORTS", "plain");
        env.put("TOR_PT_SERVER_BINDADDR", "plain-[::1]:0");
        env.put("TOR_PT_ORPORT", "[::1]:9001");
        assertEquals("[::1]:0", read().bindAddresses().get("plain").toString());
    }

    @Test
    void targetCombinedAndSplitAreRefusedTogether() {
        client();
        flags.put(Parameter.TARGET, "example.com:1");
        flags.put(Parameter.TARGET_HOST, "example.com");
        assertTrue(error().startsWith("-target and -targethost are both set"));
    }

    @Test
    void targetHostWithoutPortIsRefused() {
        client();
        flags.put(Parameter.TARGET_HOST, "example.com");
        assertEquals("-targethost is set without -targetport; give both", error());
    }

    @Test
    void targetsMayBeNamesOrIpv6() throws ConfigException {
        client();
        flags.put(Parameter.TARGET, "[2001:db8::1]:1122");
        assertEquals(new HostPort("2001:db8::1", 1122), read().target().orElseThrow());
        flags.put(Parameter.TARGET, "example.com:9922");
        assertEquals(new HostPort("example.com", 9922), read().target().orElseThrow());
    }

    @Test
    void aTransparentClientNeedsATarget() {
        client();
        flags.put(Parameter.MODE, "transparent-TCP");
        assertTrue(error().startsWith("no target: a transparent-TCP client needs -target"));
    }

    @Test
    void modeNamesIgnoreCase() throws ConfigException {
        client();
        flags.put(Parameter.MODE, "TRANSPARENT-tcp");
        flags.put(Parameter.TARGET, "127.0.0.1:1");
        assertEquals(ProxyMode.TRANSPARENT_TCP, read().mode());
    }

    @Test
    void anUnknownModeIsRefused() {
        client();
        flags.put(Parameter.MODE, "socks4");
        assertTrue(error().startsWith("-mode \"socks4\" is not a mode"));
    }

    @Test
    void anUnknownLogLevelIsRefused() {
        client();
        flags.put(Parameter.IPC_LOG_LEVEL, "verbose");
        assertTrue(error().startsWith("-ipcLogLevel \"verbose\" is not a level"));
    }

    @Test
    void exitOnStdinCloseTakesOnlyOneOrZero() throws ConfigException {
        client();
        env.put("TOR_PT_EXIT_ON_STDIN_CLOSE", "1");
        assertTrue(read().exitOnStdinClose());
        env.put("TOR_PT_EXIT_ON_STDIN_CLOSE", "0");
        assertFalse(read().exitOnStdinClose());
        env.put("TOR_PT_EXIT_ON_STDIN_CLOSE", "yes");
        assertTrue(error().startsWith("TOR_PT_EXIT_ON_STDIN_CLOSE must be 1"));
    }

    @Test
    void extendedOrPortNeedsACookie() {
        server();
        env.put("TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:4200");
        assertTrue(error().startsWith("No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set"));
    }

    @Test
    void aCookieNeedsAnExtendedOrPort() {
        server();
        env.put("TOR_PT_AUTH_COOKIE_FILE", "/var/lib/tor/cookie");
        assertTrue(error().startsWith("TOR_PT_AUTH_COOKIE_FILE is set without an Extended ORPort"));
    }

    @Test
    void theCookiePathMustBeAbsolute() {
        server();
        env.put("TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:4200");
        env.put("TOR_PT_AUTH_COOKIE_FILE", "cookie");
        assertEquals("TOR_PT_AUTH_COOKIE_FILE must be an absolute path, not \"cookie\"", error());
    }

    @Test
    void aRelativeStateDirectoryIsResolvedAgainstTheWorkingDirectory() throws ConfigException {
        client();
        flags.put(Parameter.STATE, "state/pt");
        assertEquals(workingDirectory.resolve("state/pt"), read().stateDirectory());
    }

    @Test
    void connectTimeoutIsSeconds() throws ConfigException {
        client();
        flags.put(Parameter.CONNECT_TIMEOUT, "1.5");
        assertEquals(Duration.ofMillis(1500), read().connectTimeout());
        flags.put(Parameter.CONNECT_TIMEOUT, "-1");
        assertTrue(error().startsWith("-connectTimeout"));
    }

    @Test
    void trafficReportsAreOffUnlessAnIntervalIsGiven() throws ConfigException {
        client();
        assertEquals(Optional.empty(), read().trafficInterval());
        flags.put(Parameter.TRAFFIC_INTERVAL, "1");
        assertEquals(Optional.of(Duration.ofSeconds(1)), read().trafficInterval());
        flags.put(Parameter.TRAFFIC_INTERVAL, "0.0001");
        assertEquals(Optional.of(Duration.ofMillis(1)), read().trafficInterval(), "never a zero period");
        for (String malformed : new String[] {"0", "-1", "soon", "NaN", "Infinity", "86401"}) {
            flags.put(Parameter.TRAFFIC_INTERVAL, malformed);
            assertTrue(error().startsWith("-trafficInterval \"" + malformed + "\" is not a number of seconds"), malformed + ": " + error());
        }
    }
}

package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.PtProcess;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IPC interface as a parent sees it: the real {@code ptdispatcher} as a child process, with
 * exact stdout, stderr and exit code for version negotiation and every configuration error.
 */
class IpcConformanceIT {
    private static final String LOCAL_ADDRESS = "127\\.0\\.0\\.1:\\d{1,5}";

    @TempDir
    Path dir;

    private PtProcess.Builder pt(String... args) {
        return PtProcess.ptdispatcher().directory(dir.resolve("cwd")).args(args);
    }

    /** Runs a configuration that must fail: VERSION on stdout, one ENV-ERROR on stderr, exit 64. */
    private String envError(PtProcess.Builder builder) throws Exception {
        Exited run = Exited.run(builder);
        assertEquals(List.of("VERSION 2.2"), run.stdout(), "stdout; stderr was " + run.stderr());
        assertEquals(1, run.stderr().size(), "stderr: " + run.stderr());
        assertTrue(run.stderr().get(0).startsWith("ENV-ERROR "), run.stderr().get(0));
        assertEquals(64, run.exitCode());
        return run.stderr().get(0).substring("ENV-ERROR ".length());
    }

    // ---- version negotiation (spec 1.2.1) ----

    @Test
    void withNoVersionOfferedTheAnswerIsTheNewest() throws Exception {
        try (PtProcess p = pt("-transport", "plain").start()) {
            assertEquals("VERSION 2.2", p.nextStdoutLine(Duration.ofSeconds(20)).orElseThrow());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "'1,1a,2.2,this_is_a_valid_version', 2.2",
            "'1,2', 2",
            "'2.1', 2.1",
            "'1', 1",
    })
    void theHighestOfferedVersionIsAnswered(String offered, String answer) throws Exception {
        try (PtProcess p = pt("-transport", "plain").env("TOR_PT_MANAGED_TRANSPORT_VER", offered).start()) {
            assertEquals("VERSION " + answer, p.nextStdoutLine(Duration.ofSeconds(20)).orElseThrow());
        }
        try (PtProcess p = pt("-transport", "plain", "-ptversion", offered).start()) {
            assertEquals("VERSION " + answer, p.nextStdoutLine(Duration.ofSeconds(20)).orElseThrow());
        }
    }

    @Test
    void noCompatibleVersionIsAVersionErrorAndExit78() throws Exception {
        Exited run = Exited.run(pt("-transport", "plain").env("TOR_PT_MANAGED_TRANSPORT_VER", "3,4"));
        assertEquals(List.of(), run.stdout());
        assertEquals(List.of("VERSION-ERROR no-version"), run.stderr());
        assertEquals(78, run.exitCode());
    }

    @Test
    void aMalformedVersionListIsAVersionError() throws Exception {
        Exited run = Exited.run(pt("-transport", "plain", "-ptversion", "1, 2"));
        assertEquals(List.of(), run.stdout());
        assertEquals(1, run.stderr().size());
        assertTrue(run.stderr().get(0).startsWith("VERSION-ERROR no-version (the version list \"1, 2\" is malformed"), run.stderr().get(0));
        assertEquals(78, run.exitCode());
    }

    // ---- the command line ----

    @Test
    void anUnknownFlagIsOneEnvError() throws Exception {
        assertEquals("unknown flag -frobnicate (ptdispatcher -help lists the flags)", envError(pt("-transport", "plain", "-frobnicate=1")));
    }

    @Test
    void aFlagWithoutItsValueIsOneEnvError() throws Exception {
        assertEquals("-transport needs a value", envError(pt("-transport")));
    }

    @Test
    void aStrayArgumentIsOneEnvError() throws Exception {
        assertTrue(envError(pt("-transport", "plain", "extra")).startsWith("unexpected argument \"extra\""));
    }

    @Test
    void aFlagGivenTwiceIsOneEnvError() throws Exception {
        assertEquals("-proxylistenaddr is given more than once; give it once",
                envError(pt("-transport", "plain", "-proxylistenaddr", "127.0.0.1:0", "-proxylistenaddr", "127.0.0.1:0")));
        assertEquals("-target is given more than once; give it once",
                envError(pt("-transport", "plain", "-target", "127.0.0.1:1", "-orport", "127.0.0.1:1")));
    }

    @Test
    void goStyleFlagSpellingsAllWork() throws Exception {
        try (PtProcess p = pt("--transport", "plain", "-proxylistenaddr=127.0.0.1:0", "--ipcLogLevel=NONE", "-client").start()) {
            assertTrue(p.awaitCmethod("plain").matches(LOCAL_ADDRESS));
        }
    }

    @Test
    void helpListsEveryParameterAndItsEnvironmentVariable() throws Exception {
        Exited run = Exited.run(pt("-help"));
        assertEquals(0, run.exitCode());
        String help = String.join("\n", run.stdout());
        for (String expected : List.of("-ptversion", "TOR_PT_MANAGED_TRANSPORT_VER", "-bindaddr", "TOR_PT_SERVER_BINDADDR",
                "-proxylistenaddr", "-optionsFile", "-exit-on-stdin-close", "TOR_PT_AUTH_COOKIE_FILE")) {
            assertTrue(help.contains(expected), expected + " missing from help");
        }
    }

    // ---- every MUST / MUST NOT of section 1.1 ----

    @ParameterizedTest
    @CsvSource({
            "TOR_PT_STATE_LOCATION, -state, /tmp/x",
            "TOR_PT_CLIENT_TRANSPORTS, -transports, plain",
            "TOR_PT_PROXY, -proxy, socks5://127.0.0.1:1",
            "TOR_PT_ORPORT, -orport, 127.0.0.1:1",
            "TOR_PT_MANAGED_TRANSPORT_VER, -ptversion, 2.2",
    })
    void anEnvironmentVariableAndItsFlagTogetherAreRefused(String variable, String flag, String value) throws Exception {
        String message = envError(pt("-transport", "plain", flag, value).env(variable, value));
        assertTrue(message.contains(variable) && message.contains(flag.equals("-orport") ? "-target" : flag), message);
    }

    @Test
    void exitOnStdinCloseAsVariableAndFlagIsRefused() throws Exception {
        assertEquals("-exit-on-stdin-close and TOR_PT_EXIT_ON_STDIN_CLOSE are both set; set only one of them",
                envError(pt("-transport", "plain", "-exit-on-stdin-close").env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")));
    }

    @Test
    void serverVariablesAndTheirFlagsTogetherAreRefused() throws Exception {
        String message = envError(pt("-bindaddr", "plain-127.0.0.1:0")
                .env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0").env("TOR_PT_ORPORT", "127.0.0.1:1"));
        assertEquals("-bindaddr and TOR_PT_SERVER_BINDADDR are both set; set only one of them", message);
        message = envError(pt("-options", "{}")
                .env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0").env("TOR_PT_ORPORT", "127.0.0.1:1")
                .env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "{}"));
        assertEquals("-options and TOR_PT_SERVER_TRANSPORT_OPTIONS are both set; set only one of them", message);
    }

    @Test
    void optionsAndOptionsFileTogetherAreRefused() throws Exception {
        assertEquals("-options and -optionsFile are both set; give the options one way",
                envError(pt("-transport", "plain", "-options", "{}", "-optionsFile", "o.json")));
    }

    @Test
    void aSingleTransportWithAListIsRefused() throws Exception {
        assertEquals("-transport and TOR_PT_CLIENT_TRANSPORTS are both set; name a single transport or a list, not both",
                envError(pt("-transport", "plain").env("TOR_PT_CLIENT_TRANSPORTS", "plain")));
    }

    @Test
    void noTransportIsRefused() throws Exception {
        assertEquals("no transport requested: set -transport <name> or -transports <names> (or TOR_PT_CLIENT_TRANSPORTS)", envError(pt()));
    }

    @Test
    void combinedAndSplitAddressesAreRefused() throws Exception {
        assertTrue(envError(pt("-transport", "plain", "-proxylistenaddr", "127.0.0.1:0", "-proxylistenhost", "127.0.0.1"))
                .startsWith("-proxylistenaddr and -proxylistenhost are both set"));
        assertTrue(envError(pt("-server", "-transport", "plain", "-bindaddr", "plain-127.0.0.1:0", "-bindport", "1", "-target", "127.0.0.1:1"))
                .startsWith("-bindaddr and -transport are both set"));
        assertTrue(envError(pt("-transport", "plain", "-target", "127.0.0.1:1", "-targetport", "1"))
                .startsWith("-target and -targetport are both set"));
    }

    @Test
    void halfASplitAddressIsRefused() throws Exception {
        assertEquals("-bindhost is set without -bindport; give both (with -transport)",
                envError(pt("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-target", "127.0.0.1:1")));
        assertEquals("-bindport is set without -bindhost; give both (with -transport)",
                envError(pt("-server", "-transport", "plain", "-bindport", "1", "-target", "127.0.0.1:1")));
        assertEquals("-targetport is set without -targethost; give both", envError(pt("-transport", "plain", "-targetport", "1")));
    }

    @Test
    void aServerWithoutBindAddressOrTargetIsRefused() throws Exception {
        assertTrue(envError(pt("-server", "-transports", "plain", "-target", "127.0.0.1:1")).startsWith("no bind address"));
        assertTrue(envError(pt("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0")).startsWith("no target"));
    }

    @Test
    void hostNamesAreNotBindAddresses() throws Exception {
        assertEquals("-proxylistenaddr: \"localhost\" is not an IP address (host names are not allowed here)",
                envError(pt("-transport", "plain", "-proxylistenaddr", "localhost:1080")));
        assertEquals("TOR_PT_SERVER_BINDADDR entry \"plain-localhost:0\": \"localhost\" is not an IP address (host names are not allowed here)",
                envError(pt().env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_SERVER_BINDADDR", "plain-localhost:0").env("TOR_PT_ORPORT", "127.0.0.1:1")));
    }

    @Test
    void bindAddressesOutOfTransportOrderAreRefused() throws Exception {
        assertEquals("TOR_PT_SERVER_BINDADDR lists transports in the order b,plain, but they must follow the transport list: plain,b",
                envError(pt().env("TOR_PT_SERVER_TRANSPORTS", "plain,b")
                        .env("TOR_PT_SERVER_BINDADDR", "b-127.0.0.1:0,plain-127.0.0.1:0").env("TOR_PT_ORPORT", "127.0.0.1:1")));
    }

    @Test
    void bothRolesAndMisplacedParametersAreRefused() throws Exception {
        assertEquals("-client and -server are both set; choose one role", envError(pt("-client", "-server", "-transport", "plain")));
        assertEquals("-bindaddr is for PT servers, but this is a client (-client was given)",
                envError(pt("-client", "-transport", "plain", "-bindaddr", "plain-127.0.0.1:0")));
        assertEquals("TOR_PT_SERVER_TRANSPORTS is for PT servers, but -client was given",
                envError(pt("-client").env("TOR_PT_SERVER_TRANSPORTS", "plain")));
    }

    @Test
    void extendedOrPortRulesAreChecked() throws Exception {
        assertEquals("No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set (the Extended ORPort needs -authcookie)",
                envError(pt().env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0")
                        .env("TOR_PT_ORPORT", "127.0.0.1:1").env("TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:2")));
        assertEquals("TOR_PT_AUTH_COOKIE_FILE is set without an Extended ORPort; omit it, or set -extorport (TOR_PT_EXTENDED_SERVER_PORT)",
                envError(pt().env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0")
                        .env("TOR_PT_ORPORT", "127.0.0.1:1").env("TOR_PT_AUTH_COOKIE_FILE", "/tmp/cookie")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-mode=socks4", "-ipcLogLevel=LOUD", "-target=nohost", "-target=127.0.0.1:70000", "-options={x:"})
    void malformedValuesAreRefusedNamingTheParameter(String flag) throws Exception {
        String name = flag.substring(0, flag.indexOf('='));
        String message = envError(pt("-transport", "plain", flag));
        assertTrue(message.startsWith(name), message);
    }

    @Test
    void aTransparentClientWithoutTargetIsRefused() throws Exception {
        assertTrue(envError(pt("-transport", "plain", "-mode", "transparent-TCP")).startsWith("no target: a transparent-TCP client needs -target"));
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.createDirectories(dir).resolve("a-file");
        Files.writeString(file, "x");
        assertTrue(envError(pt("-transport", "plain", "-state", file.resolve("state").toString())).contains("cannot be created"));
    }

    // ---- the version 1 dialect ----

    @Test
    void underVersionOneErrorsGoToStdout() throws Exception {
        Exited run = Exited.run(pt("-mode", "transparent-TCP", "-target", "127.0.0.1:1")
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1").env("TOR_PT_CLIENT_TRANSPORTS", "plain"));
        assertEquals(List.of("VERSION 1",
                "ENV-ERROR -mode transparent-TCP needs PT version 2 or later; under version 1 a client can only offer SOCKS"), run.stdout());
        assertEquals(List.of(), run.stderr());
        assertEquals(64, run.exitCode());
    }

    @Test
    void underVersionOneLogLinesAreKeyValue() throws Exception {
        Exited run = Exited.run(pt("-ipcLogLevel", "INFO", "-exit-on-stdin-close")
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1").env("TOR_PT_CLIENT_TRANSPORTS", "plain"));
        assertEquals(0, run.exitCode());
        assertTrue(Pattern.matches("CMETHOD plain socks5 " + LOCAL_ADDRESS, run.stdout().get(1)), run.stdout().toString());
        assertTrue(run.stdout().contains("LOG SEVERITY=notice MESSAGE=\"shutting down: stdin closed\""), run.stdout().toString());
        assertTrue(run.stdout().stream().allMatch(l -> l.startsWith("VERSION ") || l.startsWith("CMETHOD") || l.startsWith("LOG SEVERITY=")));
    }

    // ---- upstream proxy ----

    @Test
    void aValidUpstreamProxyIsAcceptedWithProxyDone() throws Exception {
        Exited run = Exited.run(pt("-transport", "plain", "-exit-on-stdin-close", "-proxy", "socks5://user:pw@127.0.0.1:1080"));
        assertEquals("PROXY DONE", run.stdout().get(1));
        assertTrue(run.stdout().get(2).startsWith("CMETHOD plain socks5 "));
        assertEquals("CMETHODS DONE", run.stdout().get(3));
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://127.0.0.1:21 | proxy type \"ftp\" is not supported; use socks5, socks4a or http",
            "socks5://127.0.0.1 | the proxy URI must name host:port",
            "socks4a://user:pw@127.0.0.1:1080 | SOCKS 4a proxies take a user ID but no password",
            "127.0.0.1:1080 | the proxy URI has no type; write socks5://, socks4a:// or http://",
    })
    void anUnusableUpstreamProxyIsAProxyErrorAndExit69(String uri, String why) throws Exception {
        Exited run = Exited.run(pt("-transport", "plain", "-proxy", uri));
        assertEquals(List.of("VERSION 2.2"), run.stdout());
        assertEquals(List.of("PROXY-ERROR " + why), run.stderr());
        assertEquals(69, run.exitCode());
    }

    // ---- CMETHOD / SMETHOD ----

    @Test
    void aClientAnnouncesTheRealBoundAddressAndSkipsUnknownTransports() throws Exception {
        Exited run = Exited.run(pt("-exit-on-stdin-close").env("TOR_PT_CLIENT_TRANSPORTS", "nosuch,plain,another"));
        assertEquals(3, run.stdout().size(), run.stdout().toString());
        assertEquals("VERSION 2.2", run.stdout().get(0));
        assertTrue(Pattern.matches("CMETHOD plain socks5 " + LOCAL_ADDRESS, run.stdout().get(1)), run.stdout().get(1));
        assertEquals("CMETHODS DONE", run.stdout().get(2));
        assertEquals(List.of(), run.stderr());
    }

    @Test
    void onlyUnknownTransportsMeansAnImmediateDone() throws Exception {
        Exited run = Exited.run(pt("-exit-on-stdin-close").env("TOR_PT_CLIENT_TRANSPORTS", "trebuchet"));
        assertEquals(List.of("VERSION 2.2", "CMETHODS DONE"), run.stdout());
        assertEquals(0, run.exitCode());
    }

    @Test
    void ipv6ListenAddressesAreBracketed() throws Exception {
        Exited run = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain", "-proxylistenaddr", "[::1]:0"));
        assertTrue(Pattern.matches("CMETHOD plain socks5 \\[::1\\]:\\d+", run.stdout().get(1)), run.stdout().toString());
    }

    @Test
    void transparentModesAreAnnouncedAsSuch() throws Exception {
        Exited run = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain", "-mode", "transparent-TCP", "-target", "127.0.0.1:9"));
        assertTrue(Pattern.matches("CMETHOD plain transparent-TCP " + LOCAL_ADDRESS, run.stdout().get(1)), run.stdout().toString());
    }

    @Test
    void aListenerThatCannotBindIsACmethodErrorAndTheProcessGoesOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Exited run = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain", "-proxylistenaddr", "127.0.0.1:" + taken.getLocalPort()));
            assertEquals(List.of("VERSION 2.2", "CMETHODS DONE"), run.stdout());
            assertEquals(1, run.stderr().size());
            assertTrue(run.stderr().get(0).startsWith("CMETHOD-ERROR plain cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), run.stderr().get(0));
            assertEquals(0, run.exitCode());
        }
    }

    @Test
    void aServerAnnouncesEachTransportAndErrorsApart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Exited run = Exited.run(pt().env("TOR_PT_SERVER_TRANSPORTS", "plain").env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                    .env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0").env("TOR_PT_ORPORT", "127.0.0.1:9"));
            assertEquals(3, run.stdout().size(), run.stdout().toString());
            assertTrue(Pattern.matches("SMETHOD plain " + LOCAL_ADDRESS, run.stdout().get(1)), run.stdout().get(1));
            assertEquals("SMETHODS DONE", run.stdout().get(2));

            Exited failed = Exited.run(pt("-exit-on-stdin-close", "-server", "-transport", "plain", "-bindhost", "127.0.0.1",
                    "-bindport", Integer.toString(taken.getLocalPort()), "-target", "127.0.0.1:9"));
            assertEquals(List.of("VERSION 2.2", "SMETHODS DONE"), failed.stdout());
            assertTrue(failed.stderr().get(0).startsWith("SMETHOD-ERROR plain cannot listen on "), failed.stderr().toString());
        }
    }

    @Test
    void logLinesFollowTheRequestedLevel() throws Exception {
        Exited quiet = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain"));
        assertTrue(quiet.stdout().stream().noneMatch(l -> l.startsWith("LOG")), quiet.stdout().toString());
        Exited info = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain", "-ipcLogLevel", "INFO"));
        assertTrue(info.stdout().stream().anyMatch(l -> Pattern.matches("LOG INFO plain: socks5 listener ready on " + LOCAL_ADDRESS, l)), info.stdout().toString());
        assertTrue(info.stdout().stream().noneMatch(l -> l.startsWith("LOG DEBUG")), info.stdout().toString());
        Exited debug = Exited.run(pt("-exit-on-stdin-close", "-transports", "nosuch,plain", "-ipcLogLevel", "DEBUG"));
        assertTrue(debug.stdout().contains("LOG DEBUG skipping unknown transport nosuch"), debug.stdout().toString());
    }

    // ---- the state directory ----

    @Test
    void aMissingStateDirectoryIsCreatedOwnerOnlyAndNothingIsWrittenElsewhere() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path state = dir.resolve("deep/state");
        Exited run = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain", "-state", state.toString()));
        assertEquals(0, run.exitCode());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        try (var files = Files.list(cwd)) {
            assertEquals(List.of(), files.toList(), "files left in the working directory");
        }
        try (var files = Files.list(state)) {
            assertEquals(List.of(), files.toList(), "files left in the state directory by a plain client");
        }
    }

    @Test
    void withoutStateTheWorkingDirectoryIsTheStateAndIsLeftClean() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Exited run = Exited.run(pt("-exit-on-stdin-close", "-transport", "plain"));
        assertEquals(0, run.exitCode());
        try (var files = Files.list(cwd)) {
            assertEquals(List.of(), files.toList());
        }
    }
}

package org.ptdispatcher.gui.engine;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.profile.Profile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchPlannerTest {
    private static final EngineProgram PTDISPATCHER = new EngineProgram(List.of("/opt/ptd/ptdispatcher"), true);
    private static final EngineProgram OBFS4PROXY = new EngineProgram(List.of("/usr/bin/obfs4proxy"), false);
    private static final Path STATE = Path.of("/home/me/.config/ptdispatcher/state/1");

    private static Map<String, String> shadowOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("password", "hunter2");
        options.put("cipherName", "aes-256-gcm");
        return options;
    }

    @Test
    void aClientForPtdispatcherGetsFlagsWithItsSecretOptionsInAnOwnerOnlyFileAndExitOnStdinClose() {
        Profile client = Profile.builder(Role.CLIENT).id("1").name("c").transport("shadow").listenAddress("127.0.0.1:1080")
                .target("192.0.2.1:8388").upstreamProxy("socks5://127.0.0.1:9050").options(shadowOptions()).build();
        LaunchPlan plan = LaunchPlanner.plan(client, PTDISPATCHER, LaunchCommand.Style.FLAGS, Optional.empty(), STATE);

        Path optionsFile = STATE.resolve("ptdispatcher-options.json");
        assertEquals(List.of("/opt/ptd/ptdispatcher", "-state", STATE.toString(), "-exit-on-stdin-close", "-ipcLogLevel", "INFO",
                "-transports", "shadow", "-optionsFile", optionsFile.toString(), "-client",
                "-proxylistenaddr", "127.0.0.1:1080", "-proxy", "socks5://127.0.0.1:9050", "-trafficInterval", "1"), plan.command());
        assertEquals(Map.of(optionsFile, "{\"cipherName\":\"aes-256-gcm\",\"password\":\"hunter2\"}"), plan.files());
        assertEquals(Map.of(), plan.environment());
        assertEquals(STATE, plan.stateDirectory());
        assertFalse(String.join(" ", plan.command()).contains("hunter2"), "the command line (ps shows it to every local user) holds no secret");
        assertTrue(plan.maskedShellText().contains("-optionsFile " + optionsFile), "the screen shows the launch as it runs: " + plan.maskedShellText());
        assertTrue(plan.shellText().contains("-options '{\"cipherName\":\"aes-256-gcm\",\"password\":\"hunter2\"}'"),
                "Copy carries a launch that stands on its own, secret included: " + plan.shellText());
    }

    @Test
    void optionsWithoutASecretStayOnTheCommandLine() {
        Profile client = Profile.builder(Role.CLIENT).id("1").name("c").transport("obfs4").target("192.0.2.3:443")
                .options(Map.of("iat-mode", "0")).build();
        LaunchPlan plan = LaunchPlanner.plan(client, PTDISPATCHER, LaunchCommand.Style.FLAGS, Optional.empty(), STATE);
        assertTrue(plan.command().containsAll(List.of("-options", "{\"iat-mode\":\"0\"}")), plan.command().toString());
        assertEquals(Map.of(), plan.files());
    }

    @Test
    void theBuiltInEngineIsAskedForTrafficEverySecondButCopyLeavesItOut() {
        Profile server = Profile.builder(Role.SERVER).id("5").name("s").transport("plain").listenAddress("0.0.0.0:4433")
                .target("127.0.0.1:8080").build();
        LaunchPlan plan = LaunchPlanner.plan(server, PTDISPATCHER, LaunchCommand.Style.FLAGS, Optional.empty(), STATE);
        String command = String.join(" ", plan.command());
        assertTrue(command.endsWith("-trafficInterval 1"), command);
        assertTrue(plan.maskedShellText().contains("-trafficInterval 1"), "the screen shows the launch as it runs: " + plan.maskedShellText());
        assertFalse(plan.shellText().contains("-trafficInterval"), "a person at a terminal gets no STATUS line a second: " + plan.shellText());

        EngineProgram otherPt2 = new EngineProgram(List.of("/usr/bin/shapeshifter-dispatcher"), false);
        LaunchPlan other = LaunchPlanner.plan(server, otherPt2, LaunchCommand.Style.FLAGS, Optional.empty(), STATE);
        assertFalse(String.join(" ", other.command()).contains("-trafficInterval"), "another PT program is not asked: " + other.command());
    }

    @Test
    void aServerForObfs4proxyGetsTorsVariablesOnly() {
        Profile server = Profile.builder(Role.SERVER).id("2").name("s").transport("obfs4").listenAddress("0.0.0.0:443")
                .target("127.0.0.1:9001").stateDirectory("/srv/obfs4").options(Map.of("iat-mode", "1")).build();
        LaunchPlan plan = LaunchPlanner.plan(server, OBFS4PROXY, LaunchCommand.Style.ENVIRONMENT, Optional.empty(), STATE);

        assertEquals(List.of("/usr/bin/obfs4proxy"), plan.command());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("TOR_PT_MANAGED_TRANSPORT_VER", "1");
        expected.put("TOR_PT_STATE_LOCATION", "/srv/obfs4");
        expected.put("TOR_PT_EXIT_ON_STDIN_CLOSE", "1");
        expected.put("TOR_PT_SERVER_TRANSPORTS", "obfs4");
        expected.put("TOR_PT_SERVER_TRANSPORT_OPTIONS", "obfs4:iat-mode=1");
        expected.put("TOR_PT_SERVER_BINDADDR", "obfs4-0.0.0.0:443");
        expected.put("TOR_PT_ORPORT", "127.0.0.1:9001");
        assertEquals(expected, plan.environment());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(plan.environment().keySet()), "table order");
        assertEquals(Path.of("/srv/obfs4"), plan.stateDirectory());
        assertTrue(plan.shellText().startsWith("TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_STATE_LOCATION=/srv/obfs4 "), plan.shellText());
    }

    @Test
    void aVersionOneClientGetsItsOptionsPerConnectionNotInTheEnvironment() {
        Profile client = Profile.builder(Role.CLIENT).id("3").name("c").transport("obfs4").target("192.0.2.3:443")
                .options(Map.of("cert", "AAAA", "iat-mode", "0")).build();
        LaunchPlan plan = LaunchPlanner.plan(client, OBFS4PROXY, LaunchCommand.Style.ENVIRONMENT, Optional.empty(), STATE);
        assertEquals(Map.of("TOR_PT_MANAGED_TRANSPORT_VER", "1", "TOR_PT_STATE_LOCATION", STATE.toString(),
                "TOR_PT_EXIT_ON_STDIN_CLOSE", "1", "TOR_PT_CLIENT_TRANSPORTS", "obfs4"), plan.environment());
    }

    @Test
    void transparentClientsPassTheirServerAsTarget() {
        Profile client = Profile.builder(Role.CLIENT).id("4").name("c").transport("plain").mode(ProxyMode.TRANSPARENT_TCP)
                .listenAddress("127.0.0.1:5000").target("192.0.2.9:443").logLevel(LogLevel.WARN).build();
        LaunchPlan plan = LaunchPlanner.plan(client, PTDISPATCHER, LaunchCommand.Style.FLAGS, Optional.empty(), STATE);
        String text = String.join(" ", plan.command());
        assertTrue(text.contains("-mode transparent-TCP"), text);
        assertTrue(text.contains("-proxylistenaddr 127.0.0.1:5000 -target 192.0.2.9:443"), text);
    }
}

package org.ptdispatcher.engine.config;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchCommandTest {

    @Test
    void flagsFollowTheTableOrderWithSwitchesBare() {
        Map<Parameter, String> values = new LinkedHashMap<>();
        values.put(Parameter.TARGET, "127.0.0.1:8080");
        values.put(Parameter.SERVER, "true");
        values.put(Parameter.TRANSPORTS, "plain");
        values.put(Parameter.EXIT_ON_STDIN_CLOSE, "true");
        values.put(Parameter.BIND_ADDR, "plain-127.0.0.1:4433");
        values.put(Parameter.CLIENT, "false");

        LaunchCommand command = LaunchCommand.render(Role.SERVER, values, LaunchCommand.Style.FLAGS);

        assertEquals(List.of("-exit-on-stdin-close", "-transports", "plain", "-server",
                "-bindaddr", "plain-127.0.0.1:4433", "-target", "127.0.0.1:8080"), command.arguments());
        assertTrue(command.environment().isEmpty());
    }

    @Test
    void environmentStyleUsesTheRolesTransportsVariableAndDropsTheRoleSwitch() {
        Map<Parameter, String> values = Map.of(
                Parameter.PT_VERSION, "1",
                Parameter.SERVER, "true",
                Parameter.TRANSPORTS, "obfs4",
                Parameter.BIND_ADDR, "obfs4-127.0.0.1:0",
                Parameter.TARGET, "127.0.0.1:9001",
                Parameter.EXIT_ON_STDIN_CLOSE, "true",
                Parameter.STATE, "/tmp/state");

        LaunchCommand command = LaunchCommand.render(Role.SERVER, values, LaunchCommand.Style.ENVIRONMENT);

        assertEquals(List.of(), command.arguments());
        assertEquals(List.of("TOR_PT_MANAGED_TRANSPORT_VER", "TOR_PT_STATE_LOCATION", "TOR_PT_EXIT_ON_STDIN_CLOSE",
                "TOR_PT_SERVER_TRANSPORTS", "TOR_PT_SERVER_BINDADDR", "TOR_PT_ORPORT"), List.copyOf(command.environment().keySet()));
        assertEquals("1", command.environment().get("TOR_PT_EXIT_ON_STDIN_CLOSE"));
        assertEquals("obfs4", command.environment().get("TOR_PT_SERVER_TRANSPORTS"));
    }

    @Test
    void clientTransportsGoToTheClientVariable() {
        LaunchCommand command = LaunchCommand.render(Role.CLIENT,
                Map.of(Parameter.CLIENT, "true", Parameter.TRANSPORT, "obfs4"), LaunchCommand.Style.ENVIRONMENT);
        assertEquals(Map.of("TOR_PT_CLIENT_TRANSPORTS", "obfs4"), command.environment());
    }

    @Test
    void aParameterWithoutVariableCannotBeRenderedAsEnvironment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchCommand.render(Role.CLIENT,
                Map.of(Parameter.PROXY_LISTEN_ADDR, "127.0.0.1:1080"), LaunchCommand.Style.ENVIRONMENT));
        assertTrue(e.getMessage().startsWith("-proxylistenaddr "), e.getMessage());
    }

    @Test
    void shellTextQuotesOnlyWhatTheShellWouldSplitOrExpand() {
        LaunchCommand command = new LaunchCommand(List.of("-options", "{\"password\":\"it's $HOME\"}", "-state", "/tmp/a b"),
                Map.of("TOR_PT_ORPORT", "127.0.0.1:9001"));
        assertEquals("TOR_PT_ORPORT=127.0.0.1:9001 java -jar '/opt/my pt/ptdispatcher.jar' -options '{\"password\":\"it'\\''s $HOME\"}' -state '/tmp/a b'",
                command.toShellText(List.of("java", "-jar", "/opt/my pt/ptdispatcher.jar")));
        assertEquals("''", LaunchCommand.shellQuote(""));
    }
}

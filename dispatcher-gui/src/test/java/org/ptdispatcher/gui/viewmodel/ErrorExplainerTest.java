package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.config.Parameter;
import org.ptdispatcher.engine.ipc.IpcLineParser;
import org.ptdispatcher.gui.profile.ProfileField;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Error lines as engines write them (ours, and goptlib's for obfs4proxy) point at the field to fix. */
class ErrorExplainerTest {

    private static Explanation explain(String line, String... options) {
        return ErrorExplainer.explain(IpcLineParser.parse(line).orElseThrow(), Set.of(options)).orElseThrow();
    }

    @Test
    void eachErrorPointsAtItsField() {
        assertEquals(Optional.of(ProfileField.TARGET), explain("ENV-ERROR -target \"x\" has no port (write host:port)").field());
        assertEquals(Optional.of(ProfileField.LISTEN), explain("ENV-ERROR -proxylistenaddr \"localhost:1\" is not an IP address").field());
        assertEquals(Optional.of(ProfileField.PROXY), explain("ENV-ERROR -proxy must be socks5, socks4a or http").field());
        assertEquals(Optional.of(ProfileField.TARGET), explain("ENV-ERROR no TOR_PT_ORPORT environment variable").field());
        assertEquals(Optional.of(ProfileField.STATE), explain("ENV-ERROR no TOR_PT_STATE_LOCATION environment variable").field());
        assertEquals(Optional.of(ProfileField.option("cert")), explain("CMETHOD-ERROR obfs4 missing option \"cert\"", "cert").field());
        assertEquals(Optional.of(ProfileField.LISTEN), explain("SMETHOD-ERROR plain cannot bind 127.0.0.1:80: Address already in use").field());
        assertEquals(Optional.of(ProfileField.EXTRA_OPTIONS), explain("SMETHOD-ERROR shadow unknown cipher").field());
        assertEquals(Optional.of(ProfileField.ENGINE), explain("VERSION-ERROR no-version").field());
        assertEquals(Optional.of(ProfileField.PROXY), explain("PROXY-ERROR SOCKS 4 upstream proxies unsupported.").field());
        assertEquals("error.cmethod", explain("CMETHOD-ERROR trebuchet no rocks available").messageKey());
        assertEquals(List.of("trebuchet"), explain("CMETHOD-ERROR trebuchet no rocks available").args());
        assertEquals("no rocks available", explain("CMETHOD-ERROR trebuchet no rocks available").detail());
    }

    @Test
    void everySpellingOfAFieldsParametersInTheEngineTablePointsAtTheField() {
        Map<Parameter, String> fields = Map.of(Parameter.PROXY_LISTEN_PORT, ProfileField.LISTEN, Parameter.BIND_ADDR, ProfileField.LISTEN,
                Parameter.TARGET, ProfileField.TARGET, Parameter.TRANSPORTS, ProfileField.TRANSPORT, Parameter.OPTIONS_FILE, ProfileField.EXTRA_OPTIONS,
                Parameter.STATE, ProfileField.STATE, Parameter.MODE, ProfileField.MODE);
        fields.forEach((parameter, field) -> {
            for (String flag : parameter.flagNames()) {
                assertEquals(Optional.of(field), explain("ENV-ERROR -" + flag + " \"x\" is wrong").field(), flag);
            }
            for (String variable : parameter.envVars()) {
                assertEquals(Optional.of(field), explain("ENV-ERROR no " + variable + " environment variable").field(), variable);
            }
        });
        assertEquals(Optional.of(ProfileField.TARGET), explain("ENV-ERROR -orport \"x\" has no port").field(), "the second spelling too");
        assertEquals(Optional.empty(), explain("ENV-ERROR -extorport needs -authcookie").field(), "the form has no field for it");
    }

    @Test
    void exitCodesInWords() {
        assertEquals("exit.stopped", ErrorExplainer.explainExit(0, true).messageKey());
        assertEquals("exit.endedAlone", ErrorExplainer.explainExit(0, false).messageKey());
        assertEquals("exit.usage", ErrorExplainer.explainExit(64, false).messageKey());
        assertEquals(Optional.of(ProfileField.PROXY), ErrorExplainer.explainExit(69, false).field());
        assertEquals("exit.version", ErrorExplainer.explainExit(78, false).messageKey());
        assertEquals(List.of("9"), ErrorExplainer.explainExit(137, false).args());
        assertEquals("exit.stopped", ErrorExplainer.explainExit(143, true).messageKey(), "SIGTERM after Stop is a normal stop");
        assertEquals("exit.other", ErrorExplainer.explainExit(1, false).messageKey());
    }
}

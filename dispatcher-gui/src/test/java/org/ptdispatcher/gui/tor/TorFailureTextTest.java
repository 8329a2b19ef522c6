package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorFailureTextTest {
    /** One of each kind of failure. */
    static final List<TorFailure> EVERY_KIND = List.of(
            new TorFailure.TorNotFound(""), new TorFailure.TorNotFound("/opt/tor"),
            new TorFailure.MalformedBridgeLine("obfs4 1.2.3.4 cert=x", "import.problem.bridgeAddress", List.of("1.2.3.4")),
            new TorFailure.NoBridge(""), new TorFailure.NoBridge("Home"),
            new TorFailure.BridgeUnreachable("obfs4 192.0.2.1:443", "Connection refused"),
            new TorFailure.AllBridgesFailed(List.of("obfs4 192.0.2.1:443", "obfs4 192.0.2.2:443")),
            new TorFailure.ClockSkew("behind 2 days", "OR:192.0.2.1:443"),
            new TorFailure.TransportFailed("obfs4", "the cert is wrong"), new TorFailure.EngineNotFound(),
            new TorFailure.EnginePathHasSpace("/Applications/PT Dispatcher.app/x"), new TorFailure.PortInUse("127.0.0.1:9150"),
            new TorFailure.TorExited(1, "Reading config failed"), new TorFailure.ControlPortFailed("refused"),
            new TorFailure.Stalled(new BootstrapStatus(45, "requesting_descriptors", "Asking for relay descriptors"), 300));

    @Test
    void theEnglishExplanationsForTheTerminal() {
        TorFailureText.Source english = TorFailureText.english();
        assertEquals("Tor cannot reach the bridge obfs4 192.0.2.1:443 (Connection refused). The bridge may be down, or blocked where you are: "
                        + "get new bridge lines (from https://bridges.torproject.org, or by email or Telegram) and import them.",
                TorFailureText.explain(new TorFailure.BridgeUnreachable("obfs4 192.0.2.1:443", "Connection refused"), english));
        assertEquals("This bridge line cannot be used: obfs4 1.2.3.4 cert=x — 1.2.3.4 is not an address with a port. Copy the line again, whole, from where you got it.",
                TorFailureText.explain(EVERY_KIND.get(2), english));
        assertTrue(TorFailureText.explain(new TorFailure.TorNotFound(""), english).startsWith("Tor is not installed"));
        assertTrue(TorFailureText.explain(new TorFailure.TorNotFound(""), english).contains("distribution's tor"), "no doubled apostrophe");
    }

    @Test
    void everyKindIsExplainedInEveryLanguageWithEveryArgument() {
        for (Language language : Language.values()) {
            Messages messages = new Messages(language);
            TorFailureText.Source source = (key, args) -> messages.get(key, args.toArray());
            for (TorFailure failure : EVERY_KIND) {
                String text = TorFailureText.explain(failure, source);
                assertFalse(text.matches("(?s).*\\{\\d}.*"), language + " " + failure + ": " + text);
                for (String argument : failure.arguments()) {
                    assertTrue(text.contains(argument), language + " " + failure + " lacks " + argument + ": " + text);
                }
            }
        }
    }
}

package org.ptdispatcher.gui.testing;

import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.List;

/**
 * A transport description for the form's tests (registered on the test class path only): one
 * option of each kind, so the tests see that the form is made from whatever a transport publishes.
 * It carries no traffic; its halves are never made.
 */
public final class FormTestTransport implements Transport {
    public static final String NAME = "formtest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Test-only description of options.";
    }

    @Override
    public List<TransportOption> options() {
        return List.of(
                TransportOption.builder("password", TransportOption.Type.TEXT, TransportOption.Side.BOTH).required().secret()
                        .description("The shared secret.").build(),
                TransportOption.builder("cipherName", TransportOption.Type.CHOICE, TransportOption.Side.BOTH).defaultValue("AES-256-GCM")
                        .choices(List.of("AES-128-GCM", "AES-256-GCM")).description("The cipher.").build(),
                TransportOption.builder("retries", TransportOption.Type.INTEGER, TransportOption.Side.CLIENT).defaultValue("3")
                        .description("How often to retry.").build(),
                TransportOption.builder("replayFilter", TransportOption.Type.BOOLEAN, TransportOption.Side.SERVER).defaultValue("true")
                        .description("Whether to drop replays.").build());
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) {
        throw new UnsupportedOperationException("description only");
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) {
        throw new UnsupportedOperationException("description only");
    }
}

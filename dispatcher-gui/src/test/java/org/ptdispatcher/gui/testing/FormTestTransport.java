package org.ptdispatcher.gui.testing;

import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.List;
import java.util.Optional;

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
                new TransportOption("password", TransportOption.Type.TEXT, TransportOption.Side.BOTH, true, Optional.empty(), true, List.of(),
                        "The shared secret."),
                new TransportOption("cipherName", TransportOption.Type.CHOICE, TransportOption.Side.BOTH, false, Optional.of("AES-256-GCM"), false,
                        List.of("AES-128-GCM", "AES-256-GCM"), "The cipher."),
                new TransportOption("retries", TransportOption.Type.INTEGER, TransportOption.Side.CLIENT, false, Optional.of("3"), false, List.of(),
                        "How often to retry."),
                new TransportOption("replayFilter", TransportOption.Type.BOOLEAN, TransportOption.Side.SERVER, false, Optional.of("true"), false,
                        List.of(), "Whether to drop replays."));
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

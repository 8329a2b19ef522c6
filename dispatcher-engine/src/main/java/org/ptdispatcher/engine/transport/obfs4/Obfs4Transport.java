package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.crypto.TransportRandom;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.ScalarKeystreamWarning;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.List;

/**
 * obfs4 ("the obfourscator"), interoperable with obfs4proxy 0.0.14 and lyrebird: an ntor
 * handshake whose keys travel as Elligator 2 representatives, then XSalsa20-Poly1305 frames
 * with obfuscated lengths, random padding and, optionally, random timing (iat-mode).
 */
public final class Obfs4Transport implements Transport {

    @Override
    public String name() {
        return "obfs4";
    }

    @Override
    public String summary() {
        return "obfs4: looks like random bytes; resists active probing; interoperates with obfs4proxy and lyrebird.";
    }

    @Override
    public List<TransportOption> options() {
        List<String> iatModes = List.of("0", "1", "2");
        return List.of(
                TransportOption.builder("cert", TransportOption.Type.TEXT, TransportOption.Side.CLIENT).required()
                        .description("The bridge's cert: its node ID and public key, from its bridge line.").build(),
                TransportOption.builder("node-id", TransportOption.Type.TEXT, TransportOption.Side.CLIENT).advanced()
                        .description("Old bridge lines only: the node ID in hex, with public-key, instead of cert.").build(),
                TransportOption.builder("public-key", TransportOption.Type.TEXT, TransportOption.Side.CLIENT).advanced()
                        .description("Old bridge lines only: the public key in hex, with node-id, instead of cert.").build(),
                TransportOption.builder("iat-mode", TransportOption.Type.CHOICE, TransportOption.Side.BOTH).defaultValue("0").choices(iatModes)
                        .description("Timing obfuscation of what this side sends: 0 none, 1 paced segments, 2 paced segments of random sizes (slow).").build(),
                TransportOption.builder("node-id", TransportOption.Type.TEXT, TransportOption.Side.SERVER).advanced()
                        .description("Server keys given instead of the state file (with private-key and drbg-seed): the node ID in hex.").build(),
                TransportOption.builder("private-key", TransportOption.Type.TEXT, TransportOption.Side.SERVER).secret().advanced()
                        .description("Server keys given instead of the state file: the identity private key in hex.").build(),
                TransportOption.builder("drbg-seed", TransportOption.Type.TEXT, TransportOption.Side.SERVER).secret().advanced()
                        .description("Server keys given instead of the state file: the 24-byte DRBG seed in hex.").build());
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        if (options.contains("cert") || options.contains("node-id") || options.contains("public-key")) {
            // Given at start-up: malformed values are reported now rather than per connection.
            Obfs4ClientArgs.parse(options);
        } else if (options.contains("iat-mode")) {
            IatMode.parse(options.get("iat-mode").get());
        }
        ScalarKeystreamWarning.warnIfSlower(name());
        return new Obfs4Client(options, TransportRandom.shared(), SessionKeyPool.shared());
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        Obfs4ServerState state = Obfs4ServerState.loadOrCreate(context.stateDirectory(), options, TransportRandom.shared());
        ScalarKeystreamWarning.warnIfSlower(name());
        return new Obfs4Server(state, TransportRandom.shared(), SessionKeyPool.shared());
    }

    @Override
    public void warmUp() {
        Obfs4WarmUp.run(TransportRandom.shared(), Obfs4WarmUp.ROUNDS);
    }
}

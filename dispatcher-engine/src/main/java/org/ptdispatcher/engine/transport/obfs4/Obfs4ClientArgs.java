package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;

/** A client connection's settings: which server (its cert) and the iat-mode for what the client sends. */
record Obfs4ClientArgs(Obfs4Cert cert, IatMode iatMode) {

    /**
     * Reads {@code cert}, or the legacy {@code node-id} and {@code public-key}, and {@code iat-mode}
     * (0 when absent; obfs4proxy requires it, every bridge line has it).
     */
    static Obfs4ClientArgs parse(TransportOptions options) throws InvalidTransportOptionsException {
        Obfs4Cert cert;
        if (options.get("cert").filter(s -> !s.isEmpty()).isPresent()) {
            cert = Obfs4Cert.parse(options.get("cert").get());
        } else if (options.contains("node-id") || options.contains("public-key")) {
            cert = Obfs4Cert.fromHex(options.require("node-id"), options.require("public-key"));
        } else {
            throw new InvalidTransportOptionsException("missing option \"cert\" (or \"node-id\" and \"public-key\")");
        }
        IatMode iat = IatMode.parse(options.getOrDefault("iat-mode", "0"));
        return new Obfs4ClientArgs(cert, iat);
    }
}

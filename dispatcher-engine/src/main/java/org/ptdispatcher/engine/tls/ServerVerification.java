package org.ptdispatcher.engine.tls;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * How a client judges the server's certificate chain: either it must lead to a trusted authority
 * and name {@link ByName#name()} (which need not be the name sent in SNI: webtunnel's
 * {@code sni-imitation} sends one name and checks another), or its {@link CertificateChainHash}
 * must be one of the pins and nothing else is checked, as the reference does for {@code cert=}.
 */
public sealed interface ServerVerification {

    record ByName(String name) implements ServerVerification {
        public ByName {
            Objects.requireNonNull(name);
        }
    }

    /** The pins, as the base64 text of bridge lines: kept as text so two equal lists are equal. */
    record ByPinnedChain(List<String> base64Pins) implements ServerVerification {
        public ByPinnedChain {
            base64Pins = List.copyOf(base64Pins);
        }

        List<byte[]> pins() {
            return base64Pins.stream().map(p -> Base64.getDecoder().decode(p)).toList();
        }
    }
}

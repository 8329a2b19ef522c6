package org.ptdispatcher.gui.viewmodel;

import java.util.Optional;

/**
 * An SMETHOD: where the server accepts PT clients, and the text to give them.
 *
 * @param shareText a Tor bridge line or {@code ss://} link, if one can be made
 * @param wildcard  the address is 0.0.0.0 or ::, so the shared text needs the public address put in
 */
public record ServerEndpoint(String transport, String address, Optional<String> shareText, boolean wildcard) {
}

package org.ptdispatcher.engine.socks;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.TransportOptions;

/**
 * A complete SOCKS 5 CONNECT request.
 *
 * @param destination where the application wants to go
 * @param args        per-connection transport args (RFC1929 user/password or the 0x09 JSON block); empty with no authentication
 */
public record SocksConnectRequest(HostPort destination, TransportOptions args) {
}

package org.ptdispatcher.gui.viewmodel;

/** A CMETHOD: where the client's local proxy listens, and which protocol to speak to it. */
public record ProxyEndpoint(String transport, String protocol, String address) {
}

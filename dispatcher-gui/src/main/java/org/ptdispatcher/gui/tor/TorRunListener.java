package org.ptdispatcher.gui.tor;

/** What a client's Tor run reports: once ready, where its proxies listen. */
public interface TorRunListener extends TorRunEvents<TorProxies> {
    /** Bootstrapped 100%: the proxies carry traffic through Tor. */
    @Override
    void onReady(TorProxies proxies);
}

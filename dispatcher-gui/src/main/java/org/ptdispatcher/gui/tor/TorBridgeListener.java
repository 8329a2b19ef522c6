package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.share.BridgeLine;

/** What a bridge operator's Tor run reports: once ready, the whole line a client needs; then what tor learns of its reachability. */
public interface TorBridgeListener extends TorRunEvents<BridgeLine> {
    /** The complete client bridge line: transport, address, tor's fingerprint, the transport's arguments. */
    @Override
    void onReady(BridgeLine line);

    /** Tor's self-test of its ORPort said something new. */
    void onReachability(BridgeReachability reachability);
}

package org.ptdispatcher.engine.transport.obfs4;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.crypto.TransportRandom;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class Obfs4WarmUpTest {
    /** The warm-up checks its own results: both halves derive the same keys and the frames open. */
    @Test
    void roundsCompleteTheirOwnHandshakesAndFrames() {
        assertDoesNotThrow(() -> Obfs4WarmUp.run(TransportRandom.shared(), 5));
    }
}

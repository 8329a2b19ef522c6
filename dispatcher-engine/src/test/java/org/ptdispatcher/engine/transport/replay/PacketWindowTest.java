package org.ptdispatcher.engine.transport.replay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketWindowTest {
    @Test
    void eachIdIsTakenOnce() {
        PacketWindow window = new PacketWindow();
        for (long id = 0; id < 3000; id++) {
            assertTrue(window.accept(id), "first time " + id);
            assertFalse(window.accept(id), "second time " + id);
        }
    }

    @Test
    void lateIdsWithinTheWindowAreTakenAndOlderOnesRefused() {
        PacketWindow window = new PacketWindow();
        assertTrue(window.accept(5000));
        assertTrue(window.accept(5000 - PacketWindow.SIZE + 1), "the oldest id the window still covers");
        assertFalse(window.accept(5000 - PacketWindow.SIZE), "one behind the window");
        assertTrue(window.accept(4990));
        assertFalse(window.accept(4990));
        assertFalse(window.accept(0));
    }

    @Test
    void aJumpForwardForgetsWhatFellOutOfTheWindowButNotWhatStayedIn() {
        PacketWindow window = new PacketWindow();
        for (long id = 0; id < 100; id++) {
            window.accept(id);
        }
        assertTrue(window.accept(100 + PacketWindow.SIZE / 2));
        assertFalse(window.accept(99), "still in the window, seen");
        assertTrue(window.accept(100), "still in the window, not seen");
        assertTrue(window.accept(1_000_000));
        assertFalse(window.accept(1_000_000 - PacketWindow.SIZE));
        assertTrue(window.accept(1_000_000 - 1), "its slot was cleared by the jump, not left marked by an old id");
    }

    @Test
    void idsAreUnsigned() {
        PacketWindow window = new PacketWindow();
        assertTrue(window.accept(Long.MAX_VALUE));
        assertTrue(window.accept(Long.MIN_VALUE), "2^63 is ahead of 2^63 - 1");
        assertFalse(window.accept(0), "0 is 2^63 behind");
        assertTrue(window.accept(-1L), "the largest u64");
        assertFalse(window.accept(-1L));
    }
}

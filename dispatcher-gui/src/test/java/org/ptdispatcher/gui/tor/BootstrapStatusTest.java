package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapStatusTest {
    @Test
    void fromTorsEventArguments() {
        assertEquals(Optional.of(new BootstrapStatus(45, "requesting_descriptors", "Asking for relay descriptors")),
                BootstrapStatus.fromEvent(Map.of("PROGRESS", "45", "TAG", "requesting_descriptors", "SUMMARY", "Asking for relay descriptors")));
        assertEquals(Optional.empty(), BootstrapStatus.fromEvent(Map.of("PROGRESS", "x")));
        assertEquals(Optional.empty(), BootstrapStatus.fromEvent(Map.of("PROGRESS", "101")));
    }

    @Test
    void fromTorsNoticeLine() {
        assertEquals(Optional.of(new BootstrapStatus(100, "done", "Done")), BootstrapStatus.fromLogMessage("Bootstrapped 100% (done): Done"));
        assertTrue(BootstrapStatus.fromLogMessage("Bootstrapped 100% (done): Done").orElseThrow().isDone());
        assertEquals(Optional.empty(), BootstrapStatus.fromLogMessage("Bootstrapping is easy"));
    }

    @Test
    void theHeadlessProgressLine() {
        assertEquals("Bootstrapped 2%: Connected to pluggable transport", new BootstrapStatus(2, "conn_done_pt", "Connected to pluggable transport").progressLine());
    }
}

package org.ptdispatcher.gui;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The link the desktop opens the app with, as the desktop entry's {@code %u} passes it. */
class LaunchArgumentsTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";

    @Test
    void takesTheSsLinkAmongTheArguments() {
        assertEquals(Optional.of(LINK), LaunchArguments.linkToImport(List.of("--verbose", LINK)));
        assertEquals(Optional.of("SS://abc"), LaunchArguments.linkToImport(List.of(" SS://abc ")));
    }

    @Test
    void noLinkNoImport() {
        assertEquals(Optional.empty(), LaunchArguments.linkToImport(List.of()));
        assertEquals(Optional.empty(), LaunchArguments.linkToImport(List.of("https://example.org", "obfs4 192.0.2.1:1")));
    }
}

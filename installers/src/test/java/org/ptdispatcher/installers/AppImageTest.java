package org.ptdispatcher.installers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AppImageTest {
    @Test
    void theAppsClassPathEntriesAreNamedRelativeToTheAppDirectory() {
        assertEquals("javafx-graphics-linux.jar", AppImage.relativeToAppDir("$APPDIR/javafx-graphics-linux.jar"));
    }

    @Test
    void anEntryOutsideTheAppDirectoryIsRefusedRatherThanNamedWrongly() {
        assertThrows(IllegalStateException.class, () -> AppImage.relativeToAppDir("/usr/share/java/x.jar"));
    }
}

package org.ptdispatcher.installers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildInstallersTest {
    @Test
    void packageVersionsAreNumeric() {
        assertEquals("0.1.0", BuildInstallers.packageVersion("0.1.0-SNAPSHOT"));
        assertEquals("1.2.3", BuildInstallers.packageVersion("1.2.3"));
        assertEquals("2.0", BuildInstallers.packageVersion("2.0.Final"));
    }
}

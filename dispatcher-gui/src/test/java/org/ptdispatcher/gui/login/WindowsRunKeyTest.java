package org.ptdispatcher.gui.login;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.sysproxy.ScriptedCommands;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reg command lines for the Run key, as generated, answered as reg answers. */
class WindowsRunKeyTest {
    private static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    private static final List<String> QUERY = List.of("reg", "query", KEY, "/v", "PT Dispatcher");

    @Test
    void onIsTheValueBeingThere() throws Exception {
        ScriptedCommands reg = new ScriptedCommands().answer(QUERY, 0,
                "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\r\n"
                        + "    PT Dispatcher    REG_SZ    \"C:\\Program Files\\PT Dispatcher\\PT Dispatcher.exe\"\r\n");
        assertTrue(new WindowsRunKey(reg).isOn());
        assertFalse(new WindowsRunKey(new ScriptedCommands().answer(QUERY, 1, "")).isOn(), "reg exits 1: no such value");
    }

    @Test
    void turningOnAddsTheQuotedLauncherAsAStringValue() throws Exception {
        ScriptedCommands reg = new ScriptedCommands();
        new WindowsRunKey(reg).turnOn(List.of("C:\\Program Files\\PT Dispatcher\\PT Dispatcher.exe"));
        // \" so that reg's own argument parsing leaves the quotes in the data
        assertEquals(List.of(List.of("reg", "add", KEY, "/v", "PT Dispatcher", "/t", "REG_SZ",
                "/d", "\\\"C:\\Program Files\\PT Dispatcher\\PT Dispatcher.exe\\\"", "/f")), reg.take());
    }

    @Test
    void turningOffDeletesTheValueAndAValueAlreadyGoneIsNoFailure() throws Exception {
        ScriptedCommands reg = new ScriptedCommands()
                .answer(List.of("reg", "delete", KEY, "/v", "PT Dispatcher", "/f"), 1, "")
                .answer(QUERY, 1, "");
        new WindowsRunKey(reg).turnOff();
        assertEquals(List.of(List.of("reg", "delete", KEY, "/v", "PT Dispatcher", "/f"), QUERY), reg.take());
    }

    @Test
    void aValueThatStaysAfterDeleteIsAFailure() {
        ScriptedCommands reg = new ScriptedCommands()
                .answer(List.of("reg", "delete", KEY, "/v", "PT Dispatcher", "/f"), 1, "")
                .answer(QUERY, 0, "    PT Dispatcher    REG_SZ    x\r\n");
        assertThrows(IOException.class, () -> new WindowsRunKey(reg).turnOff());
    }
}

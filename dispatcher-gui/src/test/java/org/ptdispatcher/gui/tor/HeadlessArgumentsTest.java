package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadlessArgumentsTest {
    @Test
    void connectMakesItHeadless() {
        assertTrue(HeadlessArguments.requested(List.of("--connect", "My bridge")));
        assertTrue(HeadlessArguments.requested(List.of("--connect=obfs4 192.0.2.1:443 cert=x")));
        assertFalse(HeadlessArguments.requested(List.of("ss://YWVzLTI1Ni1nY206cGFzcw@192.0.2.1:8388")));
        assertFalse(HeadlessArguments.requested(List.of()));
    }

    @Test
    void everyOption() {
        HeadlessArguments args = HeadlessArguments.parse(List.of("--connect", "obfs4 192.0.2.1:443 cert=x iat-mode=0", "--connect=Home",
                "--tor", "/opt/tor/tor", "--tor-config", "/tmp/net.torrc", "--socks-port", "9150", "--http-port=9151", "--timeout", "60", "--verbose"));
        assertEquals(List.of("obfs4 192.0.2.1:443 cert=x iat-mode=0", "Home"), args.targets());
        assertEquals(Optional.of("/opt/tor/tor"), args.tor());
        assertEquals(List.of(Path.of("/tmp/net.torrc")), args.torConfigs());
        assertEquals(OptionalInt.of(9150), args.socksPort());
        assertEquals(OptionalInt.of(9151), args.httpPort());
        assertEquals(60, args.timeout());
        assertTrue(args.verbose());
    }

    @Test
    void defaults() {
        HeadlessArguments args = HeadlessArguments.parse(List.of("--connect", "Home"));
        assertEquals(Optional.empty(), args.tor());
        assertEquals(OptionalInt.empty(), args.socksPort());
        assertEquals(HeadlessArguments.DEFAULT_TIMEOUT, args.timeout());
        assertFalse(args.verbose());
    }

    @Test
    void whatCannotBeReadIsSaid() {
        assertEquals("--socks-port takes a number from 1 to 65535, not 70000",
                assertThrows(IllegalArgumentException.class, () -> HeadlessArguments.parse(List.of("--connect", "x", "--socks-port", "70000"))).getMessage());
        assertEquals("--connect needs a value", assertThrows(IllegalArgumentException.class, () -> HeadlessArguments.parse(List.of("--connect"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HeadlessArguments.parse(List.of("--connect", "x", "--bogus", "1")))
                .getMessage().startsWith("unknown argument --bogus"));
    }
}

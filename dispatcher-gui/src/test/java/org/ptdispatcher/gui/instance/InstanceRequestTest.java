package org.ptdispatcher.gui.instance;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines a second launch sends the running one, and what the running one makes of any bytes. */
class InstanceRequestTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Bür😀";

    @Test
    void argumentsGoAsOpenLinesAndComeBackAsTheyWere() {
        byte[] request = InstanceRequest.encode(List.of(LINK, "--verbose"));
        assertEquals("OPEN " + LINK + "\nOPEN --verbose\n", new String(request, StandardCharsets.UTF_8));
        assertEquals(Optional.of(List.of(LINK, "--verbose")), InstanceRequest.decode(request));
    }

    @Test
    void noArgumentsIsShow() {
        assertEquals("SHOW\n", new String(InstanceRequest.encode(List.of()), StandardCharsets.UTF_8));
        assertEquals(Optional.of(List.of()), InstanceRequest.decode(InstanceRequest.encode(List.of())));
    }

    @Test
    void anArgumentThatCannotBeOneLineOrDoesNotFitIsLeftOut() {
        String huge = "ss://" + "a".repeat(InstanceRequest.MAX_BYTES);
        assertEquals(Optional.of(List.of(LINK)), InstanceRequest.decode(InstanceRequest.encode(List.of("a\nSHOW", "b\rc", huge, LINK))));
        assertEquals(Optional.of(List.of()), InstanceRequest.decode(InstanceRequest.encode(List.of(huge))));
    }

    @Test
    void unknownLinesAreIgnored() {
        assertEquals(Optional.of(List.of("x")), InstanceRequest.decode("HELLO\nOPEN x\nDELETE everything\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void garbageIsNoRequest() {
        assertEquals(Optional.empty(), InstanceRequest.decode(new byte[0]));
        assertEquals(Optional.empty(), InstanceRequest.decode("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), InstanceRequest.decode(new byte[]{'O', 'P', 'E', 'N', ' ', (byte) 0xC3, '\n'}));
        byte[] oversized = ("OPEN " + "a".repeat(InstanceRequest.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), InstanceRequest.decode(oversized));
    }

    @Test
    void anyBytesEitherDecodeOrAreRefusedNeverThrow() {
        Random random = new Random(17);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            Optional<List<String>> decoded = InstanceRequest.decode(bytes);
            decoded.ifPresent(arguments -> assertTrue(arguments.stream().noneMatch(a -> a.contains("\n"))));
        }
    }
}

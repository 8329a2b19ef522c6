package org.ptdispatcher.engine.transport.shadow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ss://} links (SIP002 and legacy) on any text: parsed or refused with
 * {@link IllegalArgumentException} and nothing else; a parsed link rendered as SIP002 reads back
 * as the same link.
 */
class ShadowLinkFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void link(byte[] input) {
        ShadowLink link;
        try {
            link = ShadowLink.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(link, ShadowLink.parse(link.render()), "rendered as " + link.render());
    }
}

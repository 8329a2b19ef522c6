package org.ptdispatcher.gui.i18n;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.testing.FormTestTransport;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every option a built-in transport describes has its sentence in every language: the form shows
 * it under the option's (untranslated) name. The keys are those ProfileFormViewModel looks up:
 * {@code option.<transport>.<name>}, or {@code option.<transport>.<name>.client}/{@code .server}
 * where the transport describes the name once per side.
 */
class TransportOptionMessagesTest {

    private static Set<String> describedKeys() {
        Set<String> keys = new TreeSet<>();
        for (Transport transport : TransportRegistry.load().all()) {
            if (transport.name().equals(FormTestTransport.NAME)) {
                continue; // the form tests' fixture, on the test class path only
            }
            for (TransportOption option : transport.options()) {
                long sameName = transport.options().stream().filter(o -> o.name().equals(option.name())).count();
                String key = "option." + transport.name() + "." + option.name();
                keys.add(sameName > 1 ? key + "." + option.side().name().toLowerCase(Locale.ROOT) : key);
            }
        }
        return keys;
    }

    @Test
    void everyDescribedOptionHasASentenceInEveryLanguageAndTheTranslationsAreNotTheEnglishOne() {
        Set<String> keys = describedKeys();
        assertTrue(keys.contains("option.obfs4.iat-mode") && keys.contains("option.obfs4.node-id.server")
                && keys.contains("option.webtunnel.url") && keys.contains("option.meek_lite.front") && keys.contains("option.shadow.password"), keys.toString());
        Messages english = new Messages(Language.ENGLISH);
        for (Language language : Language.values()) {
            Messages messages = new Messages(language);
            for (String key : keys) {
                assertTrue(messages.has(key), language + " " + key);
                String sentence = messages.get(key);
                assertTrue(!sentence.isBlank(), language + " " + key);
                if (language != Language.ENGLISH) {
                    assertNotEquals(english.get(key), sentence, language + " " + key + " is still English");
                }
            }
        }
    }

    /** No sentence for an option no transport describes: a misspelt key would leave its option in English. */
    @Test
    void everyOptionSentenceBelongsToADescribedOption() throws Exception {
        Properties bundle = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/org/ptdispatcher/gui/i18n/messages.properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> written = new TreeSet<>();
        for (String key : bundle.stringPropertyNames()) {
            if (key.startsWith("option.")) {
                written.add(key);
            }
        }
        assertEquals(describedKeys(), written);
    }
}

package org.ptdispatcher.gui.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {

    private static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/ptdispatcher/gui/i18n/messages" + suffix + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** Every translation has every English sentence, no more, with the same placeholders, and each is a valid pattern. */
    @Test
    void translationsAreCompleteAndWellFormed() throws Exception {
        Properties english = bundle("");
        for (String suffix : new String[] {"_fa", "_ru", "_zh_CN"}) {
            Properties translated = bundle(suffix);
            assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(translated.stringPropertyNames()), suffix);
            for (String key : english.stringPropertyNames()) {
                String pattern = translated.getProperty(key);
                assertEquals(placeholders(english.getProperty(key)), placeholders(pattern), suffix + " " + key);
                if (pattern.contains("{0}")) {
                    new MessageFormat(pattern);
                    assertTrue(!pattern.contains("'") || pattern.contains("''"), suffix + " " + key + ": a lone apostrophe hides placeholders");
                }
            }
        }
    }

    @Test
    void theLanguageChangesTextAndDirection() {
        Messages messages = new Messages(Language.ENGLISH);
        var start = messages.text("action.start");
        assertEquals("Start", start.get());
        messages.languageProperty().set(Language.PERSIAN);
        assertEquals("شروع", start.get(), "bound text follows at once");
        assertEquals(javafx.geometry.NodeOrientation.RIGHT_TO_LEFT, messages.orientationProperty().getValue());
        messages.languageProperty().set(Language.CHINESE_SIMPLIFIED);
        assertEquals("启动", start.get());
        assertEquals("第 3 行：x", messages.get("import.problem.line", "3", "x"));
        assertNotEquals(javafx.geometry.NodeOrientation.RIGHT_TO_LEFT, messages.orientationProperty().getValue());
    }

    @Test
    void theSystemLocalePicksTheLanguage() {
        assertEquals(Language.PERSIAN, Language.forLocale(Locale.forLanguageTag("fa-IR")));
        assertEquals(Language.CHINESE_SIMPLIFIED, Language.forLocale(Locale.forLanguageTag("zh-CN")));
        assertEquals(Language.ENGLISH, Language.forLocale(Locale.forLanguageTag("zh-TW")), "no traditional Chinese yet");
        assertEquals(Language.RUSSIAN, Language.forLocale(Locale.forLanguageTag("ru-UA")));
        assertEquals(Language.ENGLISH, Language.forLocale(Locale.GERMAN));
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            if (pattern.contains("{" + i + "}")) {
                found.add("{" + i + "}");
            }
        }
        return found;
    }
}

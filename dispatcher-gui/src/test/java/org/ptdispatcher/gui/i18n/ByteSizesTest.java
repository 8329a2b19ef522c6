package org.ptdispatcher.gui.i18n;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteSizesTest {
    private final Messages messages = new Messages(Language.ENGLISH);

    @Test
    void sizesAndRatesInDecimalUnitsWithOneDecimalBelowTen() {
        assertEquals("0 B", ByteSizes.size(messages, 0));
        assertEquals("999 B", ByteSizes.size(messages, 999));
        assertEquals("1 KB", ByteSizes.size(messages, 999.6), "not 1000 B");
        assertEquals("1.2 MB", ByteSizes.size(messages, 1_234_567));
        assertEquals("48 MB", ByteSizes.size(messages, 48_213_000));
        assertEquals("2.1 MB", ByteSizes.size(messages, 2_110_000));
        assertEquals("5000 TB", ByteSizes.size(messages, 5e15), "the largest unit has no end");
        assertEquals("35 KB/s", ByteSizes.rate(messages, 35_000));
        assertEquals("1.2 MB/s", ByteSizes.rate(messages, 1_200_000));
    }

    @Test
    void inTheUsersLanguageAndDigits() {
        messages.languageProperty().set(Language.RUSSIAN);
        assertEquals("1,2 МБ/с", ByteSizes.rate(messages, 1_200_000));
        messages.languageProperty().set(Language.CHINESE_SIMPLIFIED);
        assertEquals("35 KB/s", ByteSizes.rate(messages, 35_000));
        messages.languageProperty().set(Language.PERSIAN);
        assertEquals("۴۸ مگابایت", ByteSizes.size(messages, 48_000_000));
    }
}

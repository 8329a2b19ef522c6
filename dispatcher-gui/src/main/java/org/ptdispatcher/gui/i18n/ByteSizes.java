package org.ptdispatcher.gui.i18n;

import java.text.NumberFormat;

/**
 * Amounts of bytes and rates in the user's language and digits: "1.2 MB", "35 KB/s", in decimal
 * units (1 KB = 1000 bytes, as browsers and file managers count downloads), one decimal below ten.
 */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** {@code bytes} as a size: {@code traffic.size.<unit>}. */
    public static String size(Messages messages, double bytes) {
        return scaled(messages, "traffic.size.", bytes);
    }

    /** {@code bytesPerSecond} as a rate: {@code traffic.rate.<unit>}. */
    public static String rate(Messages messages, double bytesPerSecond) {
        return scaled(messages, "traffic.rate.", bytesPerSecond);
    }

    private static String scaled(Messages messages, String keyPrefix, double amount) {
        double value = Math.max(0, amount);
        int unit = 0;
        // From 999.5 on, the whole number shown would be 1000: the next unit's 1 instead.
        while (unit < UNITS.length - 1 && value >= 999.5) {
            value /= 1000;
            unit++;
        }
        NumberFormat digits = NumberFormat.getNumberInstance(messages.language().locale());
        digits.setGroupingUsed(false);
        digits.setMaximumFractionDigits(unit == 0 || value >= 10 ? 0 : 1);
        return messages.get(keyPrefix + UNITS[unit], digits.format(value));
    }
}

package org.ptdispatcher.gui.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the app is translated into, each named in itself so anyone can find their own. */
public enum Language {
    ENGLISH(Locale.ENGLISH, "English", false),
    PERSIAN(Locale.forLanguageTag("fa"), "فارسی", true),
    RUSSIAN(Locale.forLanguageTag("ru"), "Русский", false),
    CHINESE_SIMPLIFIED(Locale.SIMPLIFIED_CHINESE, "简体中文", false);

    private final Locale locale;
    private final String nativeName;
    private final boolean rightToLeft;

    Language(Locale locale, String nativeName, boolean rightToLeft) {
        this.locale = locale;
        this.nativeName = nativeName;
        this.rightToLeft = rightToLeft;
    }

    public Locale locale() {
        return locale;
    }

    public String nativeName() {
        return nativeName;
    }

    /** Whether the script runs right to left, so the whole layout mirrors. */
    public boolean isRightToLeft() {
        return rightToLeft;
    }

    /** The language tag stored in the settings file, such as {@code fa} or {@code zh-CN}. */
    public String tag() {
        return locale.toLanguageTag();
    }

    public static Optional<Language> forTag(String tag) {
        for (Language language : values()) {
            if (language.tag().equalsIgnoreCase(tag)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The best match for the system locale (Chinese only when simplified), English otherwise. */
    public static Language forLocale(Locale locale) {
        String lang = locale.getLanguage();
        if (lang.equals("zh")) {
            boolean traditional = "Hant".equals(locale.getScript()) || locale.getCountry().matches("TW|HK|MO");
            return traditional ? ENGLISH : CHINESE_SIMPLIFIED;
        }
        for (Language language : values()) {
            if (language.locale.getLanguage().equals(lang)) {
                return language;
            }
        }
        return ENGLISH;
    }

    @Override
    public String toString() {
        return nativeName;
    }
}

package org.dawaledger.gateway.page;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.Locale;

/** The public page's two languages: the visitor's choice, remembered in a cookie, else their browser's. */
public enum Language {
    ENGLISH("en", "ltr"),
    URDU("ur", "rtl");

    /** The cookie that remembers the choice, for a year. */
    static final String COOKIE = "lang";

    private final String tag;
    private final String direction;

    Language(final String tag, final String direction) {
        this.tag = tag;
        this.direction = direction;
    }

    /** The BCP 47 tag, for {@code <html lang>}. */
    public String tag() {
        return tag;
    }

    /** {@code ltr} or {@code rtl}, for {@code <html dir>}. */
    public String direction() {
        return direction;
    }

    /** The other one: what the switch on the page offers. */
    public Language other() {
        return this == URDU ? ENGLISH : URDU;
    }

    /** The page's words in this language. */
    public PublicText text() {
        return this == ENGLISH ? MessageBundles.get(PublicText.class)
                : MessageBundles.get(PublicText.class, Localized.Literal.of(tag));
    }

    /** The language of a tag ({@code ur}, {@code en}), or null for any other. */
    static Language ofTag(final String tag) {
        for (final Language language : values()) {
            if (language.tag.equalsIgnoreCase(tag)) {
                return language;
            }
        }
        return null;
    }

    /**
     * The visitor's language: the remembered choice, else the first of theirs in Accept-Language that the page
     * speaks, else English.
     */
    static Language of(final String cookie, final String acceptLanguage) {
        final Language chosen = ofTag(cookie);
        if (chosen != null) {
            return chosen;
        }
        if (acceptLanguage != null) {
            try {
                for (final Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    final Language spoken = ofTag(range.getRange().split("-")[0]);
                    if (spoken != null) {
                        return spoken;
                    }
                }
            } catch (IllegalArgumentException e) {
                return ENGLISH; // a malformed header is no preference
            }
        }
        return ENGLISH;
    }
}

package org.dawaledger.chaincode.ledger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import org.dawaledger.gs1.ExpiryDate;
import org.dawaledger.gs1.Gln;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;

/**
 * Turns a caller's text arguments into checked values. Every failure is an {@code INVALID_ARGUMENT}
 * {@link org.hyperledger.fabric.shim.ChaincodeException} that names the argument, so no other exception type leaves a
 * transaction because of bad input.
 */
public final class Arguments {
    /** Longest free text (names, reasons, notes) the ledger stores. */
    public static final int MAX_TEXT = 500;
    /** Longest reference (licence, permit, registration number). */
    public static final int MAX_REFERENCE = 64;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate FIRST_DAY = LocalDate.ofInstant(Ledger.EARLIEST, ZoneOffset.UTC);
    private static final LocalDate LAST_DAY = LocalDate.ofInstant(Ledger.LATEST, ZoneOffset.UTC);

    private Arguments() {
    }

    /**
     * Checks a required text argument. Text that shows nothing is blank: white space, every Unicode space (U+00A0,
     * U+2007, U+202F, …) and every invisible character (U+200B, U+FEFF, U+2060, the Hangul fillers, …). Text may not
     * start or end with one, and inside it may hold spaces and, for Urdu and other scripts that need them, the zero
     * width non-joiner and joiner (U+200C, U+200D), but no other invisible character: two names that look the same
     * must be the same text.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it is empty, blank, longer than maxLength, starts or
     *     ends with a space or invisible character, or holds a control, line-breaking or other invisible character
     *     ({@code INVALID_ARGUMENT})
     */
    public static String text(final String name, final String value, final int maxLength) {
        if (value == null || value.codePoints().allMatch(Arguments::isInvisible)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        return checkedText(name, value, maxLength);
    }

    private static String checkedText(final String name, final String value, final int maxLength) {
        if (value.length() > maxLength) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is longer than %d characters", name, maxLength);
        }
        if (isInvisible(value.codePointAt(0)) || isInvisible(value.codePointBefore(value.length()))) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s has leading or trailing white space", name);
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            final int c = value.codePointAt(i);
            if (Character.isISOControl(c)) {
                throw ErrorCode.INVALID_ARGUMENT.exception("%s holds a control character at position %d", name, i + 1);
            }
            if (isInvisible(c) && !isWordSpace(c) && c != ZERO_WIDTH_NON_JOINER && c != ZERO_WIDTH_JOINER) {
                throw ErrorCode.INVALID_ARGUMENT.exception("%s holds the invisible character U+%04X at position %d",
                        name, c, i + 1);
            }
            // U+10FFFF ends Fabric's composite-key ranges, so no key attribute may hold it; no real text needs it.
            if (c == Character.MAX_CODE_POINT) {
                throw ErrorCode.INVALID_ARGUMENT.exception("%s holds the character U+10FFFF", name);
            }
        }
        return value;
    }

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    /**
     * Whether a character shows nothing: white space and Unicode spaces, format characters (Cf: zero-width spaces,
     * joiners, bidi controls, the BOM), and the default-ignorable letters and marks that render as nothing.
     */
    static boolean isInvisible(final int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT) {
            return true;
        }
        return c == 0x034F // combining grapheme joiner
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers
                || c == 0x17B4 || c == 0x17B5 // Khmer inherent vowels
                || c >= 0x180B && c <= 0x180F // Mongolian variation selectors and vowel separator
                || c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF // variation selectors
                || c == 0x2800; // braille blank
    }

    /** A space between words (U+0020, U+00A0 and the other Zs spaces); line and paragraph separators are not. */
    private static boolean isWordSpace(final int c) {
        return Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not a valid GTIN ({@code INVALID_ARGUMENT})
     */
    public static String gtin(final String name, final String value) {
        try {
            return Gtin.parse(value).value();
        } catch (Gs1FormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s: %s", name, e.getMessage());
        }
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not a valid 13-digit GLN ({@code INVALID_ARGUMENT})
     */
    public static String gln(final String name, final String value) {
        try {
            return Gln.parse(value).value();
        } catch (Gs1FormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s: %s", name, e.getMessage());
        }
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not a valid GS1 AI 10 lot ({@code INVALID_ARGUMENT})
     */
    public static String lot(final String name, final String value) {
        try {
            return Gs1Text.lot(value);
        } catch (Gs1FormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s: %s", name, e.getMessage());
        }
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not a valid GS1 AI 21 serial ({@code INVALID_ARGUMENT})
     */
    public static String serial(final String name, final String value) {
        try {
            return Gs1Text.serial(value);
        } catch (Gs1FormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s: %s", name, e.getMessage());
        }
    }

    /**
     * Reads an expiry given as GS1 {@code YYMMDD} (day 00 = last day of the month) or ISO {@code YYYY-MM-DD}.
     *
     * @param referenceYear the transaction's year, which settles the century of a two-digit year
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it is neither ({@code INVALID_ARGUMENT})
     */
    public static ExpiryDate expiry(final String name, final String value, final int referenceYear) {
        final ExpiryDate expiry;
        try {
            expiry = ExpiryDate.parse(value, referenceYear);
        } catch (Gs1FormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s: %s", name, e.getMessage());
        }
        // A date the label's YYMMDD cannot express (e.g. 2127-06-30 prints as 270630, read as 2027) is refused.
        if (!ExpiryDate.parse(expiry.yymmdd(), referenceYear).lastDay().equals(expiry.lastDay())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s %s lies outside the years a GS1 YYMMDD expiry can name",
                    name, expiry.toIsoString());
        }
        return expiry;
    }

    /**
     * Reads a calendar date written {@code yyyy-MM-dd} in ASCII digits, within the years the ledger dates transactions.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it is missing, not written so, no real date
     *     ({@code 2026-02-30}) or outside {@link Ledger#EARLIEST}…{@link Ledger#LATEST} ({@code INVALID_ARGUMENT})
     */
    public static LocalDate date(final String name, final String value) {
        if (value == null || value.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        final LocalDate date;
        try {
            if (!ISO_DATE.matcher(value).matches()) {
                throw new DateTimeParseException("not yyyy-MM-dd", value, 0);
            }
            date = LocalDate.parse(value, STRICT_DATE);
        } catch (DateTimeParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is not a date written yyyy-MM-dd: '%s'", name, value);
        }
        if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s must lie from %s to %s, not %s", name, FIRST_DAY,
                    LAST_DAY, date);
        }
        return date;
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not plain decimal digits making a number from 1 to max
     *     ({@code INVALID_ARGUMENT})
     */
    public static long positive(final String name, final String value, final long max) {
        if (value == null || value.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        if (!isPlainDigits(value)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is not a whole number: '%s'", name, value);
        }
        final long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is not a whole number: '%s'", name, value);
        }
        if (parsed < 1 || parsed > max) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s must be from 1 to %d, not %d", name, max, parsed);
        }
        return parsed;
    }

    /** Whether the text is one or more ASCII digits: no sign, no spaces, no other script's digits. */
    public static boolean isPlainDigits(final String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the text names no constant of the enum
     *     ({@code INVALID_ARGUMENT}); matching is exact, so {@code active} is not {@code ACTIVE}
     */
    public static <E extends Enum<E>> E oneOf(final String name, final String value, final Class<E> type) {
        if (value == null || value.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("%s must be one of %s (exactly, upper case), not '%s'", name,
                java.util.Arrays.toString(type.getEnumConstants()), value);
    }

    /**
     * Reads a page size; empty means the default.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if not from 1 to {@value #MAX_PAGE_SIZE}
     */
    public static int pageSize(final String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        return (int) positive("pageSize", value, MAX_PAGE_SIZE);
    }

    /** A bookmark is opaque; empty means the first page. */
    public static String bookmark(final String value) {
        return value == null ? "" : value;
    }
}

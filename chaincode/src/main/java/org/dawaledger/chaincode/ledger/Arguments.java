package org.dawaledger.chaincode.ledger;

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

    private Arguments() {
    }

    /**
     * Checks a required text argument.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it is empty, blank, longer than maxLength or holds
     *     control characters ({@code INVALID_ARGUMENT})
     */
    public static String text(final String name, final String value, final int maxLength) {
        if (value == null || value.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        return checkedText(name, value, maxLength);
    }

    private static String checkedText(final String name, final String value, final int maxLength) {
        if (value.length() > maxLength) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is longer than %d characters", name, maxLength);
        }
        if (!value.equals(value.strip())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s has leading or trailing white space", name);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ErrorCode.INVALID_ARGUMENT.exception("%s holds a control character at position %d", name, i + 1);
            }
        }
        // U+10FFFF ends Fabric's composite-key ranges, so no key attribute may hold it; no real text needs it.
        if (value.codePoints().anyMatch(codePoint -> codePoint == Character.MAX_CODE_POINT)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s holds the character U+10FFFF", name);
        }
        return value;
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

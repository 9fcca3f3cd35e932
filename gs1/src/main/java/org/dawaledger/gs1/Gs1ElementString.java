/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses what a barcode scanner or a label gives into its GS1 Application Identifiers (AIs).
 * <p>Four forms are understood:</p>
 * <ul>
 *     <li>an element string as a scanner sends it, optionally starting with the symbology identifier {@code ]d2}
 *     (GS1 DataMatrix), {@code ]C1} (GS1-128) or {@code ]Q3} (GS1 QR Code), with variable-length fields ended by the
 *     FNC1 separator, ASCII 29 (GS);</li>
 *     <li>the same without a symbology identifier;</li>
 *     <li>the human-readable form printed under a barcode, {@code (01)09506000134352(17)270600(10)ABC123};</li>
 *     <li>a GS1 Digital Link URI, {@code https://host/01/09506000134352/10/ABC123/21/XYZ789?17=270600}.</li>
 * </ul>
 * <p>Values are never changed, and letter case least of all: a read made with Caps Lock on gives flipped lots and
 * serials, which the ledger must see as mismatches. Where a read looks damaged in a way that can be survived, such as
 * a doubled separator or a case-flipped symbology identifier, the {@link Gs1Read#warnings()} say so. Positions in
 * messages count from 1, from the first character after any symbology identifier.</p>
 * <p><strong>A limit no parser can overcome:</strong> keyboard-wedge scanners sometimes drop the GS separator. When
 * that makes a lot or serial longer than 20 characters it is detected and rejected, but a short lot followed by a
 * serial, such as {@code 10ABC} + {@code 21XYZ} read as {@code 10ABC21XYZ}, is a valid lot {@code "ABC21XYZ"} with no
 * serial. Such a read parses without complaint and shows up later as a lot mismatch against the ledger.</p>
 */
public final class Gs1ElementString {
    private static final char GS = Gs1Chars.GS;
    private static final String DROPPED_SEPARATOR = ": the GS separator may have been dropped";

    private Gs1ElementString() {
    }

    /**
     * Parses one read.
     * @param raw what the scanner sent or the label shows; surrounding whitespace and a trailing CR/LF are ignored.
     * @return the AIs in the order read, with any warnings.
     * @throws Gs1FormatException if the read cannot be taken apart: no data, an unsupported symbology identifier, an
     * unknown AI, a fixed-length field cut short, a variable-length field longer than its maximum (as happens when
     * a GS separator is dropped), an AI repeated with a different value, or a malformed Digital Link. The field is
     * the one the problem is in where it has one (e.g. {@link Gs1Field#LOT} for an over-long lot), otherwise
     * {@link Gs1Field#ELEMENT_STRING}.
     */
    public static Gs1Read parse(final String raw) {
        if (raw == null) {
            throw invalid("element string is missing");
        }
        final String text = stripWhitespace(raw);
        if (text.isEmpty()) {
            throw invalid("element string is empty");
        }
        if (text.charAt(0) == ']') {
            return parseWithIdentifier(text);
        }
        if (isDigitalLink(text)) {
            return parseDigitalLink(text, null);
        }
        if (text.charAt(0) == '(') {
            final Elements elements = new Elements();
            parseHumanReadable(text, elements);
            return elements.toRead(Symbology.HUMAN_READABLE);
        }
        final Elements elements = new Elements();
        parsePlain(text, elements);
        return elements.toRead(Symbology.UNKNOWN);
    }

    private static Gs1Read parseWithIdentifier(final String text) {
        if (text.length() < 3) {
            throw invalid("symbology identifier " + Gs1Chars.quote(text) + " is incomplete");
        }
        final String identifier = text.substring(0, 3);
        final String data = text.substring(3);
        final Identifier known = Identifier.of(identifier);
        if (known == null) {
            throw invalid("symbology identifier " + Gs1Chars.quote(identifier)
                    + " is not one that carries GS1 data; expected ]d2, ]C1 or ]Q3");
        }
        final String flipWarning = known.flipped
                ? "symbology identifier " + Gs1Chars.quote(identifier) + " has the wrong case (expected "
                        + Gs1Chars.quote(known.canonical) + ")"
                : null;
        if (isDigitalLink(data)) {
            // A Digital Link URI is plain text, so it may come from any 2D symbol, GS1 mode or not
            return parseDigitalLink(data, flipWarning);
        }
        if (known.symbology == null) {
            throw invalid("symbology identifier " + Gs1Chars.quote(identifier)
                    + " announces a symbol without GS1 element strings, and the data is not a Digital Link");
        }
        if (data.isEmpty()) {
            throw invalid("no data after symbology identifier " + Gs1Chars.quote(identifier));
        }
        final Elements elements = new Elements();
        parsePlain(data, elements);
        if (flipWarning != null) {
            elements.warnCaseFlipped(flipWarning);
        }
        return elements.toRead(known.symbology);
    }

    /**
     * An element string: predefined-length AIs are read by length; every other AI runs to the next GS or the end.
     */
    private static void parsePlain(final String data, final Elements elements) {
        final int length = data.length();
        int pos = 0;
        // A GS is expected after a variable-length field, tolerated where it is harmless: first (FNC1 in first
        // position, which some scanners pass on) and after a predefined-length field (some printers add one there)
        boolean separatorHarmless = true;
        while (pos < length) {
            if (data.charAt(pos) == GS) {
                if (!separatorHarmless) {
                    elements.warn("extra GS separator at position " + (pos + 1)
                            + ": the scanner may have doubled the FNC1; ignored");
                }
                separatorHarmless = false;
                pos++;
                continue;
            }
            final ApplicationIdentifier ai = aiAt(data, pos);
            final int start = pos + ai.code().length();
            if (ai.predefinedLength()) {
                final int end = start + ai.maxLength();
                final int separator = data.indexOf(GS, start);
                if (separator >= 0 && separator < end) {
                    throw invalid(ai, ai.label() + " needs " + ai.maxLength() + " characters but a GS separator"
                            + " follows after " + (separator - start) + ": " + Gs1Chars.quote(data.substring(start)));
                }
                if (end > length) {
                    throw invalid(ai, ai.label() + " needs " + ai.maxLength() + " characters but the data ends after "
                            + (length - start) + ": " + Gs1Chars.quote(data.substring(start)));
                }
                elements.add(ai, data.substring(start, end));
                pos = end;
                separatorHarmless = true;
            } else {
                final int separator = data.indexOf(GS, start);
                final int end = separator < 0 ? length : separator;
                final String value = data.substring(start, end);
                checkVariableLength(ai, value, DROPPED_SEPARATOR);
                elements.add(ai, value);
                pos = separator < 0 ? length : separator + 1;
                separatorHarmless = false;
            }
        }
    }

    private static ApplicationIdentifier aiAt(final String data, final int pos) {
        if (pos + 2 > data.length() || !Gs1Chars.isDigit(data.charAt(pos))
                || !Gs1Chars.isDigit(data.charAt(pos + 1))) {
            throw invalid("expected an AI (digits) at position " + (pos + 1) + " but found "
                    + Gs1Chars.quote(data.substring(pos)));
        }
        final ApplicationIdentifier ai = ApplicationIdentifier.at(data, pos);
        if (ai != null) {
            return ai;
        }
        if (pos + 4 > data.length()) {
            throw invalid("element string ends with an incomplete or unknown AI "
                    + Gs1Chars.quote(data.substring(pos)) + " at position " + (pos + 1));
        }
        // Without knowing the AI, its length is unknown, so nothing after it can be trusted
        throw invalid("unknown or unsupported AI starting '" + data.substring(pos, pos + 2) + "' at position "
                + (pos + 1) + " (" + Gs1Chars.quote(data.substring(pos)) + ")");
    }

    /** The form printed under a barcode: {@code (01)09506000134352(17)270600(10)ABC123}. */
    private static void parseHumanReadable(final String text, final Elements elements) {
        int pos = 0;
        while (pos < text.length()) {
            if (text.charAt(pos) != '(') {
                throw invalid("expected '(' at position " + (pos + 1) + " of the human-readable form but found "
                        + Gs1Chars.quote(text.substring(pos)));
            }
            final int close = text.indexOf(')', pos);
            final String code = close < 0 ? text.substring(pos + 1) : text.substring(pos + 1, close);
            final ApplicationIdentifier ai = bracketedAi(code);
            if (close < 0 || ai == null) {
                throw invalid("expected an AI such as (01) at position " + (pos + 1) + " but found "
                        + Gs1Chars.quote(text.substring(pos)));
            }
            final int end = nextBracketedAi(text, close + 1);
            final String value = stripSpaces(text.substring(close + 1, end));
            checkLength(ai, value, "");
            elements.add(ai, value);
            pos = end;
        }
    }

    /**
     * Where the next "(AI)" starts, or the end. Lots and serials may contain parentheses, so a '(' only starts an
     * element when a known AI and ')' follow it; a value containing text like "(10)" cannot be told apart.
     */
    private static int nextBracketedAi(final String text, final int from) {
        for (int i = text.indexOf('(', from); i >= 0; i = text.indexOf('(', i + 1)) {
            final int close = text.indexOf(')', i);
            if (close > 0 && bracketedAi(text.substring(i + 1, close)) != null) {
                return i;
            }
        }
        return text.length();
    }

    private static ApplicationIdentifier bracketedAi(final String code) {
        if (code.length() < 2 || code.length() > 4 || !Gs1Chars.isAllDigits(code)) {
            return null;
        }
        return ApplicationIdentifier.byCode(code);
    }

    private static boolean isDigitalLink(final String text) {
        return text.regionMatches(true, 0, "https://", 0, 8) || text.regionMatches(true, 0, "http://", 0, 7);
    }

    /** {@code https://host[/prefix]/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?17=YYMMDD&…][#…]}. */
    private static Gs1Read parseDigitalLink(final String uri, final String flipWarning) {
        final Elements elements = new Elements();
        final int schemeEnd = uri.indexOf("://");
        final String scheme = uri.substring(0, schemeEnd);
        String rest = uri.substring(schemeEnd + 3);
        final int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = null;
        final int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        final int pathStart = rest.indexOf('/');
        if (pathStart == 0 || rest.isEmpty()) {
            throw invalid("Digital Link " + Gs1Chars.quote(uri) + " has no host");
        }
        if (pathStart < 0) {
            throw invalid("Digital Link " + Gs1Chars.quote(uri) + " has no path; expected /01/{GTIN}");
        }
        final List<String> segments = pathSegments(rest.substring(pathStart + 1), uri);

        parseDigitalLinkPath(segments, uri, elements);
        if (query != null) {
            parseDigitalLinkQuery(query, elements);
        }

        if (flipWarning != null) {
            elements.warnCaseFlipped(flipWarning);
        } else if (!scheme.equals("http") && !scheme.equals("https")) {
            // Legitimate in a URI, but what a scanner typing with Caps Lock on produces
            elements.warnCaseFlipped("Digital Link scheme '" + scheme + "' is not in lower case");
        }
        return elements.toRead(Symbology.DIGITAL_LINK);
    }

    private static List<String> pathSegments(final String path, final String uri) {
        if (path.isEmpty()) {
            return List.of();
        }
        final List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // one trailing slash is harmless
        }
        for (final String segment : segments) {
            if (segment.isEmpty()) {
                throw invalid("Digital Link " + Gs1Chars.quote(uri) + " has an empty path segment");
            }
        }
        return segments;
    }

    private static void parseDigitalLinkPath(final List<String> segments, final String uri,
            final Elements elements) {
        // The primary key may follow a path prefix of the resolver's choosing; key and value come in pairs after it
        int primary = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equals("01") && (segments.size() - i) % 2 == 0) {
                primary = i;
                break;
            }
        }
        if (primary < 0) {
            throw invalid("Digital Link " + Gs1Chars.quote(uri)
                    + " has no /01/{GTIN} in its path; only GTIN Digital Links are supported");
        }

        final ApplicationIdentifier gtinAi = ApplicationIdentifier.byCode("01");
        String gtin = percentDecode(segments.get(primary + 1));
        if (Gs1Chars.isAllDigits(gtin) && (gtin.length() == 8 || gtin.length() == 12 || gtin.length() == 13)) {
            gtin = "0".repeat(Gtin.LENGTH - gtin.length()) + gtin; // Digital Link allows GTIN-8, -12 and -13 too
        }
        if (gtin.length() != Gtin.LENGTH) {
            throw invalid(gtinAi, "GTIN (AI 01) in a Digital Link must have 8, 12, 13 or 14 digits, but "
                    + Gs1Chars.quote(gtin) + " has " + gtin.length() + " characters");
        }
        elements.add(gtinAi, gtin);

        String previous = "01";
        int previousRank = 0;
        for (int i = primary + 2; i < segments.size(); i += 2) {
            final String key = percentDecode(segments.get(i));
            final String value = percentDecode(segments.get(i + 1));
            final int rank = keyQualifierRank(key);
            if (rank == 0) {
                final ApplicationIdentifier ai = Gs1Chars.isAllDigits(key) ? ApplicationIdentifier.byCode(key) : null;
                if (ai == null) {
                    throw invalid("Digital Link path segment " + Gs1Chars.quote(key)
                            + " after the GTIN is not a key qualifier; expected 22, 10 or 21");
                }
                throw invalid(ai.label() + " is not a key qualifier of a GTIN, so it cannot be in a Digital Link"
                        + " path; it belongs in the query string, as ?" + key + "=...");
            }
            if (rank <= previousRank) {
                throw invalid("Digital Link key qualifiers must come in the order 22, 10, 21, but AI " + key
                        + " follows AI " + previous);
            }
            final ApplicationIdentifier ai = ApplicationIdentifier.byCode(key);
            checkLength(ai, value, "");
            elements.add(ai, value);
            previous = key;
            previousRank = rank;
        }
    }

    private static int keyQualifierRank(final String ai) {
        switch (ai) {
            case "22":
                return 1;
            case "10":
                return 2;
            case "21":
                return 3;
            default:
                return 0;
        }
    }

    private static void parseDigitalLinkQuery(final String query, final Elements elements) {
        for (final String parameter : query.split("&", -1)) {
            final int equals = parameter.indexOf('=');
            final String key = percentDecode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!Gs1Chars.isAllDigits(key)) {
                continue; // Not data about the pack: tracking and other parameters a resolver may use
            }
            final ApplicationIdentifier ai = ApplicationIdentifier.byCode(key);
            if (ai == null) {
                throw invalid("unknown or unsupported AI " + key + " in the Digital Link query string");
            }
            final String value = equals < 0 ? "" : percentDecode(parameter.substring(equals + 1));
            checkLength(ai, value, "");
            elements.add(ai, value);
        }
    }

    /**
     * RFC 3986 percent-decoding as UTF-8. Unlike {@code URLDecoder}, '+' stays '+': it is in character set 82 and a
     * Digital Link is a URI, not a form submission.
     */
    private static String percentDecode(final String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        final StringBuilder result = new StringBuilder(text.length());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c != '%') {
                flushUtf8(bytes, result, text);
                result.append(c);
                continue;
            }
            final int high = i + 1 < text.length() ? hexValue(text.charAt(i + 1)) : -1;
            final int low = i + 2 < text.length() ? hexValue(text.charAt(i + 2)) : -1;
            if (high < 0 || low < 0) {
                throw invalid("Digital Link has a malformed percent-encoding in " + Gs1Chars.quote(text)
                        + " at position " + (i + 1));
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        flushUtf8(bytes, result, text);
        return result.toString();
    }

    private static void flushUtf8(final ByteArrayOutputStream bytes, final StringBuilder result, final String text) {
        if (bytes.size() == 0) {
            return;
        }
        try {
            result.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            throw invalid("Digital Link segment " + Gs1Chars.quote(text) + " percent-encodes bytes that are not UTF-8");
        }
        bytes.reset();
    }

    /** Only ASCII hex: {@link Character#digit(char, int)} would also accept full-width digits. */
    private static int hexValue(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Length rules where the value's end is known from the syntax, as in the human-readable form and Digital Link. */
    private static void checkLength(final ApplicationIdentifier ai, final String value, final String hint) {
        if (ai.predefinedLength()) {
            if (value.length() != ai.maxLength()) {
                throw invalid(ai, ai.label() + " must have " + ai.maxLength() + " characters, but "
                        + Gs1Chars.quote(value) + " has " + value.length());
            }
        } else {
            checkVariableLength(ai, value, hint);
        }
    }

    private static void checkVariableLength(final ApplicationIdentifier ai, final String value, final String hint) {
        if (value.length() > ai.maxLength()) {
            throw invalid(ai, ai.name() + " longer than " + ai.maxLength() + " characters" + hint + " (AI "
                    + ai.code() + " read as " + Gs1Chars.quote(value) + ", " + value.length() + " characters)");
        }
        if (value.isEmpty()) {
            throw invalid(ai, ai.label() + " is empty");
        }
        if (value.length() < ai.minLength()) {
            throw invalid(ai, ai.label() + " needs at least " + ai.minLength() + " characters, but "
                    + Gs1Chars.quote(value) + " has " + value.length());
        }
    }

    /** Only whitespace a scanner or a copy and paste adds; not GS, which Java counts as whitespace. */
    private static String stripWhitespace(final String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isEdgeWhitespace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isEdgeWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean isEdgeWhitespace(final char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B';
    }

    /** Labels often print spaces between elements; a space can never be part of a GS1 value. */
    private static String stripSpaces(final String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    private static Gs1FormatException invalid(final String message) {
        return new Gs1FormatException(Gs1Field.ELEMENT_STRING, message);
    }

    private static Gs1FormatException invalid(final ApplicationIdentifier ai, final String message) {
        return new Gs1FormatException(ai.field(), message);
    }

    /** The symbology identifiers understood, including their case-flipped forms. */
    private static final class Identifier {
        private final Symbology symbology;
        private final String canonical;
        private final boolean flipped;

        private Identifier(final Symbology symbology, final String canonical, final boolean flipped) {
            this.symbology = symbology;
            this.canonical = canonical;
            this.flipped = flipped;
        }

        /** Null symbology: a symbol in non-GS1 mode, acceptable only for a Digital Link URI. */
        static Identifier of(final String identifier) {
            switch (identifier) {
                case "]d2":
                    return new Identifier(Symbology.GS1_DATAMATRIX, identifier, false);
                case "]D2":
                    return new Identifier(Symbology.GS1_DATAMATRIX, "]d2", true);
                case "]C1":
                    return new Identifier(Symbology.GS1_128, identifier, false);
                case "]c1":
                    return new Identifier(Symbology.GS1_128, "]C1", true);
                case "]Q3":
                    return new Identifier(Symbology.GS1_QR, identifier, false);
                case "]q3":
                    return new Identifier(Symbology.GS1_QR, "]Q3", true);
                case "]d1":
                case "]Q1":
                    return new Identifier(null, identifier, false);
                case "]D1":
                    return new Identifier(null, "]d1", true);
                case "]q1":
                    return new Identifier(null, "]Q1", true);
                default:
                    return null;
            }
        }
    }

    /** The elements of one read as they are collected, and the warnings about them. */
    private static final class Elements {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        void add(final ApplicationIdentifier ai, final String value) {
            final String previous = values.get(ai.code());
            if (previous != null) {
                if (!previous.equals(value)) {
                    throw invalid(ai.label() + " appears twice with different values: " + Gs1Chars.quote(previous)
                            + " and " + Gs1Chars.quote(value));
                }
                warn(ai.label() + " appears twice with the same value " + Gs1Chars.quote(value) + "; the repeat "
                        + "was ignored");
                return;
            }
            if (ai.numeric() && !Gs1Chars.isAllDigits(value)) {
                // Rejected later if the field is used; until then worth a hint at the cause
                warn(ai.label() + " " + Gs1Chars.quote(value) + " contains characters other than digits: the"
                        + " scanner may be typing with Caps Lock on or a different keyboard layout");
            }
            values.put(ai.code(), value);
        }

        void warn(final String warning) {
            warnings.add(warning);
        }

        /** Names the case-sensitive fields a person should compare with the pack, as they were read. */
        void warnCaseFlipped(final String reason) {
            final StringBuilder warning = new StringBuilder(reason)
                    .append(": Caps Lock may be on, so letters may have the wrong case");
            final String lot = values.get("10");
            final String serial = values.get("21");
            if (lot != null || serial != null) {
                warning.append("; check ");
                if (lot != null) {
                    warning.append("lot ").append(Gs1Chars.quote(lot));
                }
                if (lot != null && serial != null) {
                    warning.append(" and ");
                }
                if (serial != null) {
                    warning.append("serial ").append(Gs1Chars.quote(serial));
                }
                warning.append(" against the pack");
            }
            warnings.add(warning.append("; nothing was changed").toString());
        }

        Gs1Read toRead(final Symbology symbology) {
            if (values.isEmpty()) {
                throw invalid("element string contains no AIs");
            }
            return new Gs1Read(symbology, values, warnings);
        }
    }
}

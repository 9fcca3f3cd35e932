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
import java.util.Set;

/**
 * The parsers of the four forms of a read that {@link Gs1Scan#parse(String)} understands.
 * <p>{@link #parse(String)} is {@link Gs1Scan#parse(String)} under its older name; new callers should use that.</p>
 */
public final class Gs1ElementString {
    private static final char GS = Gs1Chars.GS;
    private static final char BOM = '\uFEFF';
    private static final String DROPPED_SEPARATOR = ": the GS separator may have been dropped";

    private Gs1ElementString() {
    }

    /**
     * Parses one read in any of the four forms; the same as {@link Gs1Scan#parse(String)}.
     * @param raw what the scanner sent or the label shows.
     * @return the AIs in the order read, with any warnings.
     * @throws Gs1FormatException as {@link Gs1Scan#parse(String)}.
     */
    public static Gs1Read parse(final String raw) {
        return Gs1Scan.parse(raw);
    }

    /** What {@link Gs1Scan#parse(String)} does: scanner noise removed, then the form told from the first characters. */
    static Gs1Read read(final String raw) {
        if (raw == null) {
            throw invalid("element string is missing");
        }
        if (raw.length() > Gs1Scan.MAX_LENGTH) {
            // Checked first, so that no work depends on how long a request body could be
            throw invalid("read is " + raw.length() + " characters long; at most " + Gs1Scan.MAX_LENGTH
                    + " are accepted");
        }
        return readUncapped(raw);
    }

    /** {@link #read(String)} without the length cap, so that tests can show the parsers stay linear beyond it. */
    static Gs1Read readUncapped(final String raw) {
        final Elements elements = new Elements();
        String text = stripWhitespace(raw);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            elements.warn(Gs1Warning.Kind.BOM_REMOVED, Gs1Field.ELEMENT_STRING,
                    "byte order mark (U+FEFF) before the data; removed");
            text = stripWhitespace(text.substring(1));
        }
        if (text.isEmpty()) {
            throw invalid("element string is empty");
        }
        if (text.charAt(0) == ']') {
            return parseWithIdentifier(text, elements);
        }
        if (isDigitalLink(text)) {
            return parseDigitalLink(text, null, elements);
        }
        if (text.charAt(0) == '(') {
            parseHumanReadable(text, elements);
            return elements.toRead(Symbology.HUMAN_READABLE);
        }
        parsePlain(text, elements);
        return elements.toRead(Symbology.UNKNOWN);
    }

    private static Gs1Read parseWithIdentifier(final String text, final Elements elements) {
        if (text.length() < 3) {
            throw invalid("symbology identifier " + Gs1Chars.quote(text) + " is incomplete");
        }
        final String identifier = text.substring(0, 3);
        final String data = text.substring(3);
        final Identifier known = Identifier.of(identifier);
        if (known == null) {
            throw invalid("symbology identifier " + Gs1Chars.quote(identifier)
                    + " is not one that carries GS1 data; expected ]d2, ]C1, ]Q3, ]e0 or ]J1");
        }
        final String flipWarning = known.flipped
                ? "symbology identifier " + Gs1Chars.quote(identifier) + " has the wrong case (expected "
                        + Gs1Chars.quote(known.canonical) + ")"
                : null;
        if (isDigitalLink(data)) {
            // A Digital Link URI is plain text, so it may come from any 2D symbol, GS1 mode or not
            return parseDigitalLink(data, flipWarning, elements);
        }
        if (known.symbology == null) {
            throw invalid("symbology identifier " + Gs1Chars.quote(identifier)
                    + " announces a symbol without GS1 element strings, and the data is not a Digital Link");
        }
        if (data.isEmpty()) {
            throw invalid("no data after symbology identifier " + Gs1Chars.quote(identifier));
        }
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
                    elements.warn(Gs1Warning.Kind.DOUBLED_SEPARATOR, Gs1Field.ELEMENT_STRING, "extra GS separator at position " + (pos + 1)
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
                // Only within the field: searching on to the end would make many short fields quadratic
                final int separator = indexOf(data, GS, start, Math.min(end, length));
                if (separator >= 0) {
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
                elements.endedBySeparatorOrEnd(ai, value);
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

    /**
     * The form printed under a barcode: {@code (01)09506000134352(17)270600(10)ABC123}. Lots and serials may contain
     * parentheses, so a '(' only starts an element when a known AI and ')' follow it; a value containing text like
     * "(10)" cannot be told apart. One pass, looking at most six characters ahead of each position.
     */
    private static void parseHumanReadable(final String text, final Elements elements) {
        ApplicationIdentifier ai = bracketedAiAt(text, 0);
        if (ai == null) {
            throw invalid("expected an AI such as (01) at position 1 but found " + Gs1Chars.quote(text));
        }
        int pos = 0;
        while (pos < text.length()) {
            final int valueStart = pos + ai.code().length() + 2;
            int next = valueStart;
            ApplicationIdentifier nextAi = null;
            while (next < text.length() && (nextAi = bracketedAiAt(text, next)) == null) {
                next++;
            }
            final String value = stripSpaces(text.substring(valueStart, next));
            checkLength(ai, value, "");
            elements.add(ai, value);
            pos = next;
            ai = nextAi;
        }
    }

    /** The known AI written as "(AI)" at {@code index}, or null. */
    private static ApplicationIdentifier bracketedAiAt(final String text, final int index) {
        if (text.charAt(index) != '(') {
            return null;
        }
        int close = index + 1;
        while (close < text.length() && close - index <= 5 && Gs1Chars.isDigit(text.charAt(close))) {
            close++;
        }
        final int digits = close - index - 1;
        if (close >= text.length() || text.charAt(close) != ')' || digits < 2 || digits > 4) {
            return null;
        }
        return ApplicationIdentifier.byCode(text.substring(index + 1, close));
    }

    private static int indexOf(final String text, final char c, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigitalLink(final String text) {
        return text.regionMatches(true, 0, "https://", 0, 8) || text.regionMatches(true, 0, "http://", 0, 7);
    }

    /** {@code https://host[/prefix]/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?17=YYMMDD&…][#…]}. */
    private static Gs1Read parseDigitalLink(final String uri, final String flipWarning, final Elements elements) {
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
        // The primary key may follow a path prefix of the resolver's choosing, which may hold "01" segments of its
        // own; key and value come in pairs after it. Every later segment an even number from the end is a key
        // qualifier (22, 10, 21), never "01", so the primary key is the last "01" with an even count from the end.
        int primary = -1;
        for (int i = segments.size() - 2; i >= 0; i -= 2) {
            if (segments.get(i).equals("01")) {
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
        /** The symbols whose GS1 mode carries element strings, by the identifier that announces it. */
        private static final Map<String, Symbology> GS1_MODES = Map.of("]d2", Symbology.GS1_DATAMATRIX,
                "]C1", Symbology.GS1_128, "]Q3", Symbology.GS1_QR, "]e0", Symbology.GS1_DATABAR,
                "]J1", Symbology.GS1_DOTCODE);
        /** DataMatrix and QR Code in plain mode, which may still carry a Digital Link. */
        private static final Set<String> NON_GS1_MODES = Set.of("]d1", "]Q1");

        private final Symbology symbology;
        private final String canonical;
        private final boolean flipped;

        private Identifier(final Symbology symbology, final String canonical, final boolean flipped) {
            this.symbology = symbology;
            this.canonical = canonical;
            this.flipped = flipped;
        }

        /**
         * The identifier as given, or with the case of its letter flipped (Caps Lock), or null if neither is known.
         * Null symbology: a symbol in non-GS1 mode, acceptable only for a Digital Link URI.
         */
        static Identifier of(final String identifier) {
            final Identifier exact = known(identifier, false);
            if (exact != null) {
                return exact;
            }
            // ASCII only, so that no Unicode case mapping (the Kelvin sign to 'k') can make an identifier
            final char letter = identifier.charAt(1);
            final char flipped = letter >= 'a' && letter <= 'z' ? (char) (letter - 'a' + 'A')
                    : letter >= 'A' && letter <= 'Z' ? (char) (letter - 'A' + 'a') : letter;
            return flipped == letter ? null
                    : known(identifier.charAt(0) + String.valueOf(flipped) + identifier.substring(2), true);
        }

        private static Identifier known(final String canonical, final boolean flipped) {
            if (GS1_MODES.containsKey(canonical)) {
                return new Identifier(GS1_MODES.get(canonical), canonical, flipped);
            }
            return NON_GS1_MODES.contains(canonical) ? new Identifier(null, canonical, flipped) : null;
        }
    }

    /** The elements of one read as they are collected, and the warnings about them. */
    private static final class Elements {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<Gs1Warning> warnings = new ArrayList<>();
        private final List<ApplicationIdentifier> endedBySeparator = new ArrayList<>();

        void add(final ApplicationIdentifier ai, final String value) {
            final String previous = values.get(ai.code());
            if (previous != null) {
                if (!previous.equals(value)) {
                    throw invalid(ai, ai.label() + " appears twice with different values: "
                            + Gs1Chars.quote(previous) + " and " + Gs1Chars.quote(value));
                }
                warn(Gs1Warning.Kind.REPEATED_ELEMENT, ai.field(), ai.label() + " appears twice with the same value "
                        + Gs1Chars.quote(value) + "; the repeat was ignored");
                return;
            }
            if (ai.numeric() && !Gs1Chars.isAllDigits(value)) {
                // Rejected later if the field is used; until then worth a hint at the cause
                warn(Gs1Warning.Kind.NON_DIGITS_IN_NUMERIC_FIELD, ai.field(), ai.label() + " "
                        + Gs1Chars.quote(value) + " contains characters other than digits: the scanner may be typing"
                        + " with Caps Lock on or a different keyboard layout");
            }
            values.put(ai.code(), value);
        }

        /** Notes a variable-length value that ran to a GS or the end of the data, where a dropped GS hides. */
        void endedBySeparatorOrEnd(final ApplicationIdentifier ai, final String value) {
            if (value.equals(values.get(ai.code())) && !endedBySeparator.contains(ai)) {
                endedBySeparator.add(ai);
            }
        }

        void warn(final Gs1Warning.Kind kind, final Gs1Field field, final String message) {
            warnings.add(new Gs1Warning(kind, field, message));
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
            warn(Gs1Warning.Kind.CASE_FLIPPED_IDENTIFIER, Gs1Field.ELEMENT_STRING,
                    warning.append("; nothing was changed").toString());
        }

        /**
         * The heuristic for a GS dropped between two pack fields, as {@code 10ABC} + {@code 21XYZ} read as
         * {@code 10ABC21XYZ}: a variable-length value that ran to a GS or the end of the data, containing after its
         * first character the AI of a pack field (10, 21 or 17) that is not its own and that the read lacks, followed
         * by plausible data for it: at least one character for 10 and 21, six digits with a month 01-12 and a day
         * 00-31 for 17. Lots like {@code B2103} can trip it; the value is never split, only flagged.
         */
        private void droppedSeparator(final ApplicationIdentifier ai) {
            final String value = values.get(ai.code());
            // Char by char, without a substring per position: every scan of a lot or serial passes through here
            for (int i = 1; i + 2 < value.length(); i++) {
                final String code = packAiAt(value, i);
                if (code == null || code.equals(ai.code()) || values.containsKey(code)
                        || !plausible(code, value, i + 2)) {
                    continue;
                }
                final ApplicationIdentifier next = ApplicationIdentifier.byCode(code);
                warn(Gs1Warning.Kind.POSSIBLY_DROPPED_SEPARATOR, ai.field(), ai.name() + " "
                        + Gs1Chars.quote(value) + " contains '" + code + "' at position " + (i + 1)
                        + ": if the GS separator before it was dropped, this is " + ai.name() + " "
                        + Gs1Chars.quote(value.substring(0, i)) + " followed by " + next.label() + " "
                        + Gs1Chars.quote(value.substring(i + 2)) + "; kept as read, compare with the pack");
                return;
            }
        }

        /** The pack AI (10, 21 or 17) whose two digits start at {@code i}, or null. */
        private static String packAiAt(final String value, final int i) {
            final char first = value.charAt(i);
            final char second = value.charAt(i + 1);
            if (first == '1' && second == '0') {
                return "10";
            }
            if (first == '2' && second == '1') {
                return "21";
            }
            return first == '1' && second == '7' ? "17" : null;
        }

        private static boolean plausible(final String code, final String value, final int from) {
            if (!code.equals("17")) {
                return from < value.length();
            }
            if (value.length() - from < 6) {
                return false;
            }
            for (int i = from; i < from + 6; i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
            }
            final int month = (value.charAt(from + 2) - '0') * 10 + value.charAt(from + 3) - '0';
            final int day = (value.charAt(from + 4) - '0') * 10 + value.charAt(from + 5) - '0';
            return month >= 1 && month <= 12 && day <= 31;
        }

        Gs1Read toRead(final Symbology symbology) {
            if (values.isEmpty()) {
                throw invalid("element string contains no AIs");
            }
            endedBySeparator.forEach(this::droppedSeparator);
            return new Gs1Read(symbology, values, warnings);
        }
    }
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link Gs1Scan#parse} over many generated inputs, with fixed seeds so that a failure is repeatable:
 * whatever arrives, the answer is a read or a {@link Gs1FormatException} naming a field, never another exception;
 * and a pack written in any of the four forms reads back as the same pack.
 */
class Gs1ScanPropertyTest {
    private static final int YEAR = 2026;
    private static final String GS = "\u001d";
    /** Characters a scanner, a keyboard or a corrupted file can send, weighted towards those GS1 gives meaning to. */
    private static final String ALPHABET = "0123456789012345678901234567890123456789()()[]]dCQeJ12/?=&%+-._~ABCZabcz"
            + GS + GS + "\r\n\t \ufeff\u00e9\u0000\u200b";
    private static final String CHARSET_82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
            + "abcdefghijklmnopqrstuvwxyz";
    private static final String[] PREFIXES = {"", "]d2", "]C1", "]Q3", "]e0", "]J1", "]D2", "]d1", "]X9", "(",
        "https://id.example.pk/", "https://id.example.pk/01/", "\ufeff", "01", "0109506000134352", "(01)"};

    @Test
    void anyInputIsAReadOrATypedErrorNeverAnotherException() {
        final Random random = new Random(20261202L);
        for (int i = 0; i < 200_000; i++) {
            final String input = PREFIXES[random.nextInt(PREFIXES.length)] + noise(random, random.nextInt(60));
            judge(input);
        }
    }

    @Test
    void aValidScanDamagedAnywhereIsAReadOrATypedErrorNeverAnotherException() {
        final Random random = new Random(7L);
        for (int i = 0; i < 100_000; i++) {
            final String scan = forms(pack(random))[random.nextInt(4)];
            final StringBuilder damaged = new StringBuilder(scan);
            for (int edits = 1 + random.nextInt(3); edits > 0 && damaged.length() > 0; edits--) {
                final int at = random.nextInt(damaged.length());
                switch (random.nextInt(4)) {
                    case 0 -> damaged.deleteCharAt(at);
                    case 1 -> damaged.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 2 -> damaged.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> damaged.insert(at, damaged.substring(at, Math.min(damaged.length(), at + 4)));
                }
            }
            judge(damaged.toString());
        }
    }

    @Test
    void aPackWrittenInAnyOfTheFourFormsReadsBackAsTheSamePack() {
        final Random random = new Random(42L);
        for (int i = 0; i < 20_000; i++) {
            final PackIdentifier pack = pack(random);
            for (final String form : forms(pack)) {
                final PackIdentifier read;
                try {
                    read = Gs1Scan.parse(form).toPackIdentifier(YEAR);
                } catch (Gs1FormatException e) {
                    throw new AssertionError("a valid pack written as " + printable(form) + " was refused: " + e, e);
                }
                assertThat(read).as(printable(form)).isEqualTo(pack);
            }
        }
    }

    @Test
    void anInputLongerThanTheCapIsATypedErrorWhateverItHolds() {
        final Random random = new Random(3L);
        for (int i = 0; i < 200; i++) {
            final String input = "(" + noise(random, Gs1Scan.MAX_LENGTH + random.nextInt(5_000));
            final Optional<Gs1FormatException> refused = refusal(input);
            assertThat(refused).as("%d characters", input.length()).isPresent();
        }
    }

    private static void judge(final String input) {
        try {
            final Gs1Read read = Gs1Scan.parse(input);
            assertThat(read.elements()).isNotNull();
            read.warnings().forEach(warning -> assertThat(warning.kind()).isNotNull());
            try {
                final ScannedItem item = read.toScannedItem(YEAR);
                assertThat(item.gtin()).isNotNull();
                read.toPackIdentifier(YEAR);
            } catch (Gs1FormatException e) {
                assertThat(e.field()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            }
        } catch (Gs1FormatException e) {
            assertThat(e.field()).as(printable(input)).isNotNull();
            assertThat(e.getMessage()).as(printable(input)).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            fail("%s threw %s", printable(input), e);
        }
    }

    private static Optional<Gs1FormatException> refusal(final String input) {
        try {
            Gs1Scan.parse(input);
            return Optional.empty();
        } catch (Gs1FormatException e) {
            return Optional.of(e);
        }
    }

    private static PackIdentifier pack(final Random random) {
        final StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            digits.append(random.nextInt(10));
        }
        final Gtin gtin = Gtin.parse(digits + Integer.toString(Gtin.checkDigit(digits.toString())));
        final LocalDate lastDay = LocalDate.of(2000 + random.nextInt(70), 1 + random.nextInt(12), 1)
                .plusMonths(1).minusDays(1);
        final Optional<String> serial = random.nextInt(5) == 0 ? Optional.empty()
                : Optional.of(text(random, 1 + random.nextInt(20)));
        return new PackIdentifier(gtin, serial, text(random, 1 + random.nextInt(20)), ExpiryDate.of(lastDay));
    }

    /** The pack as a scanner's element string, as printed under the barcode, as a Digital Link, and bare. */
    private static String[] forms(final PackIdentifier pack) {
        final String serial = pack.serial().map(s -> "21" + s).orElse("");
        final String elementString = "01" + pack.gtin().value() + "17" + pack.expiry().yymmdd() + "10" + pack.lot()
                + (serial.isEmpty() ? "" : GS + serial);
        final String bracketed = "(01)" + pack.gtin().value() + "(17)" + pack.expiry().yymmdd() + "(10)" + pack.lot()
                + pack.serial().map(s -> "(21)" + s).orElse("");
        final String link = "https://id.example.pk/01/" + pack.gtin().value() + "/10/" + percentEncoded(pack.lot())
                + pack.serial().map(s -> "/21/" + percentEncoded(s)).orElse("") + "?17=" + pack.expiry().yymmdd();
        return new String[] {"]d2" + elementString, bracketed, link, elementString};
    }

    private static String text(final Random random, final int length) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(CHARSET_82.charAt(random.nextInt(CHARSET_82.length())));
        }
        return text.toString();
    }

    private static String noise(final Random random, final int length) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String percentEncoded(final String value) {
        final StringBuilder encoded = new StringBuilder();
        for (final char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }

    private static String printable(final String input) {
        return "'" + input.replace(GS, "<GS>").replace("\r", "<CR>").replace("\n", "<LF>") + "'";
    }
}

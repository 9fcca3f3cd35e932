/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaincode runs on every endorsing peer, whatever its locale; results that differ between peers fail endorsement.
 */
@ResourceLock(Resources.LOCALE)
class LocaleIndependenceTest {
    private static final String GS = "\u001D";

    private static List<String> outcomes() {
        final List<Supplier<Object>> cases = List.of(
                () -> Gtin.parse("09506000134352"),
                () -> Gtin.parse("09506000134353"),
                () -> Gtin.parse("095060001343"),
                () -> Gln.parse("950110102001X"),
                () -> Gs1Text.lot("İSTANBUL"),
                () -> Gs1Text.serial("S".repeat(21)),
                () -> ExpiryDate.parse("270600", 2026),
                () -> ExpiryDate.parse("250229", 2026),
                () -> ExpiryDate.parse("2027-13-01", 2026),
                () -> Gs1ElementString.parse("]D2" + "0109506000134352" + "17270600" + "10iabc" + GS + GS + "21X"),
                () -> Gs1ElementString.parse("0109506000134352" + "10" + "L".repeat(25)),
                () -> Gs1ElementString.parse("HTTPS://EXAMPLE.ORG/01/09506000134352/10/I?17=270600"),
                () -> Gs1ElementString.parse("(01)09506000134352(17)270600(10)ABC").toPackIdentifier(2026));
        final List<String> outcomes = new ArrayList<>();
        for (final Supplier<Object> c : cases) {
            try {
                outcomes.add(String.valueOf(c.get()));
            } catch (RuntimeException e) {
                outcomes.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return outcomes;
    }

    @Test
    void givesTheSameResultsAndMessagesInEveryLocale() {
        final Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ROOT);
            final List<String> expected = outcomes();
            for (final String tag : List.of("tr-TR", "ar-SA-u-nu-arab", "th-TH-u-nu-thai", "hi-IN-u-nu-deva",
                    "fa-IR", "de-DE", "ja-JP-u-ca-japanese")) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                assertThat(outcomes()).as(tag).isEqualTo(expected);
            }
        } finally {
            Locale.setDefault(original);
        }
    }
}

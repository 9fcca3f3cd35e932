package org.dawaledger.gateway.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SerialSetTest {
    private static final String CSET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    @Test
    void everySerialOfOneOrTwoCharactersIsTakenOnceAndOnlyOnce() {
        final List<String> serials = new ArrayList<>();
        for (final char first : CSET_82.toCharArray()) {
            serials.add(String.valueOf(first));
            for (final char second : CSET_82.toCharArray()) {
                serials.add("" + first + second);
            }
        }
        final SerialSet set = new SerialSet();

        assertThat(serials).allMatch(set::add);
        assertThat(serials).noneMatch(set::add);
        assertThat(set.size()).isEqualTo(82 + 82 * 82);
    }

    @Test
    void twentyCharacterSerialsThatDifferOnlyInTheirLastCharactersAreDifferent() {
        final String stem = "z".repeat(19);
        final SerialSet set = new SerialSet();

        for (final char last : CSET_82.toCharArray()) {
            assertThat(set.add(stem + last)).isTrue();
        }
        assertThat(set.add(stem)).as("the 19-character stem itself").isTrue();
        assertThat(set.add("z".repeat(10))).as("ten characters: the second long empty").isTrue();
        assertThat(set.add("z".repeat(11))).isTrue();
        assertThat(set.add(stem + "!")).isFalse();
    }

    @Test
    void aMillionSerialsAreHeldExactlyAsItGrows() {
        final SerialSet set = new SerialSet();
        for (int n = 0; n < 1_000_000; n++) {
            assertThat(set.add(String.format(Locale.ROOT, "SN%09d", n))).isTrue();
        }
        assertThat(set.size()).isEqualTo(1_000_000);
        assertThat(set.add("SN000000000")).isFalse();
        assertThat(set.add("SN000999999")).isFalse();
        assertThat(set.add("SN001000000")).isTrue();
    }
}

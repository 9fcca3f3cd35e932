/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dawaledger.gs1.Gs1Field;
import org.dawaledger.gs1.Gs1FormatException;
import org.junit.jupiter.api.Test;

class SerialRangeTest {
    @Test
    void aRangeCountsUpKeepingTheDigitsOfItsStart() {
        assertThat(SerialRange.parse("S0098..S0101")).containsExactly("S0098", "S0099", "S0100", "S0101");
        assertThat(SerialRange.parse("8..11")).containsExactly("8", "9", "10", "11");
        assertThat(SerialRange.parse("A7..A7")).containsExactly("A7");
    }

    @Test
    void aRangeWithDifferentPrefixesBackwardsOrTooLongIsASerialError() {
        for (final String bad : new String[] {"S1..T2", "S9..S1", "S1", "..S2", "S1..", "AB..CD", "1..1000001"}) {
            assertThatThrownBy(() -> SerialRange.parse(bad)).as(bad).isInstanceOf(Gs1FormatException.class)
                    .extracting(e -> ((Gs1FormatException) e).field()).isEqualTo(Gs1Field.SERIAL);
        }
    }

    @Test
    void pngNamesAreTheSerialWithUnsafeCharactersEscapedSoNoTwoCollide() {
        assertThat(LabelFiles.pngName("SN-01_a.b")).isEqualTo("SN-01_a.b.png");
        assertThat(LabelFiles.pngName("A/1")).isEqualTo("A%2F1.png");
        assertThat(LabelFiles.pngName("A%2F1")).isEqualTo("A%252F1.png");
        assertThat(LabelFiles.pngName("..")).isEqualTo("%2E..png");
    }
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gs1FormatExceptionTest {
    @Test
    void saysWhichFieldAndWhy() {
        final Gs1FormatException e = new Gs1FormatException(Gs1Field.SERIAL, "serial is empty");

        assertThat(e.field()).isEqualTo(Gs1Field.SERIAL);
        assertThat(e).hasMessage("serial is empty").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToBeMadeWithoutAField() {
        assertThatThrownBy(() -> new Gs1FormatException(null, "x")).isInstanceOf(NullPointerException.class);
    }
}

package org.dawaledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusedExceptionTest {
    @Test
    void aRefusalTellsItsCodeAndWhatItSaysApart() {
        final RefusedException refused = new RefusedException(500, "[NOT_OWNER] GTIN 0896 is not yours");

        assertThat(refused.code()).contains("NOT_OWNER");
        assertThat(refused.detail()).isEqualTo("GTIN 0896 is not yours");
    }

    @Test
    void aMessageWithoutACodeIsAllDetailAndNoMessageIsEmpty() {
        assertThat(new RefusedException(0, "access denied").detail()).isEqualTo("access denied");
        assertThat(new RefusedException(0, "access denied").code()).isEmpty();
        assertThat(new RefusedException(0, null).detail()).isEmpty();
    }
}

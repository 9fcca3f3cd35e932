/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void aBarIsRedrawnOncePerPercentAndEndsItsLineWhenDone() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Progress progress = Progress.start("labels", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 500; i++) {
            progress.step();
        }
        progress.done();

        final String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn.split("\r", -1)).hasSize(1 + 51 + 1);
        assertThat(drawn).contains("\rlabels [###############...............]  50% 500/1000")
                .endsWith("\rlabels [##############################] 100% 1000/1000" + System.lineSeparator());
    }

    @Test
    void nothingIsDrawnWhenNobodyIsWatching() {
        final Progress progress = Progress.start("labels", 3, null);
        progress.step();
        progress.done();

        // Under a build (no console) the public factory draws nothing either
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            final Progress piped = Progress.start("labels", 3);
            piped.step();
            piped.done();
        } finally {
            System.setErr(stderr);
        }
        assertThat(System.console()).isNull();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aClearedBarIsWipedAndDrawnAgainAtTheNextStep() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress bar = Progress.start("verify", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            bar.update(5);
            bar.clear();
            bar.update(5);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\rverify [..............................]   0% 0/10"
                + "\rverify [###############...............]  50% 5/10\r\u001b[K"
                + "\rverify [###############...............]  50% 5/10\r\u001b[K");
    }
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DecodeCommandTest {
    private static final String GS = "\u001d";
    private static final Clock DECEMBER_2026 = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String stdin, final String... args) {
        final CommandLine commandLine = DawaScan.commandLine(new DawaScan(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), DECEMBER_2026));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aDataMatrixScanIsPrintedAsOneJsonObjectWithAnIsoExpiry() {
        final int exit = run("", "decode", "--output", "json", "]d201095060001343521727063010ABC123" + GS + "21XYZ789");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(
                "{\"gtin\":\"09506000134352\",\"lot\":\"ABC123\",\"expiry\":\"2027-06-30\",\"serial\":\"XYZ789\"}\n");
    }

    @Test
    void scansAreReadFromStandardInputOneALineWhenNoneAreGiven() {
        final int exit = run("(01)09506000134352(17)270630(10)ABC123(21)A1\r\n\r\n"
                + "https://id.example.com/01/09506000134352/10/ABC123/21/A2?17=270630\n", "decode");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(
                "stdin line 1: GTIN 09506000134352, lot ABC123, expiry 2027-06-30, serial A1\n"
                + "stdin line 3: GTIN 09506000134352, lot ABC123, expiry 2027-06-30, serial A2\n");
    }

    @Test
    void aScanWithABadCheckDigitIsAnErrorNamingTheGtinAndTheOthersStillAnswer() {
        final int exit = run("", "decode", "-o", "json", "(01)09506000134353(17)270630(10)ABC123",
                "(01)09506000134352(17)270630(10)ABC123");

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        final String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"error\":{\"code\":\"INVALID_SCAN\",\"field\":\"gtin\",\"message\":");
        assertThat(lines[1]).startsWith("{\"gtin\":\"09506000134352\"");
    }

    @Test
    void aGtinAloneIsDecodedWithoutTheFieldsItLacks() {
        final int exit = run("", "decode", "-o", "json", "(01)09506000134352");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("{\"gtin\":\"09506000134352\"}\n");
    }

    @Test
    void aLikelyDroppedSeparatorIsWarnedOfWithItsKindAndField() {
        final int exit = run("", "decode", "-o", "json", "]d20109506000134352172706301012A21XYZ789");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"lot\":\"12A21XYZ789\"")
                .contains("{\"kind\":\"POSSIBLY_DROPPED_SEPARATOR\",\"field\":\"lot\"");
    }

    @Test
    void aTwoDigitExpiryYearIsResolvedAroundTodaysYearNotAFixedOne() {
        // In 2026, GS1's window takes 76 as 2076 (within +50 years); 77 as 1977.
        run("", "decode", "-o", "json", "(01)09506000134352(17)761231(10)A", "(01)09506000134352(17)771231(10)A");

        assertThat(out.toString()).contains("\"expiry\":\"2076-12-31\"").contains("\"expiry\":\"1977-12-31\"");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        final int exit = run("", "decode", "--output", "xml", "(01)09506000134352(17)270630(10)ABC123");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--output").contains("xml");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noCommandIsAUsageErrorThatSaysWhatToDo() {
        assertThat(run("")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing a command");
    }

    @Test
    void noColourIsUsedWhenNoColorIsSet() {
        assertThat(Colours.ansi(java.util.Map.of("NO_COLOR", "1"))).isEqualTo(CommandLine.Help.Ansi.OFF);
        assertThat(Colours.ansi(java.util.Map.of("NO_COLOR", ""))).isEqualTo(CommandLine.Help.Ansi.AUTO);
        assertThat(Colours.ansi(java.util.Map.of())).isEqualTo(CommandLine.Help.Ansi.AUTO);
    }
}

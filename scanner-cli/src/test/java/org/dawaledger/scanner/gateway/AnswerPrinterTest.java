/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dawaledger.gateway.grpc.v1.RegulatedPrice;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class AnswerPrinterTest {
    private static final Answer ACTIVE = new Answer("argument 1", "verify", Answer.Outcome.OK, "ACTIVE",
            "08960001000015", "PAN000002", "PAN2401", "2028-12-31", "Panadol", Optional.empty(), List.of(), 12, "",
            "");
    private static final Answer RECALLED = new Answer("argument 2", "verify", Answer.Outcome.SUSPECT, "RECALLED",
            "08960001000015", "PANR00001", "PAN2399", "2028-12-31", "Panadol", Optional.of("PKR 120.00"),
            List.of("RECALLED", "EXPIRED"), 12, "alert-1", "contamination, \"class I\"");

    private static String print(final AnswerPrinter.Format format, final Ansi ansi, final Answer... answers) {
        final StringWriter out = new StringWriter();
        final AnswerPrinter printer = new AnswerPrinter(new PrintWriter(out), format, ansi);
        for (final Answer answer : answers) {
            printer.print(answer);
        }
        return out.toString();
    }

    @Test
    void verdictsAreGreenWhenActiveAndRedWhenSuspectWithColourOn() {
        final String text = print(AnswerPrinter.Format.text, Ansi.ON, ACTIVE, RECALLED);

        assertThat(text).contains("\u001b[1m\u001b[32mACTIVE\u001b[39m\u001b[21m\u001b[0m")
                .contains("\u001b[1m\u001b[31mRECALLED");
    }

    @Test
    void withColourOffTheTextIsPlainAndShowsThePriceFindingsAndAlertWhenThereAreSome() {
        assertThat(print(AnswerPrinter.Format.text, Ansi.OFF, RECALLED)).isEqualTo("argument 2: RECALLED Panadol "
                + "(GTIN 08960001000015, serial PANR00001, lot PAN2399, expiry 2028-12-31), regulated price PKR 120.00; "
                + "findings RECALLED, EXPIRED: contamination, \"class I\" [alert alert-1]\n");
    }

    @Test
    void csvQuotesAFieldWithACommaOrAQuote() {
        assertThat(print(AnswerPrinter.Format.csv, Ansi.OFF, RECALLED).split("\n")[1]).isEqualTo("argument 2,verify,"
                + "suspect,RECALLED,08960001000015,PANR00001,PAN2399,2028-12-31,Panadol,PKR 120.00,12,alert-1,"
                + "RECALLED EXPIRED,\"contamination, \"\"class I\"\"\"");
    }

    @Test
    void jsonLeavesOutWhatTheAnswerDoesNotSay() {
        assertThat(print(AnswerPrinter.Format.json, Ansi.ON, ACTIVE)).isEqualTo("{\"source\":\"argument 1\","
                + "\"action\":\"verify\",\"outcome\":\"ok\",\"code\":\"ACTIVE\",\"gtin\":\"08960001000015\","
                + "\"serial\":\"PAN000002\",\"lot\":\"PAN2401\",\"expiry\":\"2028-12-31\",\"product\":\"Panadol\","
                + "\"block\":12}\n");
    }

    @Test
    void aSuspectAnswerOutranksAQueuedOneForTheExitCode() {
        assertThat(Answer.exitCode(Answer.worse(Answer.Outcome.QUEUED, Answer.Outcome.SUSPECT))).isEqualTo(3);
        assertThat(Answer.exitCode(Answer.worse(Answer.Outcome.ERROR, Answer.Outcome.QUEUED))).isEqualTo(4);
        assertThat(Answer.exitCode(Answer.worse(Answer.Outcome.OK, Answer.Outcome.ERROR))).isEqualTo(1);
        assertThat(Answer.exitCode(null)).isZero();
    }

    @Test
    void theRegulatedPriceIsShownExactlyInRupeesFromIntegerPaisaAndNotAtAllWithoutOne() {
        final VerifyReply.Builder reply = VerifyReply.newBuilder().setVerdict("ACTIVE");
        assertThat(Answer.price(reply.build())).isEmpty();
        assertThat(Answer.price(reply.setRegulatedPrice(RegulatedPrice.newBuilder().setPaisa(3450)
                .setEffectiveFrom("2026-01-01").setReference("S.R.O. 1234(I)/2026")).build())).contains("PKR 34.50");
        assertThat(Answer.price(reply.setRegulatedPrice(RegulatedPrice.newBuilder().setPaisa(10_000_000_000L))
                .build())).contains("PKR 100000000.00");
        assertThat(Answer.price(reply.setRegulatedPrice(RegulatedPrice.newBuilder().setPaisa(7)).build()))
                .contains("PKR 0.07");
    }
}

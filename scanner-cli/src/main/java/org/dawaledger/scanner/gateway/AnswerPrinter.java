/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints answers, one per line: for people (verdicts in colour where the terminal and NO_COLOR allow), as one JSON
 * object per line, or as CSV with a header.
 */
public final class AnswerPrinter {
    /** The output formats. */
    public enum Format {
        text, json, csv
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("source", "action", "outcome", "code", "gtin", "serial",
            "lot", "expiry", "product", "price", "block", "alert_id", "findings", "message");

    private final PrintWriter out;
    private final Format format;
    private final Ansi ansi;
    private boolean headed;

    /**
     * @param out where lines go.
     * @param format the format.
     * @param ansi whether to colour (text only).
     * @throws NullPointerException if an argument is null.
     */
    public AnswerPrinter(final PrintWriter out, final Format format, final Ansi ansi) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.ansi = Objects.requireNonNull(ansi, "ansi");
    }

    /** Prints one answer, and flushes (a scanner at a till waits for it). */
    public void print(final Answer answer) {
        switch (format) {
            case json -> out.println(json(answer));
            case csv -> {
                if (!headed) {
                    headed = true;
                    out.println(String.join(",", COLUMNS));
                }
                out.println(csv(answer));
            }
            default -> out.println(text(answer));
        }
        out.flush();
    }

    private String text(final Answer answer) {
        final StringBuilder line = new StringBuilder(answer.source()).append(": ").append(colour(answer));
        if (!answer.product().isEmpty()) {
            line.append(' ').append(answer.product());
        }
        if (!answer.gtin().isEmpty()) {
            line.append(" (GTIN ").append(answer.gtin());
            append(line, ", serial ", answer.serial());
            append(line, ", lot ", answer.lot());
            append(line, ", expiry ", answer.expiry());
            line.append(')');
        }
        answer.price().ifPresent(price -> line.append(", regulated price ").append(price));
        if (answer.findings().size() > 1) {
            line.append("; findings ").append(String.join(", ", answer.findings()));
        }
        append(line, ": ", answer.message());
        append(line, " [alert ", answer.alertId());
        if (!answer.alertId().isEmpty()) {
            line.append(']');
        }
        return line.toString();
    }

    private String colour(final Answer answer) {
        final String style = switch (answer.outcome()) {
            case OK -> "bold,green";
            case SUSPECT -> "bold,red";
            case QUEUED -> "yellow";
            default -> "red";
        };
        return ansi.string("@|" + style + " " + answer.code() + "|@");
    }

    private static void append(final StringBuilder line, final String label, final String value) {
        if (!value.isEmpty()) {
            line.append(label).append(value);
        }
    }

    private static String json(final Answer answer) {
        final ObjectNode line = JSON.createObjectNode().put("source", answer.source()).put("action", answer.action())
                .put("outcome", answer.outcome().name().toLowerCase(Locale.ROOT)).put("code", answer.code());
        put(line, "gtin", answer.gtin());
        put(line, "serial", answer.serial());
        put(line, "lot", answer.lot());
        put(line, "expiry", answer.expiry());
        put(line, "product", answer.product());
        answer.price().ifPresent(price -> line.put("price", price));
        if (!answer.findings().isEmpty()) {
            answer.findings().forEach(line.putArray("findings")::add);
        }
        if (answer.block() > 0) {
            line.put("block", answer.block());
        }
        put(line, "alertId", answer.alertId());
        put(line, "message", answer.message());
        return line.toString();
    }

    private static void put(final ObjectNode line, final String name, final String value) {
        if (!value.isEmpty()) {
            line.put(name, value);
        }
    }

    private static String csv(final Answer answer) {
        return String.join(",", List.of(answer.source(), answer.action(),
                answer.outcome().name().toLowerCase(Locale.ROOT), answer.code(), answer.gtin(), answer.serial(),
                answer.lot(), answer.expiry(), answer.product(), answer.price().orElse(""),
                answer.block() > 0 ? Long.toString(answer.block()) : "", answer.alertId(),
                String.join(" ", answer.findings()), answer.message()).stream().map(AnswerPrinter::field).toList());
    }

    private static String field(final String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

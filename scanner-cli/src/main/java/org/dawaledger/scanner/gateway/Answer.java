/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner.gateway;

import java.time.Year;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dawaledger.gateway.grpc.v1.PackOutcome;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gs1.ExpiryDate;
import org.dawaledger.gs1.Gs1FormatException;

/**
 * What became of one scan, however it went: the ledger's verdict or dispensing outcome, queued for later, or an
 * error. Empty strings stand for what the answer does not say.
 * @param source where the scan came from.
 * @param action verify or dispense.
 * @param outcome how it went, which decides the exit code.
 * @param code the verdict (ACTIVE, UNKNOWN_SERIAL…), the pack's new status or refusal (SUPPLIED, ALREADY_SUPPLIED…),
 *     QUEUED, or the error's code.
 * @param gtin the pack's GTIN.
 * @param serial its serial.
 * @param lot its lot.
 * @param expiry its expiry.
 * @param product the product's name.
 * @param price the regulated price, where the ledger has one.
 * @param findings every finding behind a verdict.
 * @param block the block the answer reflects (0: none).
 * @param alertId the alert the answer raised on the ledger.
 * @param message what to tell the person at the scanner.
 */
public record Answer(String source, String action, Outcome outcome, String code, String gtin, String serial,
        String lot, String expiry, String product, Optional<String> price, List<String> findings, long block,
        String alertId, String message) {
    /** How a scan went, from best to worst for the exit code's sake (see {@link #exitCode}). */
    public enum Outcome {
        /** ACTIVE, or dispensed. */
        OK,
        /** An error: the scan could not be read, or the call was refused. */
        ERROR,
        /** Queued: the gateway could not be reached. */
        QUEUED,
        /** A suspect or non-sellable verdict, or a refused dispense. */
        SUSPECT
    }

    /** @throws NullPointerException if an argument is null. */
    public Answer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(price, "price");
        findings = List.copyOf(findings);
    }

    /**
     * The answer to a verification.
     * @param source where the scan came from.
     * @param reply the gateway's reply.
     * @return the answer.
     */
    public static Answer verified(final String source, final VerifyReply reply) {
        if (reply.hasProblem()) {
            final String field = reply.getProblem().getField();
            return error(source, "verify", reply.getProblem().getCode(),
                    (field.isEmpty() ? "" : field + ": ") + reply.getProblem().getDetail());
        }
        final String verdict = reply.getVerdict();
        return new Answer(source, "verify", "ACTIVE".equals(verdict) ? Outcome.OK : Outcome.SUSPECT, verdict,
                reply.getIdentifier().getGtin(), reply.getIdentifier().getSerial(), reply.getIdentifier().getLot(),
                isoExpiry(reply.getIdentifier().getExpiry()), reply.getProductName(), price(reply), reply.getFindingsList(),
                reply.getBlock(), reply.getAlertId(), reply.getRecallReason());
    }

    /** The gateway answers expiries as printed on the pack (YYMMDD): shown as ISO dates, as decode does. */
    private static String isoExpiry(final String expiry) {
        try {
            return expiry.length() == 6 ? ExpiryDate.parse(expiry, Year.now().getValue()).toIsoString() : expiry;
        } catch (Gs1FormatException e) {
            return expiry;
        }
    }

    /**
     * The regulator's maximum retail price per pack in force today, where the ledger has one, in rupees as printed
     * on a price list ({@code PKR 34.50}); exact, from integer paisa.
     */
    static Optional<String> price(final VerifyReply reply) {
        if (!reply.hasRegulatedPrice() || reply.getRegulatedPrice().getPaisa() <= 0) {
            return Optional.empty();
        }
        final long paisa = reply.getRegulatedPrice().getPaisa();
        return Optional.of(String.format(java.util.Locale.ROOT, "PKR %d.%02d", paisa / 100, paisa % 100));
    }

    /**
     * The outcome of dispensing one pack.
     * @param source where the scan came from.
     * @param outcome the gateway's outcome for the pack.
     * @param lot the lot scanned.
     * @param expiry the expiry scanned.
     * @param block the block of the dispensing transaction.
     * @return the answer.
     */
    public static Answer dispensed(final String source, final PackOutcome outcome, final String lot,
            final String expiry, final long block) {
        return new Answer(source, "dispense", outcome.getAccepted() ? Outcome.OK : Outcome.SUSPECT, outcome.getCode(),
                outcome.getGtin(), outcome.getSerial(), lot, expiry, "", Optional.empty(), List.of(), block,
                outcome.getAlertId(), outcome.getMessage());
    }

    /**
     * A scan queued for {@code dawa-scan sync}.
     * @return the answer.
     */
    public static Answer queued(final String source, final String action, final String why) {
        return new Answer(source, action, Outcome.QUEUED, "QUEUED", "", "", "", "", "", Optional.empty(), List.of(),
                0, "", why);
    }

    /**
     * A scan that could not be answered.
     * @return the answer.
     */
    public static Answer error(final String source, final String action, final String code, final String message) {
        return new Answer(source, action, Outcome.ERROR, code, "", "", "", "", "", Optional.empty(), List.of(), 0,
                "", message);
    }

    /**
     * The same answer, told where it came from (a synced scan: its queued source and an attempt's note).
     * @return the answer with another source and message.
     */
    public Answer with(final String otherSource, final String otherMessage) {
        return new Answer(otherSource, action, outcome, code, gtin, serial, lot, expiry, product, price, findings,
                block, alertId, otherMessage);
    }

    /**
     * The exit code of a run with these outcomes: a suspect verdict first (it must never be hidden), then queued
     * scans, then errors.
     * @param worst the worst outcome of the run, null for none.
     * @return the exit code (see org.dawaledger.scanner.ExitCodes).
     */
    public static int exitCode(final Outcome worst) {
        if (worst == null || worst == Outcome.OK) {
            return 0;
        }
        return switch (worst) {
            case SUSPECT -> 3;
            case QUEUED -> 4;
            default -> 1;
        };
    }

    /** @return the worse of two outcomes (null: none yet). */
    public static Outcome worse(final Outcome a, final Outcome b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}

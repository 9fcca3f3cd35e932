package org.dawaledger.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dawaledger.gateway.idempotency.IdempotentWrites;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gs1.ExpiryDate;
import org.dawaledger.gs1.Gs1Read;
import org.dawaledger.gs1.Gs1Scan;
import org.dawaledger.gs1.ScannedItem;
import org.dawaledger.chaincode.pack.Verdict;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.Evaluated;
import org.dawaledger.ledger.RefusedException;
import org.dawaledger.ledger.Submitted;

/**
 * Verification: the contract's VerifyPack on the local copy, told to the public as it may hear it, and to a
 * signed-in party whole, with an alert raised on the ledger when the pack fails. Each verdict is counted in this
 * gateway's {@link VerificationTally}.
 */
@ApplicationScoped
public class Verifier {
    /**
     * What an anonymous caller is told: the verdict and the product, never who holds the pack, who it was sold to
     * or which transaction last touched it. The contract's {@code message} is left out too: it names the pharmacy
     * that dispensed a pack. The verdict and findings codes say the same without it.
     */
    static final Set<String> PUBLIC_FIELDS = Set.of("verdict", "findings", "level", "gtin", "serial",
            "lot", "expiry", "productName", "productStatus", "strength", "dosageForm", "registrationNumber",
            "ownerName", "ownerRole", "foreignManufacturer", "withdrawnReason", "withdrawnAt", "ledgerLot",
            "ledgerExpiry", "batchStatus", "recallReason", "recalledAt", "packStatus", "regulatedPrice");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPORT_ATTEMPTS = 3;

    private final GatewayLedger ledger;
    private final IdempotentWrites writes;
    private final VerificationTally tally;
    private final Map<X509Certificate, Object> reporting = new ConcurrentHashMap<>();

    Verifier(final GatewayLedger ledger, final IdempotentWrites writes, final VerificationTally tally) {
        this.ledger = ledger;
        this.writes = writes;
        this.tally = tally;
    }

    /**
     * The verdict on a pack's fields (GTIN, serial, lot, expiry), the identifier, and the block it reflects.
     *
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the fields ({@code INVALID_ARGUMENT})
     */
    public JsonNode verify(final String[] fields) throws IOException {
        final Evaluated evaluated = ledger.ledger().evaluate(ledger.publicCaller(), "VerifyPack", fields);
        final ObjectNode verdict = (ObjectNode) JSON.readTree(evaluated.answer());
        tally.count(verdict.path("verdict").asText());
        verdict.retain(PUBLIC_FIELDS);
        final ObjectNode answer = JSON.createObjectNode();
        answer.set("verdict", verdict);
        answer.set("identifier", identifier(fields));
        answer.put("block", evaluated.blockNumber());
        return answer;
    }

    /**
     * The verdict for a signed-in party: the contract's whole answer, read as that party. A failed verification
     * (a verdict that alerts, or a recall) is reported on the ledger as that party with ReportSuspectPack, as the
     * European system raises an alert on a failed scan; the answer carries the alert, or why none was raised.
     * With an idempotency key, a retried verification (a scanner's queue resent after a lost answer) hears the alert
     * its first try raised instead of raising another; a try that raised none is not kept, so its retry may.
     *
     * @param idempotencyKey the client's key for this scan, or null
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the fields
     * @throws jakarta.ws.rs.WebApplicationException a problem if the key is malformed or was used for another scan
     */
    public JsonNode verifyAs(final Caller caller, final String[] fields, final String idempotencyKey)
            throws IOException {
        final Evaluated evaluated = ledger.ledger().evaluate(caller, "VerifyPack", fields);
        final ObjectNode verdict = (ObjectNode) JSON.readTree(evaluated.answer());
        tally.count(verdict.path("verdict").asText());
        final ObjectNode answer = JSON.createObjectNode();
        answer.set("verdict", verdict);
        answer.set("identifier", identifier(fields));
        answer.put("block", evaluated.blockNumber());
        if (raisesAlert(verdict.path("verdict").asText())) {
            final ArrayNode scan = JSON.createArrayNode();
            for (final String field : fields) {
                scan.add(field);
            }
            try {
                final JsonNode reported = writes.once(caller.mspId() + "\u0000" + caller.certificatePem(),
                        idempotencyKey == null ? null : "verify\u0000" + idempotencyKey, scan,
                        () -> reportedAlert(caller, fields, verdict.path("verdict").asText()));
                answer.set("alert", reported.get("alert"));
                answer.put("block", Math.max(evaluated.blockNumber(), reported.path("block").asLong()));
            } catch (NotRaised e) {
                answer.set("alert", e.alert);
            }
        }
        return answer;
    }

    /** The alert a report raised, and the block it is in; a report that raised none is thrown, not kept. */
    private JsonNode reportedAlert(final Caller caller, final String[] fields, final String verdict)
            throws IOException {
        try {
            final Submitted reported = report(caller, fields, verdict);
            if (!reported.isValid()) {
                // Lost every race: its answer is not what the ledger holds, so no alert was raised.
                throw new NotRaised(JSON.createObjectNode().put("raised", false)
                        .put("code", reported.validationCode().name()));
            }
            final ObjectNode outcome = JSON.createObjectNode();
            outcome.set("alert", JSON.readTree(reported.answer()));
            outcome.put("block", reported.blockNumber());
            return outcome;
        } catch (RefusedException e) {
            // The verdict stands; the party hears why no alert was raised (at most 50 open reports a day).
            throw new NotRaised(JSON.createObjectNode().put("raised", false)
                    .put("code", e.code().orElse("INTERNAL_ERROR")));
        }
    }

    /** No alert was raised: said in the answer, and not kept against the idempotency key. */
    private static final class NotRaised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ObjectNode alert;

        NotRaised(final ObjectNode alert) {
            super(null, null, false, false);
            this.alert = alert;
        }
    }

    /**
     * A party's reports share its daily count, so two at once would conflict: this gateway makes them one at a time,
     * and resubmits one that lost to the party's reports through another gateway.
     */
    private Submitted report(final Caller caller, final String[] fields, final String verdict) {
        synchronized (reporting.computeIfAbsent(caller.certificate(), certificate -> new Object())) {
            return ledger.ledger().submitResolvingConflicts(caller, REPORT_ATTEMPTS, "ReportSuspectPack", fields[0],
                    fields[1], fields[2], fields[3], "Verification failed: " + verdict);
        }
    }

    /** Whether a verdict is a failed verification: one of the contract's alerting verdicts, or a recall. */
    static boolean raisesAlert(final String verdict) {
        try {
            final Verdict code = Verdict.valueOf(verdict);
            return code.isAlerting() || code == Verdict.RECALLED;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ObjectNode identifier(final String[] fields) {
        final ObjectNode identifier = JSON.createObjectNode();
        identifier.put("gtin", fields[0]);
        identifier.put("serial", fields[1]);
        identifier.put("lot", fields[2]);
        identifier.put("expiry", fields[3]);
        return identifier;
    }

    /**
     * GTIN, serial, lot and expiry of a request: parsed from the scan when there is one, else as given (the contract
     * checks those).
     *
     * @throws org.dawaledger.gs1.Gs1FormatException if the scan is malformed
     * @throws UnjudgeableRequest if there is neither a scan nor a GTIN
     */
    public static String[] fields(final String code, final String gtin, final String serial, final String lot,
            final String expiry) {
        if (code != null && !code.isBlank()) {
            return fields(Gs1Scan.parse(code));
        }
        if (gtin == null || gtin.isBlank()) {
            throw new UnjudgeableRequest("code", "send `code` (a scan), or `gtin` with `serial`, `lot` and `expiry`");
        }
        return new String[] {gtin, orEmpty(serial), orEmpty(lot), orEmpty(expiry)};
    }

    private static String orEmpty(final String text) {
        return text == null ? "" : text;
    }

    /**
     * A scan's fields, each one present checked as on a printed pack so that a misread names its field; those the
     * scan lacks are empty. A scan need not carry a lot: a GTIN alone, with its expiry, or with a serial is passed to
     * the contract, which judges what it can (with a serial) or refuses with its code what it cannot (no serial and
     * no lot). The expiry's century is resolved around the current year, as the contract resolves it around the
     * transaction's.
     *
     * @throws org.dawaledger.gs1.Gs1FormatException if a field is malformed
     */
    static String[] fields(final Gs1Read read) {
        final ScannedItem item = read.toScannedItem(Year.now(ZoneOffset.UTC).getValue());
        return new String[] {item.gtin().value(), item.serial().orElse(""), item.lot().orElse(""),
            item.expiry().map(ExpiryDate::yymmdd).orElse("")};
    }
}

package org.dawaledger.chaincode.alert;

import java.util.Locale;
import java.util.Map;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.ledger.Page;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;

/** Rules for alerts: how they are raised, who reads them, and how the regulator closes them. */
public final class Alerts {
    /**
     * Most of its own reports (ReportSuspectPack) a party may have open from one UTC day. Alerts the ledger raises
     * itself, at a refused dispense, are evidence and never limited; a report is a party's word, and a flood of them
     * would bury the regulator's queue. Resolving a report frees its place.
     */
    public static final int MAX_OPEN_REPORTS_PER_DAY = 50;

    private Alerts() {
    }

    /**
     * Counts a new report against the reporter's allowance for the transaction's day. The regulator's own reports are
     * not counted.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the reporter has {@value #MAX_OPEN_REPORTS_PER_DAY}
     *     open reports from that day already ({@code ALERT_LIMIT_REACHED})
     */
    public static void countReport(final Ledger ledger, final Participant reporter) {
        if (reporter.role() == Role.REGULATOR) {
            return;
        }
        final String day = ledger.today().toString();
        final String key = ledger.key(Keys.OPEN_REPORTS, reporter.gln(), day);
        final int open = ledger.read(key, OpenReports.class).map(OpenReports::open).orElse(0);
        if (open >= MAX_OPEN_REPORTS_PER_DAY) {
            throw ErrorCode.ALERT_LIMIT_REACHED.exception("%s has %d open reports from %s, the most a party may have;"
                    + " the regulator frees a place by resolving one", reporter.gln(), open, day);
        }
        ledger.write(key, new OpenReports(reporter.gln(), day, open + 1));
    }

    /**
     * Raises an alert inside the current transaction. The caller's transaction emits the event that reports it.
     *
     * @param gtin the pack's GTIN as presented
     * @param serial the serial as presented, or null
     * @param lot the lot as presented, or null
     * @param expiry the expiry as presented ({@code YYMMDD}), or null
     * @param verdict the pack's verdict at that moment
     * @return the new alert
     */
    public static Alert raise(final Ledger ledger, final AlertCode code, final String gtin, final String serial,
            final String lot, final String expiry, final String verdict, final String detail,
            final String raisedBy) {
        // Zero-padded so that a transaction's alerts list in the order it raised them.
        final String alertId = String.format(Locale.ROOT, "%s-%04d", ledger.txId(), ledger.nextSequence());
        final Alert alert = new Alert(alertId, code, gtin, serial, lot, expiry, verdict, detail, raisedBy,
                ledger.nowText(), AlertStatus.OPEN, null, null, null, null);
        ledger.write(ledger.key(Keys.ALERT, alertId), alert);
        ledger.mark(statusKey(ledger, alert));
        ledger.mark(ledger.key(Keys.ALERT_BY_RAISER, raisedBy, Ledger.newestFirst(alert.raisedAt()), alertId));
        return alert;
    }

    /**
     * Records the regulator's finding and closes an alert.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the alert is
     *     unknown ({@code ALERT_NOT_FOUND}) or resolved already ({@code ALERT_ALREADY_RESOLVED}), or the finding or
     *     note is invalid
     */
    public static Alert resolve(final Ledger ledger, final String alertId, final String finding, final String note) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Alert alert = find(ledger, Arguments.text("alertId", alertId, 100));
        final Finding checkedFinding = Arguments.oneOf("finding", finding, Finding.class);
        final String checkedNote = Arguments.text("note", note, Arguments.MAX_TEXT);
        if (alert.status() == AlertStatus.RESOLVED) {
            throw ErrorCode.ALERT_ALREADY_RESOLVED.exception("alert %s was resolved already as %s", alert.alertId(),
                    alert.finding());
        }
        final Alert resolved = alert.resolved(checkedFinding, checkedNote, regulator.gln(), ledger.nowText());
        ledger.write(ledger.key(Keys.ALERT, alert.alertId()), resolved);
        ledger.delete(statusKey(ledger, alert));
        ledger.mark(statusKey(ledger, resolved));
        if (alert.code() == AlertCode.SUSPECT_REPORTED) {
            uncountReport(ledger, alert);
        }
        ledger.emit(LedgerEvent.of(ledger, "AlertResolved", regulator.gln(), Map.of("alert", resolved)));
        return resolved;
    }

    /**
     * An alert. For the regulator and the party that raised it.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if unknown ({@code ALERT_NOT_FOUND}) or the caller is
     *     another party ({@code ACCESS_DENIED})
     */
    public static Alert get(final Ledger ledger, final String alertId) {
        final Participant caller = Participants.requireCaller(ledger);
        final Alert alert = find(ledger, Arguments.text("alertId", alertId, 100));
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(alert.raisedBy())) {
            throw ErrorCode.ACCESS_DENIED.exception("only the regulator and the raiser may read alert %s", alertId);
        }
        return alert;
    }

    /**
     * Alerts, a page at a time. With a status, only those OPEN or RESOLVED, oldest first; without one, all alerts in
     * alert-id order. For the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, or an argument
     *     is invalid
     */
    public static Page<Alert> list(final Ledger ledger, final String status, final String pageSize,
            final String bookmark) {
        Participants.requireCaller(ledger, Role.REGULATOR);
        final int size = Arguments.pageSize(pageSize);
        final String start = Arguments.bookmark(bookmark);
        if (status == null || status.isEmpty()) {
            // Alert ids start with the transaction id, not the time: the unfiltered list is in id order.
            return ledger.page(Keys.ALERT, new String[0], size, start,
                    keyValue -> Ledger.recordOf(keyValue, Alert.class));
        }
        final AlertStatus checkedStatus = Arguments.oneOf("status", status, AlertStatus.class);
        return ledger.page(Keys.ALERT_BY_STATUS, new String[] {checkedStatus.name()}, size, start,
                keyValue -> find(ledger, ledger.attributesOf(keyValue.getKey()).get(2)));
    }

    /**
     * The alerts a party raised, a page at a time, newest first: the ledger's alerts at its refused dispenses and
     * its own reports. Alerts raised in one transaction list in the order it raised them. For that party and the
     * regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, the GLN is
     *     malformed ({@code INVALID_ARGUMENT}), the caller is neither that party nor a regulator
     *     ({@code ACCESS_DENIED}), or the page size or bookmark is invalid ({@code INVALID_ARGUMENT})
     */
    public static Page<Alert> listByRaiser(final Ledger ledger, final String raiserGln, final String pageSize,
            final String bookmark) {
        final String gln = Participants.requireSelfOrRegulator(ledger, "raiserGln", raiserGln, "the alerts it raised");
        return ledger.page(Keys.ALERT_BY_RAISER, new String[] {gln}, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> find(ledger, ledger.attributesOf(keyValue.getKey()).get(2)));
    }

    private static void uncountReport(final Ledger ledger, final Alert report) {
        final String day = java.time.LocalDate.ofInstant(java.time.Instant.parse(report.raisedAt()),
                java.time.ZoneOffset.UTC).toString();
        final String key = ledger.key(Keys.OPEN_REPORTS, report.raisedBy(), day);
        // Absent for the regulator's own reports, which are not counted.
        ledger.read(key, OpenReports.class).ifPresent(count -> {
            if (count.open() <= 1) {
                ledger.delete(key);
            } else {
                ledger.write(key, new OpenReports(count.raiserGln(), day, count.open() - 1));
            }
        });
    }

    /**
     * How many of a party's reports from one day are open.
     *
     * @param raiserGln the reporting party
     * @param day the UTC date the reports were raised on
     * @param open how many of them are still open
     */
    public record OpenReports(String raiserGln, String day, int open) {
    }

    /** The alert~status index entry of an alert in its current status. */
    private static String statusKey(final Ledger ledger, final Alert alert) {
        return ledger.key(Keys.ALERT_BY_STATUS, alert.status().name(), Ledger.sortable(alert.raisedAt()),
                alert.alertId());
    }

    private static Alert find(final Ledger ledger, final String alertId) {
        return ledger.read(ledger.key(Keys.ALERT, alertId), Alert.class).orElseThrow(
                () -> ErrorCode.ALERT_NOT_FOUND.exception("no alert has id %s", alertId));
    }
}

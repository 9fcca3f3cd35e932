package org.dawaledger.chaincode.pack;

import java.util.Map;
import org.dawaledger.chaincode.alert.Alert;
import org.dawaledger.chaincode.alert.AlertCode;
import org.dawaledger.chaincode.alert.Alerts;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;

/** Rules for packs someone suspects: a party's report. */
public final class SuspectPacks {
    private SuspectPacks() {
    }

    /**
     * A party reports a pack it suspects, e.g. after a failed verification. The alert records the verdict the ledger
     * gives the pack at that moment.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, or the pack's
     *     fields or the description are malformed ({@code INVALID_ARGUMENT})
     */
    public static Alert report(final Ledger ledger, final String gtin, final String serial, final String lot,
            final String expiry, final String description) {
        final Participant reporter = Participants.requireCaller(ledger);
        final PresentedPack pack = PresentedPack.of("", gtin, serial, lot, expiry, false, ledger.today().getYear());
        final String detail = Arguments.text("description", description, Arguments.MAX_TEXT);
        final PackVerdict verdict = Verification.judge(ledger, pack).verdict();
        final Alert alert = Alerts.raise(ledger, AlertCode.SUSPECT_REPORTED, pack.gtin(), pack.serial(), pack.lot(),
                pack.expiryText(), verdict.verdict().name(), detail, reporter.gln());
        ledger.emit(LedgerEvent.of(ledger, "SuspectPackReported", reporter.gln(), Map.of("alert", alert)));
        return alert;
    }
}

package org.dawaledger.chaincode.pack;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dawaledger.chaincode.alert.Alert;
import org.dawaledger.chaincode.alert.AlertCode;
import org.dawaledger.chaincode.alert.Alerts;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Json;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.ledger.Page;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.BatchUse;
import org.dawaledger.chaincode.product.Batches;

/** Rules for the end of a pack's life: dispensing, other decommissioning, and undoing either. */
public final class Lifecycle {
    /** How long the decommissioning party may undo a decommission (LOCKED: no limit). */
    public static final Duration UNDO_WINDOW = Duration.ofDays(10);
    /** Most packs one dispense or decommission call may name. */
    public static final int MAX_ITEMS_PER_CALL = 1_000;

    private Lifecycle() {
    }

    /**
     * A pharmacy dispenses packs it holds. Each pack is answered on its own: a pack that is already inactive, unknown,
     * mismatched or held by another party is refused and raises an alert, and the rest of the call still succeeds.
     *
     * @param packsJson {@code [{"gtin":…,"serial":…,"lot":…,"expiry":…}]}; lot and expiry are checked when
     *     given
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active pharmacy, or the list is
     *     empty, too long or malformed ({@code INVALID_ARGUMENT}, {@code TOO_MANY_ITEMS})
     */
    public static List<PackOutcome> dispense(final Ledger ledger, final String packsJson) {
        final Participant pharmacy = Participants.requireCaller(ledger, Role.PHARMACY);
        return decommission(ledger, pharmacy, items(ledger, packsJson), PackStatus.SUPPLIED, "PacksDispensed");
    }

    /**
     * A custodian takes packs out of the supply chain for a reason other than dispensing, each answered on its own as
     * in {@link #dispense}. STOLEN, LOCKED and DESTROYED are allowed for packs of recalled, expired or unreleased
     * batches, so such stock can be destroyed; the other reasons need a sellable batch.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active supply-chain party, the
     *     reason is not one of {@link DecommissionReason}, or the list is empty, too long or malformed
     */
    public static List<PackOutcome> decommission(final Ledger ledger, final String packsJson, final String reason) {
        final Participant custodian = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER,
                Role.DISTRIBUTOR, Role.PHARMACY);
        final DecommissionReason checkedReason = Arguments.oneOf("reason", reason, DecommissionReason.class);
        return decommission(ledger, custodian, items(ledger, packsJson), checkedReason.status(),
                "PacksDecommissioned");
    }

    /**
     * Returns a decommissioned pack to ACTIVE. Only the party that decommissioned it, within
     * {@link #UNDO_WINDOW} (LOCKED: any time); never for STOLEN or DESTROYED; never when the batch is recalled, the
     * product withdrawn or the pack expired.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the pack is unknown ({@code PACK_NOT_FOUND}) or active
     *     ({@code PACK_NOT_DECOMMISSIONED}), STOLEN or DESTROYED ({@code UNDO_NOT_ALLOWED}), decommissioned by another
     *     party ({@code UNDO_BY_DIFFERENT_PARTY}) or too long ago ({@code UNDO_WINDOW_EXCEEDED}), or its batch is
     *     recalled ({@code BATCH_RECALLED}), expired ({@code BATCH_EXPIRED}) or its product withdrawn
     *     ({@code PRODUCT_WITHDRAWN})
     */
    public static Pack undo(final Ledger ledger, final String gtin, final String serial) {
        final Participant caller = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER,
                Role.DISTRIBUTOR, Role.PHARMACY);
        final Pack pack = Packs.find(ledger, Arguments.gtin("gtin", gtin), Arguments.serial("serial", serial));
        if (pack.status().isActive()) {
            throw ErrorCode.PACK_NOT_DECOMMISSIONED.exception("pack %s/%s is active", pack.gtin(), pack.serial());
        }
        if (pack.status().isFinal()) {
            throw ErrorCode.UNDO_NOT_ALLOWED.exception("pack %s/%s is %s, which cannot be undone", pack.gtin(),
                    pack.serial(), pack.status());
        }
        if (!caller.gln().equals(pack.decommissionedBy())) {
            throw ErrorCode.UNDO_BY_DIFFERENT_PARTY.exception("pack %s/%s was decommissioned by %s; only they may"
                    + " undo it", pack.gtin(), pack.serial(), pack.decommissionedBy());
        }
        final Instant decommissionedAt = Instant.parse(pack.decommissionedAt());
        if (ledger.now().isBefore(decommissionedAt)) {
            // The client sets the transaction time; an undo dated before its decommission would dodge the window.
            throw ErrorCode.INVALID_TRANSACTION_TIME.exception(
                    "the transaction time %s lies before the decommission at %s", ledger.nowText(),
                    pack.decommissionedAt());
        }
        if (pack.status() != PackStatus.LOCKED
                && Duration.between(decommissionedAt, ledger.now()).compareTo(UNDO_WINDOW) > 0) {
            throw ErrorCode.UNDO_WINDOW_EXCEEDED.exception("pack %s/%s was decommissioned at %s, more than %d days"
                    + " ago", pack.gtin(), pack.serial(), pack.decommissionedAt(), UNDO_WINDOW.toDays());
        }
        final Batch batch = Batches.find(ledger, pack.gtin(), pack.lot());
        Batches.require(ledger, batch, BatchUse.REACTIVATION);
        final Pack restored = pack.changed(PackStatus.ACTIVE, pack.custodianGln(), null, null,
                PackAction.DECOMMISSION_UNDONE, caller.gln(), ledger.nowText());
        Packs.store(ledger, restored);
        if (pack.status() == PackStatus.SUPPLIED) {
            ledger.delete(dispensedKey(ledger, pack));
        }
        ledger.emit(LedgerEvent.of(ledger, "DecommissionUndone", caller.gln(),
                Map.of("pack", restored, "from", pack.status().name())));
        return restored;
    }

    /**
     * The packs a party dispensed on one UTC day, a page at a time, in the order it dispensed them (packs dispensed
     * at the same instant, in one call, in [gtin, serial] order), as they are now. A dispense that was undone is not
     * listed. For that party and the regulator.
     *
     * @param date the UTC day, {@code yyyy-MM-dd}
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, the GLN is
     *     malformed ({@code INVALID_ARGUMENT}), the caller is neither that party nor a regulator
     *     ({@code ACCESS_DENIED}), or the date, page size or bookmark is invalid ({@code INVALID_ARGUMENT})
     */
    public static Page<Pack> listDispensed(final Ledger ledger, final String dispenserGln, final String date,
            final String pageSize, final String bookmark) {
        final String gln = Participants.requireSelfOrRegulator(ledger, "dispenserGln", dispenserGln,
                "the packs it dispensed");
        final String day = Arguments.date("date", date).toString();
        return ledger.page(Keys.DISPENSED_PACK, new String[] {gln, day}, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> {
                    final List<String> attributes = ledger.attributesOf(keyValue.getKey());
                    return Packs.find(ledger, attributes.get(3), attributes.get(4));
                });
    }

    /** The pack~dispensed entry of a SUPPLIED pack: its dispenser, the UTC day and the instant it was dispensed. */
    private static String dispensedKey(final Ledger ledger, final Pack supplied) {
        final String day = LocalDate.ofInstant(Instant.parse(supplied.decommissionedAt()), ZoneOffset.UTC).toString();
        return ledger.key(Keys.DISPENSED_PACK, supplied.decommissionedBy(), day,
                Ledger.sortable(supplied.decommissionedAt()), supplied.gtin(), supplied.serial());
    }

    /** Reads a many-pack call's list: 1 to {@value #MAX_ITEMS_PER_CALL} packs, each with its GTIN and serial. */
    static List<PresentedPack> items(final Ledger ledger, final String packsJson) {
        final List<PresentedItem> items = Json.readArgument("packs", packsJson,
                new TypeReference<List<PresentedItem>>() {
                });
        if (items.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("packs must name at least one pack");
        }
        if (items.size() > MAX_ITEMS_PER_CALL) {
            throw ErrorCode.TOO_MANY_ITEMS.exception("%d packs in one call; at most %d", items.size(),
                    MAX_ITEMS_PER_CALL);
        }
        final List<PresentedPack> presented = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            final PresentedItem item = items.get(i);
            if (item == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("packs[%d] is empty", i);
            }
            presented.add(PresentedPack.of("packs[" + i + "].", item.gtin(), item.serial(), item.lot(),
                    item.expiry(), true, ledger.today().getYear()));
        }
        Packs.prefetch(ledger, presented.stream().map(pack -> new String[] {pack.gtin(), pack.serial()}).toList());
        return presented;
    }

    private static List<PackOutcome> decommission(final Ledger ledger, final Participant caller,
            final List<PresentedPack> packs, final PackStatus target, final String eventType) {
        final List<PackOutcome> outcomes = new ArrayList<>(packs.size());
        final List<Pack> changed = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final PresentedPack presented : packs) {
            if (!seen.add(presented.gtin() + "/" + presented.serial())) {
                // A scanner's double read, not a second sale: answered, but no alert.
                outcomes.add(refuse(ledger, caller, presented, ErrorCode.DUPLICATE_SERIAL.name(),
                        "This pack is named twice in this call; only its first entry counts.", null, null, alerts));
                continue;
            }
            final Verification.Judgement judgement = Verification.judge(ledger, presented);
            final Verdict verdict = judgement.code();
            final Optional<Verdict> suspicion = judgement.alertingFinding();
            if (suspicion.isPresent()) {
                // Also under a recall or withdrawal: an unknown or inactive pack presented again is the sign of a copy.
                outcomes.add(refuse(ledger, caller, presented, suspicion.get().name(), judgement.verdict().message(),
                        AlertCode.valueOf(suspicion.get().name()), verdict.name(), alerts));
                continue;
            }
            final Pack pack = judgement.pack();
            if (verdict != Verdict.ACTIVE && !target.allowedOnUnsellableBatch()) {
                outcomes.add(refuse(ledger, caller, presented, verdict.name(), judgement.verdict().message(), null,
                        verdict.name(), alerts));
                continue;
            }
            if (pack.inTransit()
                    && (caller.gln().equals(pack.custodianGln()) || caller.gln().equals(pack.inTransitTo()))) {
                // The shipper or the receiver of a shipment not yet received: a paperwork gap, not a suspicion.
                outcomes.add(refuse(ledger, caller, presented, ErrorCode.PACK_IN_TRANSIT.name(),
                        "The pack is in shipment " + pack.shipmentId() + " to " + pack.inTransitTo()
                                + "; receive it first.", null, verdict.name(), alerts));
                continue;
            }
            if (!pack.custodianGln().equals(caller.gln())) {
                outcomes.add(refuse(ledger, caller, presented, ErrorCode.NOT_CUSTODIAN.name(),
                        "The ledger says " + pack.custodianGln() + " holds this pack: do not dispense; report it.",
                        AlertCode.NOT_CUSTODIAN, verdict.name(), alerts));
                continue;
            }
            final Pack after = pack.changed(target, pack.custodianGln(), null, null,
                    target == PackStatus.SUPPLIED ? PackAction.DISPENSED : PackAction.DECOMMISSIONED, caller.gln(),
                    ledger.nowText());
            Packs.store(ledger, after);
            if (target == PackStatus.SUPPLIED) {
                ledger.mark(dispensedKey(ledger, after));
            }
            changed.add(after);
            outcomes.add(new PackOutcome(presented.gtin(), presented.serial(), true, target.name(),
                    "The pack is now " + target + ".", null));
        }
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", target.name());
        data.put("packs", changed.stream().map(p -> Map.of("gtin", p.gtin(), "serial", p.serial(), "lot", p.lot()))
                .toList());
        data.put("alerts", alerts);
        ledger.emit(LedgerEvent.of(ledger, eventType, caller.gln(), data));
        return outcomes;
    }

    private static PackOutcome refuse(final Ledger ledger, final Participant caller, final PresentedPack presented,
            final String code, final String message, final AlertCode alertCode, final String verdict,
            final List<Alert> alerts) {
        String alertId = null;
        if (alertCode != null) {
            final Alert alert = Alerts.raise(ledger, alertCode, presented.gtin(), presented.serial(),
                    presented.lot(), presented.expiryText(), verdict, message, caller.gln());
            alerts.add(alert);
            alertId = alert.alertId();
        }
        return new PackOutcome(presented.gtin(), presented.serial(), false, code, message, alertId);
    }
}

package org.dawaledger.chaincode.pack;

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
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.product.BatchUse;
import org.dawaledger.chaincode.product.Standing;

/**
 * Rules for packs someone suspects: a party reports one; the regulator locks suspect packs pending an investigation,
 * wherever they are, and afterwards releases them or has them destroyed. A whole batch is held at once by
 * quarantining it ({@code QuarantineBatch}), which stops every remaining pack of it without naming each.
 */
public final class SuspectPacks {
    private SuspectPacks() {
    }

    /**
     * A party reports a pack it suspects, e.g. after a failed verification. The alert records the verdict the ledger
     * gives the pack at that moment.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, has as many
     *     open reports from today as a party may ({@code ALERT_LIMIT_REACHED}), or the pack's fields or the
     *     description are malformed ({@code INVALID_ARGUMENT})
     */
    public static Alert report(final Ledger ledger, final String gtin, final String serial, final String lot,
            final String expiry, final String description) {
        final Participant reporter = Participants.requireCaller(ledger);
        final PresentedPack pack = PresentedPack.of("", gtin, serial, lot, expiry, false, ledger.today().getYear());
        final String detail = Arguments.text("description", description, Arguments.MAX_TEXT);
        Alerts.countReport(ledger, reporter);
        final PackVerdict verdict = Verification.judge(ledger, pack).verdict();
        final Alert alert = Alerts.raise(ledger, AlertCode.SUSPECT_REPORTED, pack.gtin(), pack.serial(), pack.lot(),
                pack.expiryText(), verdict.verdict().name(), detail, reporter.gln());
        ledger.emit(LedgerEvent.of(ledger, "SuspectPackReported", reporter.gln(), Map.of("alert", alert)));
        return alert;
    }

    /**
     * The regulator locks packs pending an investigation, whoever holds them and whatever their batch's standing; a
     * pack its custodian had locked passes into the regulator's hold. Held packs verify as DECOMMISSIONED, cannot be
     * shipped, dispensed or undone, and only the regulator releases or destroys them. Each pack is answered on its
     * own.
     *
     * @param packsJson {@code [{"gtin":…,"serial":…}]}, as for {@code DispensePacks}
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the reason is
     *     missing or the list is empty, too long or malformed
     */
    public static List<PackOutcome> lock(final Ledger ledger, final String packsJson, final String reason) {
        return act(ledger, packsJson, reason, PackStatus.LOCKED, "PacksLocked", (pack, held) -> {
            if (held) {
                return Optional.of(Refusal.of(ErrorCode.PACK_NOT_ACTIVE,
                        "The regulator holds this pack already"));
            }
            if (!pack.status().isActive() && pack.status() != PackStatus.LOCKED) {
                return Optional.of(Refusal.of(ErrorCode.PACK_NOT_ACTIVE, "The pack is %s", pack.status()));
            }
            return Optional.empty();
        });
    }

    /**
     * The regulator releases packs it held back to ACTIVE, where their custodians find them. Not a pack whose batch
     * can no longer be sold (recalled, withdrawn, expired): destroy those.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException as {@link #lock}
     */
    public static List<PackOutcome> release(final Ledger ledger, final String packsJson, final String reason) {
        return act(ledger, packsJson, reason, PackStatus.ACTIVE, "PacksReleased", (pack, held) -> {
            if (!held) {
                return Optional.of(Refusal.of(ErrorCode.PACK_NOT_HELD,
                        "The regulator does not hold this pack"));
            }
            final Standing standing = Batches.standing(ledger, Batches.find(ledger, pack.gtin(), pack.lot()));
            if (!standing.allows(BatchUse.REACTIVATION)) {
                return Optional.of(Refusal.of(standing.refusal(), "The batch can no longer be sold (%s): destroy"
                        + " the pack instead", standing));
            }
            return Optional.empty();
        });
    }

    /**
     * The regulator records that packs it held were destroyed. DESTROYED is final.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException as {@link #lock}
     */
    public static List<PackOutcome> destroy(final Ledger ledger, final String packsJson, final String reason) {
        return act(ledger, packsJson, reason, PackStatus.DESTROYED, "PacksDestroyed", (pack, held) -> held
                ? Optional.empty()
                : Optional.of(Refusal.of(ErrorCode.PACK_NOT_HELD, "The regulator does not hold this pack")));
    }

    /** Whether the regulator holds the pack: LOCKED, and the one that locked it is a regulator. */
    public static boolean isHeldByRegulator(final Ledger ledger, final Pack pack) {
        return pack.status() == PackStatus.LOCKED && pack.decommissionedBy() != null
                && ledger.read(ledger.key(Keys.PARTICIPANT, pack.decommissionedBy()), Participant.class)
                        .map(party -> party.role() == Role.REGULATOR).orElse(false);
    }

    /** Why one pack of a many-pack call was refused. */
    private record Refusal(ErrorCode code, String message) {
        static Refusal of(final ErrorCode code, final String format, final Object... args) {
            return new Refusal(code, String.format(java.util.Locale.ROOT, format, args) + ".");
        }
    }

    /** Why the regulator may not act on a pack now, given whether it holds the pack; empty when it may. */
    private interface Check {
        Optional<Refusal> refusal(Pack pack, boolean heldByRegulator);
    }

    private static List<PackOutcome> act(final Ledger ledger, final String packsJson, final String reason,
            final PackStatus target, final String eventType, final Check check) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        final List<PresentedPack> packs = Lifecycle.items(ledger, packsJson);
        final PackAction action = switch (target) {
            case LOCKED -> PackAction.LOCKED_BY_REGULATOR;
            case ACTIVE -> PackAction.RELEASED_BY_REGULATOR;
            default -> PackAction.DESTROYED_BY_REGULATOR;
        };
        final List<PackOutcome> outcomes = new ArrayList<>(packs.size());
        final List<Pack> changed = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final PresentedPack presented : packs) {
            final Optional<Pack> found = Packs.read(ledger, presented.gtin(), presented.serial());
            final Optional<Refusal> refusal;
            if (!seen.add(presented.gtin() + "/" + presented.serial())) {
                refusal = Optional.of(Refusal.of(ErrorCode.DUPLICATE_SERIAL,
                        "The pack is named twice in this call"));
            } else if (found.isEmpty()) {
                refusal = Optional.of(Refusal.of(ErrorCode.PACK_NOT_FOUND, "No such pack was commissioned"));
            } else {
                refusal = check.refusal(found.get(), isHeldByRegulator(ledger, found.get()));
            }
            if (refusal.isPresent()) {
                outcomes.add(new PackOutcome(presented.gtin(), presented.serial(), false,
                        refusal.get().code().name(), refusal.get().message(), null));
                continue;
            }
            final Pack pack = found.get();
            final Pack after = target == PackStatus.ACTIVE
                    ? pack.changed(PackStatus.ACTIVE, pack.custodianGln(), pack.shipmentId(), pack.inTransitTo(),
                            action, regulator.gln(), ledger.nowText())
                    : pack.heldByRegulator(target, action, regulator.gln(), ledger.nowText());
            Packs.store(ledger, after);
            changed.add(after);
            outcomes.add(new PackOutcome(pack.gtin(), pack.serial(), true, target.name(),
                    "The pack is now " + target + ".", null));
        }
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", target.name());
        data.put("reason", checkedReason);
        data.put("packs", changed.stream().map(p -> Map.of("gtin", p.gtin(), "serial", p.serial(), "lot", p.lot(),
                "custodianGln", p.custodianGln())).toList());
        ledger.emit(LedgerEvent.of(ledger, eventType, regulator.gln(), data));
        return outcomes;
    }
}

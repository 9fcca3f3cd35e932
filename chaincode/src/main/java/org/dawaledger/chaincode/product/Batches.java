package org.dawaledger.chaincode.product;

import java.util.EnumSet;
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
import org.dawaledger.chaincode.stock.Stock;
import org.dawaledger.gs1.ExpiryDate;

/** Rules for batches: registration, import clearance, quarantine and recall. */
public final class Batches {
    /** Largest batch the ledger accepts; far above any real production lot. */
    public static final long MAX_QUANTITY = 100_000_000L;

    private Batches() {
    }

    /**
     * Registers a domestically made batch of the caller's product. It is RELEASED at once, and the caller holds all
     * its units.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active manufacturer, does not own
     *     the product ({@code NOT_OWNER}), the product is unknown ({@code PRODUCT_NOT_FOUND}), withdrawn or not
     *     approved ({@code PRODUCT_NOT_APPROVED}), the batch
     *     exists ({@code BATCH_ALREADY_EXISTS}),
     *     the expiry is past ({@code EXPIRY_IN_PAST}) or an argument is invalid
     */
    public static Batch register(final Ledger ledger, final String gtin, final String lot, final String expiry,
            final String quantity) {
        final Participant owner = Participants.requireCaller(ledger, Role.MANUFACTURER);
        final Batch batch = newBatch(ledger, owner, gtin, lot, expiry, quantity, BatchOrigin.DOMESTIC, null,
                BatchStatus.RELEASED);
        ledger.emit(LedgerEvent.of(ledger, "BatchRegistered", owner.gln(), Map.of("batch", batch)));
        return batch;
    }

    /**
     * Declares an imported batch of the caller's product. It stays PENDING_CLEARANCE, unsellable, until the regulator
     * clears it.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException as {@link #register}, for an importer
     */
    public static Batch declareImport(final Ledger ledger, final String gtin, final String lot, final String expiry,
            final String quantity, final String permitNumber, final String portOfEntry,
            final String foreignManufacturer) {
        final Participant importer = Participants.requireCaller(ledger, Role.IMPORTER);
        final ImportDetails details = new ImportDetails(
                Arguments.text("permitNumber", permitNumber, Arguments.MAX_REFERENCE),
                Arguments.text("portOfEntry", portOfEntry, Arguments.MAX_TEXT),
                Arguments.text("foreignManufacturer", foreignManufacturer, Arguments.MAX_TEXT));
        final Batch batch = newBatch(ledger, importer, gtin, lot, expiry, quantity, BatchOrigin.IMPORTED, details,
                BatchStatus.PENDING_CLEARANCE);
        ledger.mark(pendingImportKey(ledger, batch));
        ledger.mark(ledger.key(Keys.IMPORT_BY_IMPORTER, importer.gln(), batch.gtin(), batch.lot()));
        ledger.emit(LedgerEvent.of(ledger, "ImportDeclared", importer.gln(), Map.of("batch", batch)));
        return batch;
    }

    /**
     * Releases or rejects an import that waits for clearance.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the batch is
     *     unknown or not pending ({@code IMPORT_NOT_PENDING}), or the reason is missing
     */
    public static Batch clearImport(final Ledger ledger, final String gtin, final String lot, final String decision,
            final String reason) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Batch batch = get(ledger, gtin, lot);
        final ClearanceDecision checkedDecision = Arguments.oneOf("decision", decision, ClearanceDecision.class);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (batch.status() != BatchStatus.PENDING_CLEARANCE) {
            throw ErrorCode.IMPORT_NOT_PENDING.exception("batch %s/%s is %s, not waiting for clearance",
                    batch.gtin(), batch.lot(), batch.status());
        }
        final Batch cleared = batch.withStatus(
                checkedDecision == ClearanceDecision.RELEASE ? BatchStatus.RELEASED : BatchStatus.REJECTED,
                checkedReason, ledger.nowText(), ledger.txId());
        ledger.write(ledger.key(Keys.BATCH, batch.gtin(), batch.lot()), cleared);
        ledger.delete(pendingImportKey(ledger, batch));
        ledger.emit(LedgerEvent.of(ledger, "ImportCleared", regulator.gln(),
                Map.of("batch", cleared, "decision", checkedDecision.name())));
        return cleared;
    }

    /**
     * Holds a released batch while the regulator investigates.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the batch is
     *     not RELEASED ({@code INVALID_STATUS_TRANSITION}) or the reason is missing
     */
    public static Batch quarantine(final Ledger ledger, final String gtin, final String lot, final String reason) {
        return regulatorMove(ledger, gtin, lot, reason, BatchStatus.RELEASED, BatchStatus.QUARANTINED,
                "BatchQuarantined");
    }

    /**
     * Lifts a quarantine.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the batch is
     *     not QUARANTINED ({@code INVALID_STATUS_TRANSITION}) or the reason is missing
     */
    public static Batch release(final Ledger ledger, final String gtin, final String lot, final String reason) {
        return regulatorMove(ledger, gtin, lot, reason, BatchStatus.QUARANTINED, BatchStatus.RELEASED,
                "BatchReleased");
    }

    /**
     * Recalls a batch, for good: every one of its packs verifies as RECALLED from now on.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is neither the product's owner nor a
     *     regulator ({@code NOT_OWNER}, {@code ROLE_NOT_PERMITTED}), the batch is recalled already
     *     ({@code BATCH_RECALLED}) or rejected ({@code INVALID_STATUS_TRANSITION}), or the reason is missing
     */
    public static Batch recall(final Ledger ledger, final String gtin, final String lot, final String reason) {
        final Participant caller = Participants.requireCaller(ledger, Role.REGULATOR, Role.MANUFACTURER,
                Role.IMPORTER);
        final Batch batch = get(ledger, gtin, lot);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (caller.role() != Role.REGULATOR) {
            final Product product = Products.find(ledger, batch.gtin());
            if (!product.ownerGln().equals(caller.gln())) {
                throw ErrorCode.NOT_OWNER.exception("only the owner of product %s or the regulator may recall it",
                        batch.gtin());
            }
        }
        if (batch.status() == BatchStatus.RECALLED) {
            throw ErrorCode.BATCH_RECALLED.exception("batch %s/%s is recalled already", batch.gtin(), batch.lot());
        }
        if (batch.status() == BatchStatus.REJECTED) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception(
                    "batch %s/%s was rejected at import and never released", batch.gtin(), batch.lot());
        }
        if (batch.status() == BatchStatus.PENDING_CLEARANCE) {
            ledger.delete(pendingImportKey(ledger, batch));
        }
        final Batch recalled = batch.withStatus(BatchStatus.RECALLED, checkedReason, ledger.nowText(),
                ledger.txId());
        ledger.write(ledger.key(Keys.BATCH, batch.gtin(), batch.lot()), recalled);
        ledger.emit(LedgerEvent.of(ledger, "BatchRecalled", caller.gln(),
                Map.of("batch", recalled, "from", batch.status().name())));
        return recalled;
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if GTIN or lot is malformed, or the batch is unknown
     *     ({@code BATCH_NOT_FOUND})
     */
    public static Batch get(final Ledger ledger, final String gtin, final String lot) {
        return find(ledger, Arguments.gtin("gtin", gtin), Arguments.lot("lot", lot));
    }

    /**
     * The batch with this (checked) GTIN and lot.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if there is none ({@code BATCH_NOT_FOUND})
     */
    public static Batch find(final Ledger ledger, final String gtin, final String lot) {
        return ledger.read(ledger.key(Keys.BATCH, gtin, lot), Batch.class).orElseThrow(
                () -> ErrorCode.BATCH_NOT_FOUND.exception("product %s has no batch %s", gtin, lot));
    }

    /**
     * A product's batches, in lot order. Any active participant may list them.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, or an
     *     argument is invalid
     */
    public static Page<Batch> listByProduct(final Ledger ledger, final String gtin, final String pageSize,
            final String bookmark) {
        Participants.requireCaller(ledger);
        final String checkedGtin = Arguments.gtin("gtin", gtin);
        return ledger.page(Keys.BATCH, new String[] {checkedGtin}, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> Ledger.recordOf(keyValue, Batch.class));
    }

    /**
     * Imports waiting for clearance, oldest declaration first. For the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator
     */
    public static Page<Batch> listPendingImports(final Ledger ledger, final String pageSize, final String bookmark) {
        Participants.requireCaller(ledger, Role.REGULATOR);
        return ledger.page(Keys.PENDING_IMPORT, new String[0], Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> {
                    final var attributes = ledger.attributesOf(keyValue.getKey());
                    return find(ledger, attributes.get(1), attributes.get(2));
                });
    }

    /**
     * An importer's declared imports, whatever their status. For that importer and the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is another party ({@code ACCESS_DENIED})
     */
    public static Page<Batch> listImportsByImporter(final Ledger ledger, final String importerGln,
            final String pageSize, final String bookmark) {
        final Participant caller = Participants.requireCaller(ledger, Role.REGULATOR, Role.IMPORTER);
        final String gln = Arguments.gln("importerGln", importerGln);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(gln)) {
            throw ErrorCode.ACCESS_DENIED.exception("an importer may list only its own imports");
        }
        return ledger.page(Keys.IMPORT_BY_IMPORTER, new String[] {gln}, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> {
                    final var attributes = ledger.attributesOf(keyValue.getKey());
                    return find(ledger, attributes.get(1), attributes.get(2));
                });
    }

    /**
     * The batch's standing today: SELLABLE, or the first reason its packs may not be sold. This is the one place the
     * ledger decides whether a batch may be sold; {@link Standing} lists the reasons in the order they are checked.
     */
    public static Standing standing(final Ledger ledger, final Batch batch) {
        final EnumSet<Standing> reasons = reasonsNotToSell(ledger, batch);
        return reasons.isEmpty() ? Standing.SELLABLE : reasons.iterator().next();
    }

    /** Every reason the batch's packs may not be sold today, in {@link Standing}'s order; empty when they may. */
    public static EnumSet<Standing> reasonsNotToSell(final Ledger ledger, final Batch batch) {
        final EnumSet<Standing> reasons = EnumSet.noneOf(Standing.class);
        final Product product = Products.find(ledger, batch.gtin());
        if (product.isWithdrawn()) {
            reasons.add(Standing.PRODUCT_WITHDRAWN);
        } else if (!product.isApproved()) {
            reasons.add(Standing.PRODUCT_NOT_APPROVED);
        }
        switch (batch.status()) {
            case RECALLED -> reasons.add(Standing.BATCH_RECALLED);
            case REJECTED -> reasons.add(Standing.BATCH_REJECTED);
            case PENDING_CLEARANCE, QUARANTINED -> reasons.add(Standing.BATCH_NOT_RELEASED);
            case RELEASED -> { }
        }
        if (batch.isExpiredOn(ledger.today())) {
            reasons.add(Standing.BATCH_EXPIRED);
        }
        return reasons;
    }

    /**
     * Requires that the batch's standing allows the use.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it does not ({@code PRODUCT_WITHDRAWN},
     *     {@code BATCH_RECALLED}, {@code BATCH_NOT_RELEASED}, {@code BATCH_EXPIRED})
     */
    public static void require(final Ledger ledger, final Batch batch, final BatchUse use) {
        final Standing standing = standing(ledger, batch);
        if (standing.allows(use)) {
            return;
        }
        final String name = batch.gtin() + "/" + batch.lot();
        throw switch (standing) {
            case PRODUCT_WITHDRAWN -> standing.refusal().exception("product %s is withdrawn", batch.gtin());
            case PRODUCT_NOT_APPROVED -> standing.refusal().exception("product %s is not approved", batch.gtin());
            case BATCH_RECALLED -> standing.refusal().exception("batch %s is recalled", name);
            case BATCH_REJECTED -> standing.refusal().exception("batch %s was rejected at import", name);
            case BATCH_EXPIRED -> standing.refusal().exception("batch %s expired on %s", name, batch.expiryDate());
            default -> standing.refusal().exception("batch %s is %s", name, batch.status());
        };
    }

    /** Whether the batch's packs carry serials: every CommissionPacks of it marks it so. */
    public static boolean isSerialised(final Ledger ledger, final String gtin, final String lot) {
        return ledger.exists(serialisedKey(ledger, gtin, lot));
    }

    /** Marks the batch as one whose packs carry serials. */
    public static void markSerialised(final Ledger ledger, final Batch batch) {
        ledger.mark(serialisedKey(ledger, batch.gtin(), batch.lot()));
    }

    private static String serialisedKey(final Ledger ledger, final String gtin, final String lot) {
        return ledger.key(Keys.SERIALISED_BATCH, gtin, lot);
    }

    private static String pendingImportKey(final Ledger ledger, final Batch batch) {
        return ledger.key(Keys.PENDING_IMPORT, Ledger.sortable(batch.registeredAt()), batch.gtin(), batch.lot());
    }

    private static Batch newBatch(final Ledger ledger, final Participant owner, final String gtin, final String lot,
            final String expiry, final String quantity, final BatchOrigin origin, final ImportDetails details,
            final BatchStatus status) {
        final String checkedGtin = Arguments.gtin("gtin", gtin);
        final String checkedLot = Arguments.lot("lot", lot);
        final ExpiryDate expiryDate = Arguments.expiry("expiry", expiry, ledger.today().getYear());
        final long units = Arguments.positive("quantity", quantity, MAX_QUANTITY);
        final Product product = Products.find(ledger, checkedGtin);
        if (!product.ownerGln().equals(owner.gln())) {
            throw ErrorCode.NOT_OWNER.exception("product %s belongs to %s, not to %s", checkedGtin,
                    product.ownerGln(), owner.gln());
        }
        if (product.isWithdrawn()) {
            throw ErrorCode.PRODUCT_WITHDRAWN.exception("product %s is withdrawn", checkedGtin);
        }
        if (!product.isApproved()) {
            throw ErrorCode.PRODUCT_NOT_APPROVED.exception("product %s is %s: the regulator has not approved it",
                    checkedGtin, product.status());
        }
        if (expiryDate.lastDay().isBefore(ledger.today())) {
            throw ErrorCode.EXPIRY_IN_PAST.exception("expiry %s lies in the past", expiryDate.toIsoString());
        }
        final String key = ledger.key(Keys.BATCH, checkedGtin, checkedLot);
        if (ledger.exists(key)) {
            throw ErrorCode.BATCH_ALREADY_EXISTS.exception("product %s has a batch %s already", checkedGtin,
                    checkedLot);
        }
        final Batch batch = new Batch(checkedGtin, checkedLot, expiryDate.yymmdd(), expiryDate.toIsoString(), units,
                owner.gln(), origin, details, status, null, ledger.nowText(), ledger.nowText(), ledger.txId());
        ledger.write(key, batch);
        Stock.add(ledger, checkedGtin, checkedLot, owner.gln(), units);
        return batch;
    }

    private static Batch regulatorMove(final Ledger ledger, final String gtin, final String lot, final String reason,
            final BatchStatus from, final BatchStatus to, final String eventType) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Batch batch = get(ledger, gtin, lot);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (batch.status() != from) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("batch %s/%s is %s; only a %s batch can become %s",
                    batch.gtin(), batch.lot(), batch.status(), from, to);
        }
        final Batch moved = batch.withStatus(to, checkedReason, ledger.nowText(), ledger.txId());
        ledger.write(ledger.key(Keys.BATCH, batch.gtin(), batch.lot()), moved);
        ledger.emit(LedgerEvent.of(ledger, eventType, regulator.gln(), Map.of("batch", moved)));
        return moved;
    }
}

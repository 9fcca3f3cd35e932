package org.dawaledger.chaincode.pack;

import java.util.Optional;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.BatchStatus;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.product.Product;

/**
 * Judges a presented pack against the ledger. The order of the checks is the rule: identity first (is this a pack
 * the ledger knows, with the lot and expiry it was made with?), then the batch's and product's standing, then the
 * pack's own state.
 */
public final class Verification {
    private Verification() {
    }

    /**
     * What the ledger knows of a presented pack, and its verdict.
     *
     * @param verdict the answer
     * @param product the product, when known
     * @param batch the batch, when known
     * @param pack the pack, when a serial was presented and is known
     */
    public record Judgement(PackVerdict verdict, Product product, Batch batch, Pack pack) {
        public Verdict code() {
            return verdict.verdict();
        }
    }

    /**
     * Verifies a pack. Reads only; anyone may call it.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if a field is malformed ({@code INVALID_ARGUMENT})
     */
    public static PackVerdict verify(final Ledger ledger, final String gtin, final String serial, final String lot,
            final String expiry) {
        return judge(ledger, PresentedPack.of("", gtin, serial, lot, expiry, false, ledger.today().getYear()))
                .verdict();
    }

    /** Judges a presented pack whose form is checked already. */
    public static Judgement judge(final Ledger ledger, final PresentedPack presented) {
        final Answer answer = new Answer(presented);
        final Optional<Product> product = ledger.read(ledger.key(Keys.PRODUCT, presented.gtin()), Product.class);
        if (product.isEmpty()) {
            return answer.judged(Verdict.UNKNOWN_PRODUCT, "No product with GTIN " + presented.gtin()
                    + " is registered: do not dispense; report the pack.");
        }
        answer.product = product.get();
        final String lot;
        if (presented.serial() != null) {
            final Optional<Pack> pack = ledger.read(ledger.key(Keys.PACK, presented.gtin(), presented.serial()),
                    Pack.class);
            if (pack.isEmpty()) {
                return answer.judged(Verdict.UNKNOWN_SERIAL, "Serial " + presented.serial()
                        + " was never commissioned for this product: do not dispense; report the pack.");
            }
            answer.pack = pack.get();
            lot = pack.get().lot();
            if (presented.lot() != null && !presented.lot().equals(lot)) {
                answer.batch = ledger.read(ledger.key(Keys.BATCH, presented.gtin(), lot), Batch.class).orElse(null);
                return answer.judged(Verdict.LOT_MISMATCH, "The pack says lot " + presented.lot()
                        + " but this serial belongs to lot " + lot + ": do not dispense; report the pack.");
            }
        } else {
            lot = presented.lot();
        }
        final Optional<Batch> batch = ledger.read(ledger.key(Keys.BATCH, presented.gtin(), lot), Batch.class);
        if (batch.isEmpty()) {
            return answer.judged(Verdict.UNKNOWN_BATCH, "Product " + presented.gtin() + " has no batch " + lot
                    + ": do not dispense; report the pack.");
        }
        answer.batch = batch.get();
        if (presented.expiry() != null
                && !presented.expiry().lastDay().toString().equals(batch.get().expiryDate())) {
            return answer.judged(Verdict.EXPIRY_MISMATCH, "The pack says expiry " + presented.expiry().toIsoString()
                    + " but batch " + lot + " expires " + batch.get().expiryDate()
                    + ": do not dispense; report the pack.");
        }
        if (presented.serial() == null && Batches.isSerialised(ledger, presented.gtin(), lot)) {
            return answer.judged(Verdict.SERIAL_REQUIRED, "Batch " + lot + " is serialised: scan the pack's"
                    + " DataMatrix with its serial number. A pack of this batch without one is suspect: report it.");
        }
        if (product.get().isWithdrawn()) {
            return answer.judged(Verdict.WITHDRAWN, "The product is withdrawn from the market: do not dispense.");
        }
        if (batch.get().status() == BatchStatus.RECALLED) {
            return answer.judged(Verdict.RECALLED, "Batch " + lot + " is recalled: do not dispense; quarantine it.");
        }
        if (batch.get().status() != BatchStatus.RELEASED) {
            return answer.judged(Verdict.NOT_RELEASED, "Batch " + lot + " is " + batch.get().status()
                    + " and may not be sold.");
        }
        if (batch.get().isExpiredOn(ledger.today())) {
            return answer.judged(Verdict.EXPIRED, "Batch " + lot + " expired on " + batch.get().expiryDate()
                    + ": do not dispense.");
        }
        if (answer.pack != null && answer.pack.status() == PackStatus.SUPPLIED) {
            return answer.judged(Verdict.ALREADY_SUPPLIED, "This pack was dispensed already by "
                    + answer.pack.decommissionedBy() + " at " + answer.pack.decommissionedAt()
                    + ": do not dispense; report the pack.");
        }
        if (answer.pack != null && !answer.pack.status().isActive()) {
            return answer.judged(Verdict.DECOMMISSIONED, "This pack was decommissioned as "
                    + answer.pack.status() + " by " + answer.pack.decommissionedBy()
                    + ": do not dispense; report the pack.");
        }
        return answer.judged(Verdict.ACTIVE, answer.pack != null ? "Genuine and active: may be dispensed."
                : "The batch is genuine, released and unexpired; the pack carries no serial, so only the batch"
                        + " was checked.");
    }

    /** Collects what the checks found; the verdict reports all of it. */
    private static final class Answer {
        private final PresentedPack presented;
        private Product product;
        private Batch batch;
        private Pack pack;

        Answer(final PresentedPack presented) {
            this.presented = presented;
        }

        Judgement judged(final Verdict verdict, final String message) {
            final boolean packLevel = presented.serial() != null;
            final PackVerdict answer = new PackVerdict(verdict, message, packLevel ? "PACK" : "BATCH",
                    presented.gtin(), presented.serial(), presented.lot(), presented.expiryText(),
                    product == null ? null : product.name(),
                    pack == null ? (batch == null ? null : batch.lot()) : pack.lot(),
                    batch == null ? null : batch.expiryDate(),
                    batch == null ? null : batch.status().name(),
                    pack == null ? null : pack.status().name(),
                    pack != null ? pack.custodianGln() : (batch == null ? null : batch.ownerGln()),
                    pack == null ? null : pack.inTransit(),
                    pack == null ? null : pack.decommissionedBy(),
                    pack == null ? null : pack.decommissionedAt(),
                    pack != null ? pack.lastTxId() : (batch == null ? null : batch.lastTxId()),
                    pack != null ? pack.updatedAt() : (batch == null ? null : batch.updatedAt()));
            return new Judgement(answer, product, batch, pack);
        }
    }
}

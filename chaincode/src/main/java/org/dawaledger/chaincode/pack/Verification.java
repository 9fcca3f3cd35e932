package org.dawaledger.chaincode.pack;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.product.Prices;
import org.dawaledger.chaincode.product.Product;
import org.dawaledger.chaincode.product.RegulatedPrice;
import org.dawaledger.chaincode.product.Standing;

/**
 * Judges a presented pack against the ledger. Every check that can run does, and the verdict is the finding of
 * highest precedence ({@link Verdict}'s order): withdrawal and recall first, so that a pack read without its serial
 * still tells the pharmacist its batch is recalled; then whether the pack is one the ledger knows, with the lot and
 * expiry it was made with; then the batch's passing states; then the pack's own state.
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

        /** The first finding that points at a falsified or diverted pack, if any: what an alert is raised for. */
        public Optional<Verdict> alertingFinding() {
            return verdict.findings().stream().filter(Verdict::isAlerting).findFirst();
        }
    }

    /**
     * Verifies a pack. Reads only; anyone may call it.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if a field is malformed ({@code INVALID_ARGUMENT})
     */
    public static PackVerdict verify(final Ledger ledger, final String gtin, final String serial, final String lot,
            final String expiry) {
        return judge(ledger, PresentedPack.forVerification(gtin, serial, lot, expiry, ledger.today().getYear()))
                .verdict();
    }

    /** Judges a presented pack whose form is checked already. */
    public static Judgement judge(final Ledger ledger, final PresentedPack presented) {
        final Answer answer = new Answer(presented);
        final Optional<Product> product = ledger.read(ledger.key(Keys.PRODUCT, presented.gtin()), Product.class);
        if (product.isEmpty()) {
            answer.found(Verdict.UNKNOWN_PRODUCT, "No product with GTIN " + presented.gtin()
                    + " is registered: do not dispense; report the pack.");
            return answer.judged();
        }
        answer.product = product.get();
        answer.owner = ledger.read(ledger.key(Keys.PARTICIPANT, product.get().ownerGln()), Participant.class)
                .orElse(null);
        answer.price = Prices.inForce(ledger, product.get().gtin()).orElse(null);
        judgeProduct(answer, product.get());
        if (presented.isProductLevel()) {
            answer.found(Verdict.LOT_REQUIRED, "This read carries neither a serial nor a lot, so only the product "
                    + product.get().name() + " was checked, not the pack: scan the pack's DataMatrix, or enter the lot"
                    + " and expiry printed on it.");
            return answer.judged();
        }
        String lot = presented.lot();
        if (presented.serial() != null) {
            final Optional<Pack> pack = Packs.read(ledger, presented.gtin(), presented.serial());
            if (pack.isEmpty()) {
                answer.found(Verdict.UNKNOWN_SERIAL, "Serial " + presented.serial()
                        + " was never commissioned for this product: do not dispense; report the pack.");
            } else {
                answer.pack = pack.get();
                lot = pack.get().lot();
                if (presented.lot() != null && !presented.lot().equals(lot)) {
                    answer.found(Verdict.LOT_MISMATCH, "The pack says lot " + presented.lot()
                            + " but this serial belongs to lot " + lot + ": do not dispense; report the pack.");
                }
            }
        }
        if (lot != null) {
            final Optional<Batch> batch = ledger.read(ledger.key(Keys.BATCH, presented.gtin(), lot), Batch.class);
            if (batch.isEmpty()) {
                answer.found(Verdict.UNKNOWN_BATCH, "Product " + presented.gtin() + " has no batch " + lot
                        + ": do not dispense; report the pack.");
            } else {
                answer.batch = batch.get();
                judgeBatch(ledger, answer, batch.get());
            }
        }
        if (answer.pack != null) {
            judgePack(ledger, answer, answer.pack);
        }
        return answer.judged();
    }

    private static void judgeProduct(final Answer answer, final Product product) {
        if (product.isWithdrawn()) {
            answer.found(Verdict.WITHDRAWN, "The product was withdrawn from the market on "
                    + product.updatedAt() + " (" + product.statusReason() + "): do not dispense.");
        } else if (!product.isApproved()) {
            answer.found(Verdict.NOT_APPROVED, "Product " + product.gtin() + " is not approved for sale (its"
                    + " registration is " + product.status() + "): do not dispense; report the pack.");
        }
    }

    private static void judgeBatch(final Ledger ledger, final Answer answer, final Batch batch) {
        final PresentedPack presented = answer.presented;
        for (final Standing standing : Batches.reasonsNotToSell(ledger, batch)) {
            switch (standing) {
                case BATCH_RECALLED -> answer.found(Verdict.RECALLED, "Batch " + batch.lot() + " was recalled on "
                        + batch.updatedAt() + " (" + batch.statusReason() + "): do not dispense; quarantine the"
                        + " pack.");
                case BATCH_REJECTED, BATCH_NOT_RELEASED -> answer.found(Verdict.NOT_RELEASED, "Batch "
                        + batch.lot() + " is " + batch.status() + " and may not be sold.");
                case BATCH_EXPIRED -> answer.found(Verdict.EXPIRED, "Batch " + batch.lot() + " expired on "
                        + batch.expiryDate() + ": do not dispense.");
                default -> { } // the product's standing, judged already
            }
        }
        if (presented.expiry() != null && !presented.expiry().lastDay().toString().equals(batch.expiryDate())) {
            answer.found(Verdict.EXPIRY_MISMATCH, "The pack says expiry " + presented.expiry().toIsoString()
                    + " but batch " + batch.lot() + " expires " + batch.expiryDate()
                    + ": do not dispense; report the pack.");
        }
        if (presented.serial() == null && Batches.isSerialised(ledger, batch.gtin(), batch.lot())) {
            answer.found(Verdict.SERIAL_REQUIRED, "Batch " + batch.lot() + " is serialised: scan the pack's"
                    + " DataMatrix with its serial number. A pack of this batch without one is suspect: report it.");
        }
    }

    private static void judgePack(final Ledger ledger, final Answer answer, final Pack pack) {
        if (pack.status() == PackStatus.SUPPLIED) {
            answer.found(Verdict.ALREADY_SUPPLIED, "This pack was dispensed already by " + pack.decommissionedBy()
                    + " at " + pack.decommissionedAt() + ": do not dispense; report the pack.");
        } else if (!pack.status().isActive()) {
            answer.found(Verdict.DECOMMISSIONED, SuspectPacks.isHeldByRegulator(ledger, pack)
                    ? "The regulator holds this pack pending an investigation since " + pack.decommissionedAt()
                            + ": do not dispense; set it aside."
                    : "This pack was decommissioned as " + pack.status() + " by " + pack.decommissionedBy()
                            + ": do not dispense; report the pack.");
        }
    }

    /** Collects what the checks found; the verdict reports all of it. */
    private static final class Answer {
        private final PresentedPack presented;
        private final Map<Verdict, String> findings = new EnumMap<>(Verdict.class);
        private Product product;
        private Participant owner;
        private Batch batch;
        private Pack pack;
        private RegulatedPrice price;

        Answer(final PresentedPack presented) {
            this.presented = presented;
        }

        void found(final Verdict finding, final String sentence) {
            findings.putIfAbsent(finding, sentence);
        }

        Judgement judged() {
            final List<Verdict> found = new ArrayList<>(findings.keySet());
            final Verdict verdict = found.isEmpty() ? Verdict.ACTIVE : found.get(0);
            final String message = found.isEmpty()
                    ? (pack != null ? "Genuine and active: may be dispensed."
                            : "The batch is genuine, released and unexpired; the pack carries no serial, so only the"
                                    + " batch was checked.")
                    : String.join(" ", findings.values());
            final boolean recalled = findings.containsKey(Verdict.RECALLED);
            final boolean withdrawn = findings.containsKey(Verdict.WITHDRAWN);
            // A batch-level answer speaks for the batch; a pack-level one for the pack alone, if the ledger has it.
            final Batch batchLevel = presented.serial() == null ? batch : null;
            final PackVerdict answer = new PackVerdict(verdict, found, message,
                    presented.serial() != null ? "PACK" : presented.lot() != null ? "BATCH" : "PRODUCT",
                    presented.gtin(), presented.serial(), presented.lot(), presented.expiryText(),
                    product == null ? null : product.name(),
                    product == null ? null : product.status().name(),
                    product == null ? null : product.strength(),
                    product == null ? null : product.dosageForm(),
                    product == null ? null : product.registrationNumber(),
                    owner == null ? null : owner.legalName(),
                    owner == null ? null : owner.role().name(),
                    product == null ? null : product.foreignManufacturer(),
                    withdrawn ? product.statusReason() : null,
                    withdrawn ? product.updatedAt() : null,
                    pack != null ? pack.lot() : (batchLevel == null ? null : batchLevel.lot()),
                    batch == null ? null : batch.expiryDate(),
                    batch == null ? null : batch.status().name(),
                    recalled ? batch.statusReason() : null,
                    recalled ? batch.updatedAt() : null,
                    pack == null ? null : pack.status().name(),
                    pack != null ? pack.custodianGln() : (batchLevel == null ? null : batchLevel.ownerGln()),
                    pack == null ? null : pack.inTransit(),
                    pack == null ? null : pack.decommissionedBy(),
                    pack == null ? null : pack.decommissionedAt(),
                    batchLevel == null ? null : batchLevel.lastTxId(),
                    pack != null ? pack.updatedAt() : (batchLevel == null ? null : batchLevel.updatedAt()),
                    price);
            return new Judgement(answer, product, batch, pack);
        }
    }
}

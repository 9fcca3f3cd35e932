package org.dawaledger.chaincode.custody;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Json;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.ledger.Page;
import org.dawaledger.chaincode.pack.Pack;
import org.dawaledger.chaincode.pack.PackAction;
import org.dawaledger.chaincode.pack.PackStatus;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.chaincode.pack.SuspectPacks;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.ParticipantStatus;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.BatchUse;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.stock.Stock;
import org.dawaledger.chaincode.stock.StockHolding;

/** Rules for moving stock between licensed parties: ship, receive, reject, cancel. */
public final class Custody {
    private Custody() {
    }

    /**
     * Ships packs and batch-level units to another licensed party, all or none. The packs stay in the shipper's
     * custody, IN_TRANSIT, until the receiver receives or rejects the shipment.
     *
     * @param contentsJson
     *     {@code {"packs":[{"gtin":…,"serial":…}],"quantities":[{"gtin":…,"lot":…,"quantity":n}]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active supply-chain party, the
     *     receiver is unknown ({@code PARTICIPANT_NOT_FOUND}), not an active supply-chain party or the caller itself
     *     ({@code RECEIVER_NOT_ELIGIBLE}), a pack is unknown, held by
     *     another party ({@code NOT_CUSTODIAN}), inactive ({@code PACK_NOT_ACTIVE}) or in transit
     *     ({@code PACK_IN_TRANSIT}), its batch may not be sold (recalled, not released, expired, withdrawn), the
     *     caller holds too few units ({@code INSUFFICIENT_STOCK}), units are shipped of a serialised batch
     *     ({@code BATCH_SERIALISATION_CONFLICT}), or the contents are empty, repeated or too many
     */
    public static Shipment ship(final Ledger ledger, final String receiverGln, final String contentsJson) {
        final Participant shipper = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER,
                Role.DISTRIBUTOR, Role.PHARMACY);
        final String receiverId = Arguments.gln("receiverGln", receiverGln);
        final ShipmentContents contents = contents(contentsJson);
        final Participant receiver = requireEligibleReceiver(ledger, shipper, receiverId);
        prefetch(ledger, contents);
        final String shipmentId = ledger.txId();
        final List<PackRef> packRefs = new ArrayList<>();
        final List<Pack> moving = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < contents.packs().size(); i++) {
            final Pack pack = listedPack(ledger, contents.packs().get(i), i, seen);
            requireMovable(pack, shipper);
            Batches.require(ledger, Batches.find(ledger, pack.gtin(), pack.lot()), BatchUse.SALE);
            packRefs.add(new PackRef(pack.gtin(), pack.serial()));
            moving.add(pack);
        }
        final List<BatchQuantity> quantities = new ArrayList<>();
        for (int i = 0; i < contents.quantities().size(); i++) {
            final BatchQuantity line = listedQuantity(ledger, contents.quantities().get(i), i, seen);
            final Batch batch = Batches.find(ledger, line.gtin(), line.lot());
            if (Batches.isSerialised(ledger, batch.gtin(), batch.lot())) {
                throw ErrorCode.BATCH_SERIALISATION_CONFLICT.exception(
                        "batch %s/%s is serialised: ship its packs by serial", batch.gtin(), batch.lot());
            }
            Batches.require(ledger, batch, BatchUse.SALE);
            Stock.take(ledger, batch.gtin(), batch.lot(), shipper.gln(), line.quantity());
            quantities.add(line);
        }
        for (final Pack pack : moving) {
            Packs.store(ledger, pack.changed(pack.status(), pack.custodianGln(), shipmentId, receiver.gln(), PackAction.SHIPPED,
                            shipper.gln(), ledger.nowText()));
        }
        final Shipment shipment = new Shipment(shipmentId, shipper.gln(), receiver.gln(), packRefs, quantities,
                ShipmentStatus.IN_TRANSIT, null, ledger.nowText(), null, ledger.txId());
        ledger.write(ledger.key(Keys.SHIPMENT, shipmentId), shipment);
        ledger.mark(receiverKey(ledger, shipment));
        ledger.emit(LedgerEvent.of(ledger, "ShipmentDispatched", shipper.gln(), Map.of("shipment", shipment)));
        return shipment;
    }

    /**
     * The receiver takes a shipment: its packs and units pass into the receiver's custody.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, the shipment
     *     is unknown ({@code SHIPMENT_NOT_FOUND}), addressed to another party ({@code NOT_RECEIVER}) or not IN_TRANSIT
     *     ({@code SHIPMENT_NOT_IN_TRANSIT})
     */
    public static Shipment receive(final Ledger ledger, final String shipmentId) {
        return close(ledger, shipmentId, ShipmentStatus.RECEIVED, null);
    }

    /**
     * The receiver refuses a shipment: its packs and units go back to the shipper.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException as {@link #receive}, or if the reason is missing
     */
    public static Shipment reject(final Ledger ledger, final String shipmentId, final String reason) {
        return close(ledger, shipmentId, ShipmentStatus.REJECTED, reason);
    }

    /**
     * Calls back a shipment its receiver can no longer take: its packs and units go back to the shipper. The regulator
     * may cancel any shipment in transit; the shipper only once the receiver is no longer ACTIVE (suspended or
     * revoked), since otherwise the receiver decides.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, the shipment
     *     is unknown ({@code SHIPMENT_NOT_FOUND}) or not IN_TRANSIT ({@code SHIPMENT_NOT_IN_TRANSIT}), the caller may
     *     not cancel it ({@code CANCEL_NOT_ALLOWED}), or the reason is missing
     */
    public static Shipment cancel(final Ledger ledger, final String shipmentId, final String reason) {
        final Participant caller = Participants.requireCaller(ledger);
        final Shipment shipment = find(ledger, shipmentId);
        final boolean regulator = caller.role() == Role.REGULATOR;
        if (!regulator && !caller.gln().equals(shipment.shipperGln())) {
            throw ErrorCode.CANCEL_NOT_ALLOWED.exception("only the shipper or the regulator may cancel shipment %s",
                    shipment.shipmentId());
        }
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        requireInTransit(shipment);
        if (!regulator && Participants.find(ledger, shipment.receiverGln()).isActive()) {
            throw ErrorCode.CANCEL_NOT_ALLOWED.exception("receiver %s is active and decides on shipment %s",
                    shipment.receiverGln(), shipment.shipmentId());
        }
        return settle(ledger, caller, shipment, ShipmentStatus.CANCELLED, checkedReason);
    }

    /**
     * A shipment. For its shipper, its receiver and the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if unknown ({@code SHIPMENT_NOT_FOUND}) or the caller is
     *     another party ({@code ACCESS_DENIED})
     */
    public static Shipment get(final Ledger ledger, final String shipmentId) {
        final Participant caller = Participants.requireCaller(ledger);
        final Shipment shipment = find(ledger, shipmentId);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(shipment.shipperGln())
                && !caller.gln().equals(shipment.receiverGln())) {
            throw ErrorCode.ACCESS_DENIED.exception("only the shipper, the receiver and the regulator may read"
                    + " shipment %s", shipment.shipmentId());
        }
        return shipment;
    }

    /**
     * The shipments addressed to a party, a page at a time. With a status, only those in it; without one, all of them,
     * grouped by status in key order (CANCELLED, IN_TRANSIT, RECEIVED, REJECTED). Within a status, oldest dispatch
     * first. For the receiver and the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, is another
     *     party ({@code ACCESS_DENIED}), or an argument is invalid (a bookmark of another listing included)
     */
    public static Page<Shipment> listByReceiver(final Ledger ledger, final String receiverGln, final String status,
            final String pageSize, final String bookmark) {
        final Participant caller = Participants.requireCaller(ledger);
        final String gln = Arguments.gln("receiverGln", receiverGln);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(gln)) {
            throw ErrorCode.ACCESS_DENIED.exception("only the receiver and the regulator may list the shipments to"
                    + " %s", gln);
        }
        final String[] range = status == null || status.isEmpty() ? new String[] {gln}
                : new String[] {gln, Arguments.oneOf("status", status, ShipmentStatus.class).name()};
        return ledger.page(Keys.SHIPMENT_BY_RECEIVER, range, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> find(ledger, ledger.attributesOf(keyValue.getKey()).get(3)));
    }

    /**
     * The regulator moves stock out of a revoked party's custody to another licensed party, for example one that
     * destroys medicines: packs (ACTIVE or LOCKED, whatever their batch's standing) and batch-level units, all or
     * none, at once and without a receipt. Each pack's history records the move; a lock the revoked party set on a
     * pack passes to the receiver, one the regulator set stays the regulator's. Shipments to or from the revoked
     * party that are still in transit are cancelled first ({@code CancelShipment}).
     *
     * @param contentsJson as for {@link #ship}
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the holder is
     *     not revoked ({@code HOLDER_NOT_REVOKED}), the receiver is not an active supply-chain party or is the holder
     *     ({@code RECEIVER_NOT_ELIGIBLE}), a pack is unknown, held by another party ({@code NOT_CUSTODIAN}), in
     *     transit ({@code PACK_IN_TRANSIT}) or gone from the supply chain ({@code PACK_NOT_ACTIVE}), the holder holds
     *     too few units ({@code INSUFFICIENT_STOCK}), or the contents or reason are malformed
     */
    public static CustodyTransfer transfer(final Ledger ledger, final String holderGln, final String receiverGln,
            final String contentsJson, final String reason) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Participant holder = Participants.find(ledger, Arguments.gln("holderGln", holderGln));
        final String receiverId = Arguments.gln("receiverGln", receiverGln);
        final ShipmentContents contents = contents(contentsJson);
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (holder.status() != ParticipantStatus.REVOKED) {
            throw ErrorCode.HOLDER_NOT_REVOKED.exception("%s is %s: the regulator moves only a revoked party's stock",
                    holder.gln(), holder.status());
        }
        final Participant receiver = requireEligibleReceiver(ledger, holder, receiverId);
        prefetch(ledger, contents);
        final List<Pack> moving = new ArrayList<>();
        final List<PackRef> packRefs = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < contents.packs().size(); i++) {
            final Pack pack = listedPack(ledger, contents.packs().get(i), i, seen);
            if (!pack.custodianGln().equals(holder.gln())) {
                throw ErrorCode.NOT_CUSTODIAN.exception("pack %s/%s is held by %s, not by %s", pack.gtin(),
                        pack.serial(), pack.custodianGln(), holder.gln());
            }
            if (pack.inTransit()) {
                throw ErrorCode.PACK_IN_TRANSIT.exception("pack %s/%s is in shipment %s: cancel it first",
                        pack.gtin(), pack.serial(), pack.shipmentId());
            }
            if (!pack.status().isActive() && pack.status() != PackStatus.LOCKED) {
                throw ErrorCode.PACK_NOT_ACTIVE.exception("pack %s/%s is %s, gone from the supply chain", pack.gtin(),
                        pack.serial(), pack.status());
            }
            moving.add(pack);
            packRefs.add(new PackRef(pack.gtin(), pack.serial()));
        }
        final List<BatchQuantity> quantities = new ArrayList<>();
        for (int i = 0; i < contents.quantities().size(); i++) {
            final BatchQuantity line = listedQuantity(ledger, contents.quantities().get(i), i, seen);
            Stock.take(ledger, line.gtin(), line.lot(), holder.gln(), line.quantity());
            Stock.add(ledger, line.gtin(), line.lot(), receiver.gln(), line.quantity());
            quantities.add(line);
        }
        for (final Pack pack : moving) {
            final boolean custodiansLock = pack.status() == PackStatus.LOCKED
                    && !SuspectPacks.isHeldByRegulator(ledger, pack);
            Packs.store(ledger, pack.transferredTo(receiver.gln(), custodiansLock, regulator.gln(), ledger.nowText()));
        }
        final CustodyTransfer transfer = new CustodyTransfer(ledger.txId(), holder.gln(), receiver.gln(), packRefs,
                quantities, checkedReason, ledger.nowText());
        ledger.emit(LedgerEvent.of(ledger, "CustodyTransferred", regulator.gln(), Map.of("transfer", transfer)));
        return transfer;
    }

    /**
     * A party's batch-level holding of a batch. For the holder, the batch's owner and the regulator.
     *
     * @return the holding; quantity 0 when the party holds none
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, an argument
     *     is malformed, the batch is unknown ({@code BATCH_NOT_FOUND}) or the caller is another party
     *     ({@code ACCESS_DENIED})
     */
    public static StockHolding holding(final Ledger ledger, final String gtin, final String lot,
            final String holderGln) {
        final Participant caller = Participants.requireCaller(ledger);
        final Batch batch = Batches.get(ledger, gtin, lot);
        final String holder = Arguments.gln("holderGln", holderGln);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(holder)
                && !caller.gln().equals(batch.ownerGln())) {
            throw ErrorCode.ACCESS_DENIED.exception("only the holder, the batch's owner and the regulator may read"
                    + " this holding");
        }
        return Stock.holding(ledger, batch.gtin(), batch.lot(), holder);
    }

    private static Shipment close(final Ledger ledger, final String shipmentId, final ShipmentStatus outcome,
            final String reason) {
        final Participant caller = Participants.requireCaller(ledger);
        final Shipment shipment = find(ledger, shipmentId);
        final String checkedReason = outcome == ShipmentStatus.REJECTED
                ? Arguments.text("reason", reason, Arguments.MAX_TEXT) : null;
        if (!shipment.receiverGln().equals(caller.gln())) {
            throw ErrorCode.NOT_RECEIVER.exception("shipment %s is addressed to %s, not to %s",
                    shipment.shipmentId(), shipment.receiverGln(), caller.gln());
        }
        requireInTransit(shipment);
        return settle(ledger, caller, shipment, outcome, checkedReason);
    }

    /** Ends a shipment in transit: to the receiver when received, else back to the shipper. */
    private static Shipment settle(final Ledger ledger, final Participant caller, final Shipment shipment,
            final ShipmentStatus outcome, final String checkedReason) {
        final boolean received = outcome == ShipmentStatus.RECEIVED;
        final String newHolder = received ? shipment.receiverGln() : shipment.shipperGln();
        Packs.prefetch(ledger, shipment.packs().stream().map(ref -> new String[] {ref.gtin(), ref.serial()}).toList());
        for (final PackRef ref : shipment.packs()) {
            final Pack pack = Packs.find(ledger, ref.gtin(), ref.serial());
            Packs.store(ledger, pack.changed(pack.status(), newHolder, null, null,
                            received ? PackAction.RECEIVED : PackAction.RETURNED, caller.gln(), ledger.nowText()));
        }
        for (final BatchQuantity line : shipment.quantities()) {
            Stock.add(ledger, line.gtin(), line.lot(), newHolder, line.quantity());
        }
        final Shipment closed = shipment.closed(outcome, checkedReason, ledger.nowText(), ledger.txId());
        ledger.write(ledger.key(Keys.SHIPMENT, shipment.shipmentId()), closed);
        ledger.delete(receiverKey(ledger, shipment));
        ledger.mark(receiverKey(ledger, closed));
        final String eventType = switch (outcome) {
            case RECEIVED -> "ShipmentReceived";
            case REJECTED -> "ShipmentRejected";
            default -> "ShipmentCancelled";
        };
        ledger.emit(LedgerEvent.of(ledger, eventType, caller.gln(), Map.of("shipment", closed)));
        return closed;
    }

    /** The shipment~receiver index entry of a shipment in its current status. */
    private static String receiverKey(final Ledger ledger, final Shipment shipment) {
        return ledger.key(Keys.SHIPMENT_BY_RECEIVER, shipment.receiverGln(), shipment.status().name(),
                Ledger.sortable(shipment.shippedAt()), shipment.shipmentId());
    }

    private static Shipment find(final Ledger ledger, final String shipmentId) {
        final String id = Arguments.text("shipmentId", shipmentId, 128);
        return ledger.read(ledger.key(Keys.SHIPMENT, id), Shipment.class).orElseThrow(
                () -> ErrorCode.SHIPMENT_NOT_FOUND.exception("no shipment has id %s", id));
    }

    private static void prefetch(final Ledger ledger, final ShipmentContents contents) {
        Packs.prefetch(ledger, contents.packs().stream().filter(java.util.Objects::nonNull)
                .map(ref -> new String[] {ref.gtin(), ref.serial()}).toList());
    }

    private static ShipmentContents contents(final String contentsJson) {
        final ShipmentContents contents = Json.readArgument("contents", contentsJson,
                new TypeReference<ShipmentContents>() {
                });
        final int items = contents.packs().size() + contents.quantities().size();
        if (items == 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception("contents must name at least one pack or quantity");
        }
        if (items > Packs.MAX_PACKS_PER_CALL) {
            throw ErrorCode.TOO_MANY_ITEMS.exception("%d items in one call; at most %d", items,
                    Packs.MAX_PACKS_PER_CALL);
        }
        return contents;
    }

    /** Receivers are other active licensed supply-chain parties. */
    private static Participant requireEligibleReceiver(final Ledger ledger, final Participant sender,
            final String receiverGln) {
        final Participant receiver = Participants.find(ledger, receiverGln);
        if (receiver.gln().equals(sender.gln()) || !receiver.isActive() || !receiver.role().holdsStock()) {
            throw ErrorCode.RECEIVER_NOT_ELIGIBLE.exception(
                    "%s (%s, %s) cannot receive this stock: receivers are other active licensed supply-chain"
                            + " parties", receiver.gln(), receiver.role(), receiver.status());
        }
        return receiver;
    }

    /** The pack a contents line names, once per call. */
    private static Pack listedPack(final Ledger ledger, final PackRef ref, final int index, final Set<String> seen) {
        if (ref == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("packs[%d] is empty", index);
        }
        final String gtin = Arguments.gtin("packs[" + index + "].gtin", ref.gtin());
        final String serial = Arguments.serial("packs[" + index + "].serial", ref.serial());
        if (!seen.add(gtin + "/" + serial)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pack %s/%s appears twice in this call", gtin, serial);
        }
        return Packs.find(ledger, gtin, serial);
    }

    /** A contents line of batch-level units of a known batch, once per call. */
    private static BatchQuantity listedQuantity(final Ledger ledger, final BatchQuantity line, final int index,
            final Set<String> seen) {
        if (line == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("quantities[%d] is empty", index);
        }
        final Batch batch = Batches.get(ledger, line.gtin(), line.lot());
        if (!seen.add(batch.gtin() + "|" + batch.lot())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("batch %s/%s appears twice in this call", batch.gtin(),
                    batch.lot());
        }
        if (line.quantity() < 1) {
            throw ErrorCode.INVALID_ARGUMENT.exception("quantities[%d].quantity must be at least 1", index);
        }
        return new BatchQuantity(batch.gtin(), batch.lot(), line.quantity());
    }

    private static void requireInTransit(final Shipment shipment) {
        if (shipment.status() != ShipmentStatus.IN_TRANSIT) {
            throw ErrorCode.SHIPMENT_NOT_IN_TRANSIT.exception("shipment %s is %s already", shipment.shipmentId(),
                    shipment.status());
        }
    }

    private static void requireMovable(final Pack pack, final Participant shipper) {
        if (!pack.custodianGln().equals(shipper.gln())) {
            throw ErrorCode.NOT_CUSTODIAN.exception("pack %s/%s is held by %s, not by %s", pack.gtin(),
                    pack.serial(), pack.custodianGln(), shipper.gln());
        }
        if (!pack.status().isActive()) {
            throw ErrorCode.PACK_NOT_ACTIVE.exception("pack %s/%s is %s", pack.gtin(), pack.serial(),
                    pack.status());
        }
        if (pack.inTransit()) {
            throw ErrorCode.PACK_IN_TRANSIT.exception("pack %s/%s is in shipment %s", pack.gtin(), pack.serial(),
                    pack.shipmentId());
        }
    }
}

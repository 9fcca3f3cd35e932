package org.dawaledger.chaincode.pack;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Json;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.BatchUse;
import org.dawaledger.chaincode.product.Batches;
import org.dawaledger.chaincode.stock.Stock;
import org.dawaledger.gs1.Gs1Text;
import org.dawaledger.gs1.Gtin;

/** Rules for commissioning: giving a batch's packs their serial numbers. */
public final class Packs {
    /**
     * Most packs one call may name. Commissioning a million-pack batch takes 100 calls of this size; the network
     * benchmark measures which size is fastest.
     */
    public static final int MAX_PACKS_PER_CALL = 10_000;

    private Packs() {
    }

    /**
     * Commissions serial numbers in a batch, all or none. Each serial turns one of the owner's batch-level units into
     * a serialised ACTIVE pack, so a batch never holds more packs than its quantity.
     *
     * @param serialsJson a JSON array of serials, e.g. {@code ["A1","A2"]}
     * @return a summary: gtin, lot, commissioned, unserialisedRemaining
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not the batch's active owner, the
     *     batch is recalled, rejected or expired, the product withdrawn, units of the batch moved without serials
     *     already ({@code BATCH_SERIALISATION_CONFLICT}), a serial is malformed, repeated
     *     ({@code DUPLICATE_SERIAL}) or commissioned already for this GTIN ({@code SERIAL_ALREADY_COMMISSIONED}),
     *     there are more than {@value #MAX_PACKS_PER_CALL} ({@code TOO_MANY_ITEMS}), or more than the units of the
     *     batch the owner still holds unserialised ({@code INSUFFICIENT_STOCK}; units shipped without serials are
     *     gone from that holding)
     */
    public static Map<String, Object> commission(final Ledger ledger, final String gtin, final String lot,
            final String serialsJson) {
        final Participant owner = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER);
        final Batch batch = Batches.get(ledger, gtin, lot);
        final List<String> serials = Json.readArgument("serials", serialsJson, new TypeReference<List<String>>() {
        });
        if (serials.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("serials must name at least one serial");
        }
        if (serials.size() > MAX_PACKS_PER_CALL) {
            throw ErrorCode.TOO_MANY_ITEMS.exception("%d serials in one call; at most %d", serials.size(),
                    MAX_PACKS_PER_CALL);
        }
        if (!batch.ownerGln().equals(owner.gln())) {
            throw ErrorCode.NOT_OWNER.exception("batch %s/%s belongs to %s", batch.gtin(), batch.lot(),
                    batch.ownerGln());
        }
        Batches.require(ledger, batch, BatchUse.COMMISSIONING);
        if (!Batches.isSerialised(ledger, batch.gtin(), batch.lot())
                && Stock.held(ledger, batch.gtin(), batch.lot(), owner.gln()) < batch.quantity()) {
            throw ErrorCode.BATCH_SERIALISATION_CONFLICT.exception(
                    "units of batch %s/%s have moved without serials already, so its packs cannot be serialised now",
                    batch.gtin(), batch.lot());
        }
        final Set<String> seen = new HashSet<>();
        final List<String> checked = new ArrayList<>(serials.size());
        for (int i = 0; i < serials.size(); i++) {
            final String serial = Arguments.serial("serials[" + i + "]", serials.get(i));
            if (!seen.add(serial)) {
                throw ErrorCode.DUPLICATE_SERIAL.exception("serial %s appears twice in this call", serial);
            }
            checked.add(serial);
        }
        ledger.prefetch(checked.stream().map(serial -> ledger.key(Keys.PACK, batch.gtin(), serial)).toList());
        for (final String serial : checked) {
            if (ledger.exists(ledger.key(Keys.PACK, batch.gtin(), serial))) {
                throw ErrorCode.SERIAL_ALREADY_COMMISSIONED.exception(
                        "serial %s of GTIN %s is commissioned already", serial, batch.gtin());
            }
        }
        Stock.take(ledger, batch.gtin(), batch.lot(), owner.gln(), checked.size());
        Batches.markSerialised(ledger, batch);
        for (final String serial : checked) {
            ledger.write(ledger.key(Keys.PACK, batch.gtin(), serial),
                    new Pack(batch.gtin(), serial, batch.lot(), PackStatus.ACTIVE, owner.gln(), null, null, null,
                            null, PackAction.COMMISSIONED, owner.gln(), ledger.nowText()).state());
        }
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("gtin", batch.gtin());
        summary.put("lot", batch.lot());
        summary.put("commissioned", checked.size());
        summary.put("unserialisedRemaining", Stock.held(ledger, batch.gtin(), batch.lot(), owner.gln()));
        final Map<String, Object> data = new LinkedHashMap<>(summary);
        data.put("serials", checked);
        data.put("custodianGln", owner.gln());
        data.put("status", PackStatus.ACTIVE.name());
        ledger.emit(LedgerEvent.of(ledger, "PacksCommissioned", owner.gln(), data));
        return summary;
    }

    /**
     * The pack with this (checked) GTIN and serial.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if there is none ({@code PACK_NOT_FOUND})
     */
    public static Pack find(final Ledger ledger, final String gtin, final String serial) {
        return read(ledger, gtin, serial).orElseThrow(
                () -> ErrorCode.PACK_NOT_FOUND.exception("GTIN %s has no pack with serial %s", gtin, serial));
    }

    /** The pack with this (checked) GTIN and serial, if there is one. */
    public static Optional<Pack> read(final Ledger ledger, final String gtin, final String serial) {
        return ledger.read(key(ledger, gtin, serial), PackState.class).map(state -> state.toPack(gtin, serial));
    }

    /** Writes a pack in the form the world state keeps. */
    public static void store(final Ledger ledger, final Pack pack) {
        ledger.write(key(ledger, pack.gtin(), pack.serial()), pack.state());
    }

    /** The key of the pack with this (checked) GTIN and serial. */
    public static String key(final Ledger ledger, final String gtin, final String serial) {
        return ledger.key(Keys.PACK, gtin, serial);
    }

    /**
     * Reads the packs of a many-pack call ahead, in as few requests to the peer as it allows. Items whose GTIN or
     * serial is malformed are left out: the rule refuses them when it reaches them.
     */
    public static void prefetch(final Ledger ledger, final List<String[]> gtinsAndSerials) {
        final List<String> keys = new ArrayList<>(gtinsAndSerials.size());
        for (final String[] item : gtinsAndSerials) {
            if (item[0] != null && item[1] != null && Gtin.isValid(item[0])
                    && Gs1Text.isValid(item[1])) {
                keys.add(key(ledger, Gtin.parse(item[0]).value(), item[1]));
            }
        }
        ledger.prefetch(keys);
    }
}

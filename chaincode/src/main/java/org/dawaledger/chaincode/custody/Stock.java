package org.dawaledger.chaincode.custody;

import org.dawaledger.chaincode.ErrorCode;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Batch;
import org.dawaledger.chaincode.product.Batches;

/** Batch-level holdings: units without serial numbers, counted per batch and holder. */
public final class Stock {
    private Stock() {
    }

    /**
     * A party's batch-level holding of a batch. For the holder, the batch's owner and the regulator.
     *
     * @return the holding; quantity 0 when the party holds none
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, an argument
     *     is malformed, the batch is unknown ({@code BATCH_NOT_FOUND}) or the caller is another party
     *     ({@code ACCESS_DENIED})
     */
    public static StockHolding get(final Ledger ledger, final String gtin, final String lot,
            final String holderGln) {
        final Participant caller = Participants.requireCaller(ledger);
        final Batch batch = Batches.get(ledger, gtin, lot);
        final String holder = Arguments.gln("holderGln", holderGln);
        if (caller.role() != Role.REGULATOR && !caller.gln().equals(holder)
                && !caller.gln().equals(batch.ownerGln())) {
            throw ErrorCode.ACCESS_DENIED.exception("only the holder, the batch's owner and the regulator may read"
                    + " this holding");
        }
        return new StockHolding(batch.gtin(), batch.lot(), holder, held(ledger, batch.gtin(), batch.lot(), holder));
    }

    /** How many units of the batch the party holds. */
    public static long held(final Ledger ledger, final String gtin, final String lot, final String holderGln) {
        return ledger.read(ledger.key(Keys.STOCK, gtin, lot, holderGln), StockHolding.class)
                .map(StockHolding::quantity).orElse(0L);
    }

    public static void add(final Ledger ledger, final String gtin, final String lot, final String holderGln,
            final long units) {
        final long now = held(ledger, gtin, lot, holderGln);
        ledger.write(ledger.key(Keys.STOCK, gtin, lot, holderGln),
                new StockHolding(gtin, lot, holderGln, Math.addExact(now, units)));
    }

    /**
     * Takes units out of a holding.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the party holds fewer ({@code INSUFFICIENT_STOCK})
     */
    public static void take(final Ledger ledger, final String gtin, final String lot, final String holderGln,
            final long units) {
        final long now = held(ledger, gtin, lot, holderGln);
        if (now < units) {
            throw ErrorCode.INSUFFICIENT_STOCK.exception(
                    "%s holds %d unserialised units of batch %s/%s, fewer than the %d asked for", holderGln, now,
                    gtin, lot, units);
        }
        final String key = ledger.key(Keys.STOCK, gtin, lot, holderGln);
        if (now == units) {
            ledger.delete(key);
        } else {
            ledger.write(key, new StockHolding(gtin, lot, holderGln, now - units));
        }
    }
}

package org.dawaledger.chaincode.stock;

import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;

/**
 * Batch-level holdings: units without serial numbers, counted per batch and holder. This is bookkeeping only; who
 * may move units, and when, is decided by the rules that call it ({@code product}, {@code pack}, {@code custody}).
 */
public final class Stock {
    private Stock() {
    }

    /** How many units of the batch the party holds. */
    public static long held(final Ledger ledger, final String gtin, final String lot, final String holderGln) {
        return ledger.read(ledger.key(Keys.STOCK, gtin, lot, holderGln), StockHolding.class)
                .map(StockHolding::quantity).orElse(0L);
    }

    /** The party's holding of the batch; quantity 0 when it holds none. */
    public static StockHolding holding(final Ledger ledger, final String gtin, final String lot,
            final String holderGln) {
        return new StockHolding(gtin, lot, holderGln, held(ledger, gtin, lot, holderGln));
    }

    /** Adds units to a holding. */
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

package org.dawaledger.chaincode.product;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;

/**
 * The regulator's maximum retail prices. Each product's prices are one record, {@code price} [gtin], so VerifyPack,
 * which runs for every scan, finds the price in force with one point read.
 */
public final class Prices {
    /** The highest price a pack may be given: ten crore rupees. */
    public static final long MAX_PAISA = 10_000_000_000L;
    /** The most prices one product's history holds; a correction of a date replaces its price and adds none. */
    public static final int MAX_PRICES = 100;

    private Prices() {
    }

    /**
     * Records the maximum retail price of a product's pack from a date on. A date in the past is allowed (a
     * notification recorded late, or a correction); a price for a date that has one already replaces it.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the product is
     *     unknown ({@code PRODUCT_NOT_FOUND}), withdrawn ({@code PRODUCT_WITHDRAWN}) or not approved
     *     ({@code PRODUCT_NOT_APPROVED}), its history is full ({@code TOO_MANY_ITEMS}), or an argument is invalid
     *     ({@code INVALID_ARGUMENT})
     */
    public static PriceHistory set(final Ledger ledger, final String gtin, final String paisa,
            final String effectiveFrom, final String reference) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Product product = Products.find(ledger, Arguments.gtin("gtin", gtin));
        final long checkedPaisa = Arguments.positive("paisa", paisa, MAX_PAISA);
        final LocalDate from = Arguments.date("effectiveFrom", effectiveFrom);
        final String checkedReference = Arguments.text("reference", reference, Arguments.MAX_REFERENCE);
        if (product.isWithdrawn()) {
            throw ErrorCode.PRODUCT_WITHDRAWN.exception("product %s is withdrawn: it has no price", product.gtin());
        }
        if (!product.isApproved()) {
            throw ErrorCode.PRODUCT_NOT_APPROVED.exception("product %s is %s: only an approved product is priced",
                    product.gtin(), product.status());
        }
        final RegulatedPrice price = new RegulatedPrice(from.toString(), checkedPaisa, checkedReference,
                ledger.nowText(), regulator.gln(), ledger.txId());
        final List<RegulatedPrice> prices = new ArrayList<>(history(ledger, product.gtin())
                .map(PriceHistory::prices).orElse(List.of()));
        final Optional<RegulatedPrice> replaced = prices.stream()
                .filter(p -> p.effectiveFrom().equals(price.effectiveFrom())).findFirst();
        replaced.ifPresent(prices::remove);
        if (prices.size() >= MAX_PRICES) {
            throw ErrorCode.TOO_MANY_ITEMS.exception("product %s has %d prices already, the most the ledger keeps",
                    product.gtin(), MAX_PRICES);
        }
        int at = 0;
        while (at < prices.size() && prices.get(at).effectiveFrom().compareTo(price.effectiveFrom()) > 0) {
            at++;
        }
        prices.add(at, price);
        final PriceHistory history = new PriceHistory(product.gtin(), prices);
        ledger.write(ledger.key(Keys.PRICE, product.gtin()), history);
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("gtin", product.gtin());
        data.put("price", price);
        replaced.ifPresent(old -> data.put("replaced", old));
        ledger.emit(LedgerEvent.of(ledger, "RegulatedPriceSet", regulator.gln(), data));
        return history;
    }

    /** A product's prices, if the regulator set any; the GTIN is checked already. */
    public static Optional<PriceHistory> history(final Ledger ledger, final String gtin) {
        return ledger.read(ledger.key(Keys.PRICE, gtin), PriceHistory.class);
    }

    /** The price in force today (the transaction's UTC date), if any. */
    public static Optional<RegulatedPrice> inForce(final Ledger ledger, final String gtin) {
        return history(ledger, gtin).flatMap(h -> h.inForceOn(ledger.today()));
    }
}

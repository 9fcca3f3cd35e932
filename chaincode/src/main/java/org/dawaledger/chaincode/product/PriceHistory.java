package org.dawaledger.chaincode.product;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Every regulated price of a product, newest effective date first, one per date, in one record: a verification
 * then finds the price in force with one read.
 *
 * @param gtin the product's 14-digit GTIN
 * @param prices the prices, newest {@code effectiveFrom} first
 */
@DataType
public record PriceHistory(
        @Property String gtin,
        @Property List<RegulatedPrice> prices) {

    public PriceHistory {
        prices = List.copyOf(prices);
    }

    /** The price in force on a day: the latest that took effect on or before it. */
    public Optional<RegulatedPrice> inForceOn(final LocalDate day) {
        final String date = day.toString();
        // ISO dates of four-digit years sort as text in date order.
        return prices.stream().filter(price -> price.effectiveFrom().compareTo(date) <= 0).findFirst();
    }
}

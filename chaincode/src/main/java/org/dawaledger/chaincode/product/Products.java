package org.dawaledger.chaincode.product;

import java.util.Map;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;

/** Rules for products: who registers them and how they leave the market. */
public final class Products {
    private Products() {
    }

    /**
     * Registers a product; the caller becomes its owner.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active manufacturer or importer,
     *     the GTIN is taken ({@code PRODUCT_ALREADY_EXISTS}) or an argument is invalid ({@code INVALID_ARGUMENT})
     */
    public static Product register(final Ledger ledger, final String gtin, final String name,
            final String strength, final String dosageForm, final String registrationNumber) {
        final Participant owner = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER);
        final String checkedGtin = Arguments.gtin("gtin", gtin);
        final Product product = new Product(checkedGtin, Arguments.text("name", name, Arguments.MAX_TEXT),
                Arguments.text("strength", strength, Arguments.MAX_REFERENCE),
                Arguments.text("dosageForm", dosageForm, Arguments.MAX_REFERENCE),
                Arguments.text("registrationNumber", registrationNumber, Arguments.MAX_REFERENCE), owner.gln(),
                ProductStatus.ACTIVE, null, ledger.nowText(), ledger.nowText(), ledger.txId());
        final String key = ledger.key(Keys.PRODUCT, checkedGtin);
        if (ledger.exists(key)) {
            throw ErrorCode.PRODUCT_ALREADY_EXISTS.exception("GTIN %s is registered already", checkedGtin);
        }
        ledger.write(key, product);
        ledger.emit(LedgerEvent.of(ledger, "ProductRegistered", owner.gln(), Map.of("product", product)));
        return product;
    }

    /**
     * Withdraws a product from the market, for good: its packs verify as WITHDRAWN from now on.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the product is
     *     unknown or withdrawn already ({@code PRODUCT_WITHDRAWN}), or the reason is missing
     */
    public static Product withdraw(final Ledger ledger, final String gtin, final String reason) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Product product = find(ledger, Arguments.gtin("gtin", gtin));
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (product.isWithdrawn()) {
            throw ErrorCode.PRODUCT_WITHDRAWN.exception("product %s is withdrawn already", product.gtin());
        }
        final Product withdrawn = product.withdrawn(checkedReason, ledger.nowText(), ledger.txId());
        ledger.write(ledger.key(Keys.PRODUCT, product.gtin()), withdrawn);
        ledger.emit(LedgerEvent.of(ledger, "ProductWithdrawn", regulator.gln(), Map.of("product", withdrawn)));
        return withdrawn;
    }

    /**
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the GTIN is malformed or unknown
     */
    public static Product get(final Ledger ledger, final String gtin) {
        return find(ledger, Arguments.gtin("gtin", gtin));
    }

    /**
     * The product with this (checked) GTIN.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if there is none ({@code PRODUCT_NOT_FOUND})
     */
    public static Product find(final Ledger ledger, final String gtin) {
        return ledger.read(ledger.key(Keys.PRODUCT, gtin), Product.class).orElseThrow(
                () -> ErrorCode.PRODUCT_NOT_FOUND.exception("no product has GTIN %s", gtin));
    }
}

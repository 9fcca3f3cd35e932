package org.dawaledger.chaincode.product;

import java.util.Map;
import java.util.Optional;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.LedgerEvent;
import org.dawaledger.chaincode.ledger.Page;
import org.dawaledger.chaincode.participant.CompanyPrefixes;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;

/**
 * Rules for products: who may register which GTIN, the regulator's approval, and withdrawal from the market.
 * A manufacturer registers only GTINs numbered under the GS1 company prefixes of its licence; an importer registers
 * a foreign product, under its foreign maker's GTIN, and names that maker. Either way the product is sellable only
 * once the regulator approves it.
 */
public final class Products {
    private Products() {
    }

    /**
     * Applies to register a product; the caller becomes its owner. It waits for the regulator's approval.
     *
     * @param foreignManufacturer who makes it abroad: required of an importer, empty for a manufacturer
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active manufacturer or importer,
     *     a manufacturer's licence holds no company prefix numbering the GTIN or an importer's GTIN lies under a
     *     domestic manufacturer's prefix ({@code NOT_OWNER}), the GTIN is registered already and not rejected
     *     ({@code PRODUCT_ALREADY_EXISTS}) or an argument is invalid ({@code INVALID_ARGUMENT})
     */
    public static Product register(final Ledger ledger, final String gtin, final String name,
            final String strength, final String dosageForm, final String registrationNumber,
            final String foreignManufacturer) {
        final Participant owner = Participants.requireCaller(ledger, Role.MANUFACTURER, Role.IMPORTER);
        final String checkedGtin = Arguments.gtin("gtin", gtin);
        final String checkedName = Arguments.text("name", name, Arguments.MAX_TEXT);
        final String checkedStrength = Arguments.text("strength", strength, Arguments.MAX_REFERENCE);
        final String checkedForm = Arguments.text("dosageForm", dosageForm, Arguments.MAX_REFERENCE);
        final String checkedRegistration = Arguments.text("registrationNumber", registrationNumber,
                Arguments.MAX_REFERENCE);
        final String maker = owner.role() == Role.IMPORTER
                ? Arguments.text("foreignManufacturer", foreignManufacturer, Arguments.MAX_TEXT)
                : requireNone(foreignManufacturer);
        requireMayNumber(ledger, owner, checkedGtin);
        final String key = ledger.key(Keys.PRODUCT, checkedGtin);
        final Optional<Product> existing = ledger.read(key, Product.class);
        if (existing.isPresent() && existing.get().status() != ProductStatus.REJECTED) {
            throw ErrorCode.PRODUCT_ALREADY_EXISTS.exception("GTIN %s is registered already (%s)", checkedGtin,
                    existing.get().status());
        }
        final Product product = new Product(checkedGtin, checkedName, checkedStrength, checkedForm,
                checkedRegistration, owner.gln(), maker, ProductStatus.PENDING_APPROVAL, null, ledger.nowText(), null,
                ledger.nowText(), ledger.txId(), null);
        ledger.write(key, product);
        ledger.mark(pendingKey(ledger, product));
        // A rejected GTIN registered again by another party now lists under its new owner only.
        existing.ifPresent(rejected -> ledger.delete(ownerKey(ledger, rejected)));
        ledger.mark(ownerKey(ledger, product));
        ledger.emit(LedgerEvent.of(ledger, "ProductRegistered", owner.gln(), Map.of("product", product)));
        return product;
    }

    /**
     * Approves a product's registration: its batches may now be registered or declared, and sold.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the product is
     *     unknown ({@code PRODUCT_NOT_FOUND}) or not pending approval ({@code INVALID_STATUS_TRANSITION}), or the
     *     reason is missing
     */
    public static Product approve(final Ledger ledger, final String gtin, final String reason) {
        return decide(ledger, gtin, reason, ProductStatus.APPROVED, "ProductApproved");
    }

    /**
     * Refuses a product's registration. The GTIN may be applied for again.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException as {@link #approve}
     */
    public static Product reject(final Ledger ledger, final String gtin, final String reason) {
        return decide(ledger, gtin, reason, ProductStatus.REJECTED, "ProductRejected");
    }

    /**
     * Withdraws an approved product from the market, for good: its packs verify as WITHDRAWN from now on.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, the product is
     *     unknown, withdrawn already ({@code PRODUCT_WITHDRAWN}) or was never approved
     *     ({@code INVALID_STATUS_TRANSITION}: reject an application instead), or the reason is missing
     */
    public static Product withdraw(final Ledger ledger, final String gtin, final String reason) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Product product = find(ledger, Arguments.gtin("gtin", gtin));
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (product.isWithdrawn()) {
            throw ErrorCode.PRODUCT_WITHDRAWN.exception("product %s is withdrawn already", product.gtin());
        }
        if (!product.isApproved()) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("product %s is %s: only an approved product is"
                    + " withdrawn; reject an application instead", product.gtin(), product.status());
        }
        final Product withdrawn = product.withStatus(ProductStatus.WITHDRAWN, checkedReason, regulator.gln(),
                ledger.nowText(), ledger.txId());
        ledger.write(ledger.key(Keys.PRODUCT, product.gtin()), withdrawn);
        ledger.emit(LedgerEvent.of(ledger, "ProductWithdrawn", regulator.gln(), Map.of("product", withdrawn)));
        return withdrawn;
    }

    /**
     * The product with its regulated prices ({@code regulatedPrices}, newest effective date first; absent when the
     * regulator set none).
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the GTIN is malformed or unknown
     */
    public static Product get(final Ledger ledger, final String gtin) {
        final Product product = find(ledger, Arguments.gtin("gtin", gtin));
        return Prices.history(ledger, product.gtin()).map(h -> product.withRegulatedPrices(h.prices()))
                .orElse(product);
    }

    /**
     * Registrations waiting for the regulator's decision, oldest first. For the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, or an argument
     *     is invalid
     */
    public static Page<Product> listPending(final Ledger ledger, final String pageSize, final String bookmark) {
        Participants.requireCaller(ledger, Role.REGULATOR);
        return ledger.page(Keys.PENDING_PRODUCT, new String[0], Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> find(ledger, ledger.attributesOf(keyValue.getKey()).get(1)));
    }

    /**
     * Every product, whatever its status, a page at a time, in GTIN order, as stored (without regulated prices). For
     * the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active regulator, or the page
     *     size or bookmark is invalid ({@code INVALID_ARGUMENT})
     */
    public static Page<Product> list(final Ledger ledger, final String pageSize, final String bookmark) {
        Participants.requireCaller(ledger, Role.REGULATOR);
        return ledger.page(Keys.PRODUCT, new String[0], Arguments.pageSize(pageSize), Arguments.bookmark(bookmark),
                keyValue -> Ledger.recordOf(keyValue, Product.class));
    }

    /**
     * The products a manufacturer or importer registered, whatever their status, a page at a time, in GTIN order, as
     * stored (without regulated prices). For that party and the regulator.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the caller is not an active participant, the GLN is
     *     malformed ({@code INVALID_ARGUMENT}), the caller is neither that party nor a regulator
     *     ({@code ACCESS_DENIED}), or the page size or bookmark is invalid ({@code INVALID_ARGUMENT})
     */
    public static Page<Product> listByOwner(final Ledger ledger, final String ownerGln, final String pageSize,
            final String bookmark) {
        final String gln = Participants.requireSelfOrRegulator(ledger, "ownerGln", ownerGln, "the products it owns");
        return ledger.page(Keys.PRODUCT_BY_OWNER, new String[] {gln}, Arguments.pageSize(pageSize),
                Arguments.bookmark(bookmark), keyValue -> find(ledger, ledger.attributesOf(keyValue.getKey()).get(1)));
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

    private static Product decide(final Ledger ledger, final String gtin, final String reason,
            final ProductStatus decision, final String eventType) {
        final Participant regulator = Participants.requireCaller(ledger, Role.REGULATOR);
        final Product product = find(ledger, Arguments.gtin("gtin", gtin));
        final String checkedReason = Arguments.text("reason", reason, Arguments.MAX_TEXT);
        if (product.status() != ProductStatus.PENDING_APPROVAL) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.exception("product %s is %s, not pending approval",
                    product.gtin(), product.status());
        }
        final Product decided = product.withStatus(decision, checkedReason, regulator.gln(), ledger.nowText(),
                ledger.txId());
        ledger.write(ledger.key(Keys.PRODUCT, product.gtin()), decided);
        ledger.delete(pendingKey(ledger, product));
        ledger.emit(LedgerEvent.of(ledger, eventType, regulator.gln(), Map.of("product", decided)));
        return decided;
    }

    /**
     * A manufacturer numbers GTINs under its own company prefixes only; an importer's product is foreign, so its GTIN
     * lies under no domestic manufacturer's prefix.
     */
    private static void requireMayNumber(final Ledger ledger, final Participant owner, final String gtin) {
        final Optional<CompanyPrefixes.Holder> holder = CompanyPrefixes.holderOf(ledger, gtin);
        if (owner.role() == Role.MANUFACTURER) {
            if (holder.isEmpty()) {
                throw ErrorCode.NOT_OWNER.exception("GTIN %s is not numbered under a GS1 company prefix of your"
                        + " licence %s", gtin, owner.companyPrefixes());
            }
            if (!holder.get().holderGln().equals(owner.gln())) {
                throw ErrorCode.NOT_OWNER.exception("GTIN %s lies under GS1 company prefix %s, held by %s", gtin,
                        holder.get().prefix(), holder.get().holderGln());
            }
        } else if (holder.isPresent()) {
            throw ErrorCode.NOT_OWNER.exception("GTIN %s lies under GS1 company prefix %s of domestic manufacturer %s:"
                    + " it is not a foreign product", gtin, holder.get().prefix(), holder.get().holderGln());
        }
    }

    private static String requireNone(final String foreignManufacturer) {
        if (foreignManufacturer != null && !foreignManufacturer.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("foreignManufacturer is for an importer's product; a"
                    + " manufacturer registers its own");
        }
        return null;
    }

    private static String ownerKey(final Ledger ledger, final Product product) {
        return ledger.key(Keys.PRODUCT_BY_OWNER, product.ownerGln(), product.gtin());
    }

    private static String pendingKey(final Ledger ledger, final Product product) {
        return ledger.key(Keys.PENDING_PRODUCT, Ledger.sortable(product.registeredAt()), product.gtin());
    }
}

package org.dawaledger.chaincode.pack;

import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.gs1.ExpiryDate;

/**
 * A pack as someone presents it (scanned or typed), checked for form only: whether it matches the ledger is the
 * verdict's job.
 *
 * @param gtin the GTIN, 14 digits
 * @param serial the serial, or null for a batch-level presentation
 * @param lot the lot, or null when not given (only allowed with a serial, or for a product-level verification)
 * @param expiry the expiry, or null when not given
 */
public record PresentedPack(String gtin, String serial, String lot, ExpiryDate expiry) {

    /**
     * Checks the form of a presented pack. A serial-less presentation needs its lot to find the batch.
     *
     * @param prefix names the item in error messages, e.g. {@code packs[3].}
     * @param serialRequired whether the call needs a serial
     * @throws org.hyperledger.fabric.shim.ChaincodeException if a field is malformed or a needed one missing
     *     ({@code INVALID_ARGUMENT})
     */
    public static PresentedPack of(final String prefix, final String gtin, final String serial, final String lot,
            final String expiry, final boolean serialRequired, final int referenceYear) {
        return of(prefix, gtin, serial, lot, expiry, serialRequired, false, referenceYear);
    }

    /**
     * Checks the form of a pack presented for verification alone, which may also be a product: a GTIN without
     * serial and lot (a 1D barcode) is judged at product level.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if a field is malformed ({@code INVALID_ARGUMENT})
     */
    public static PresentedPack forVerification(final String gtin, final String serial, final String lot,
            final String expiry, final int referenceYear) {
        return of("", gtin, serial, lot, expiry, false, true, referenceYear);
    }

    private static PresentedPack of(final String prefix, final String gtin, final String serial, final String lot,
            final String expiry, final boolean serialRequired, final boolean productLevelAllowed,
            final int referenceYear) {
        final String checkedGtin = Arguments.gtin(prefix + "gtin", gtin);
        final boolean hasSerial = serial != null && !serial.isEmpty();
        if (serialRequired && !hasSerial) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%sserial is required", prefix);
        }
        final boolean hasLot = lot != null && !lot.isEmpty();
        if (!hasSerial && !hasLot && !productLevelAllowed) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%slot is required when no serial is given", prefix);
        }
        return new PresentedPack(checkedGtin, hasSerial ? Arguments.serial(prefix + "serial", serial) : null,
                hasLot ? Arguments.lot(prefix + "lot", lot) : null,
                expiry == null || expiry.isEmpty() ? null : Arguments.expiry(prefix + "expiry", expiry, referenceYear));
    }

    /** Whether neither serial nor lot was presented: only the product can be judged. */
    public boolean isProductLevel() {
        return serial == null && lot == null;
    }

    public String expiryText() {
        return expiry == null ? null : expiry.yymmdd();
    }
}

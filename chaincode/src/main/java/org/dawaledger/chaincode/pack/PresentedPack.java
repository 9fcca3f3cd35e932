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
 * @param lot the lot, or null when not given (only allowed with a serial)
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
        final String checkedGtin = Arguments.gtin(prefix + "gtin", gtin);
        final boolean hasSerial = serial != null && !serial.isEmpty();
        if (serialRequired && !hasSerial) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%sserial is required", prefix);
        }
        final boolean hasLot = lot != null && !lot.isEmpty();
        if (!hasSerial && !hasLot) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%slot is required when no serial is given", prefix);
        }
        return new PresentedPack(checkedGtin, hasSerial ? Arguments.serial(prefix + "serial", serial) : null,
                hasLot ? Arguments.lot(prefix + "lot", lot) : null,
                expiry == null || expiry.isEmpty() ? null : Arguments.expiry(prefix + "expiry", expiry, referenceYear));
    }

    public String expiryText() {
        return expiry == null ? null : expiry.yymmdd();
    }
}

package org.dawaledger.chaincode.pack;

/**
 * A pack as a many-pack call names it, before its form is checked.
 *
 * @param gtin the GTIN
 * @param serial the serial
 * @param lot the lot as printed; checked against the ledger when given
 * @param expiry the expiry as printed ({@code YYMMDD} or ISO); checked when given
 */
public record PresentedItem(String gtin, String serial, String lot, String expiry) {
}

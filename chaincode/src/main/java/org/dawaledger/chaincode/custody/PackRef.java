package org.dawaledger.chaincode.custody;

/**
 * A serialised pack named in a shipment.
 *
 * @param gtin its GTIN
 * @param serial its serial
 */
public record PackRef(String gtin, String serial) {
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * Which field of GS1 data a problem was found in.
 */
public enum Gs1Field {
    /** AI 01, the Global Trade Item Number. */
    GTIN,
    /** A Global Location Number, such as AI 410–417. */
    GLN,
    /** A GS1 Company Prefix, as GS1 allocates it to a company. */
    COMPANY_PREFIX,
    /** AI 10, the batch or lot number. */
    LOT,
    /** AI 21, the serial number. */
    SERIAL,
    /** AI 17, the expiry date. */
    EXPIRY,
    /**
     * The year a read was made in, against which a two-digit expiry year is resolved: not part of the GS1 data, but
     * a caller's argument that decides how it is read.
     */
    REFERENCE_YEAR,
    /** The structure of an element string as a whole, or an AI with no field of its own. */
    ELEMENT_STRING
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.gs1;

/**
 * How a read arrived: the barcode symbology announced by the scanner's symbology identifier, or the text form.
 */
public enum Symbology {
    /** GS1 DataMatrix, symbology identifier {@code ]d2}. */
    GS1_DATAMATRIX,
    /** GS1-128, symbology identifier {@code ]C1}. */
    GS1_128,
    /** GS1 QR Code, symbology identifier {@code ]Q3}. */
    GS1_QR,
    /** GS1 DataBar (Expanded and the other DataBar symbols), symbology identifier {@code ]e0}. */
    GS1_DATABAR,
    /** GS1 DotCode, symbology identifier {@code ]J1}. */
    GS1_DOTCODE,
    /** Human-readable interpretation as printed under a barcode: {@code (01)…(17)…(10)…}. */
    HUMAN_READABLE,
    /** A GS1 Digital Link URI: {@code https://host/01/…}. */
    DIGITAL_LINK,
    /** No symbology identifier: a plain element string. */
    UNKNOWN
}

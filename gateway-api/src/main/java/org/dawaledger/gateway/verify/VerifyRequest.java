package org.dawaledger.gateway.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to verify: a raw scan, or the fields read off the pack.
 *
 * @param code a scan as the scanner gave it: a GS1 element string with or without its symbology identifier
 *     ({@code ]d2}) and GS separators, the bracketed {@code (01)…(21)…} form, or a GS1 Digital Link URI
 * @param gtin the GTIN, when there is no code
 * @param serial the serial, when there is no code (optional: without it only the batch is checked)
 * @param lot the lot, when there is no code
 * @param expiry the expiry ({@code YYMMDD} or ISO), when there is no code
 */
@Schema(description = "A raw scan in `code`, or the fields read off the pack.", examples = {
    "{\"code\": \"(01)08960001000015(21)PAN000002(10)PAN2401(17)281231\"}",
    "{\"gtin\": \"08960001000015\", \"serial\": \"PAN000002\", \"lot\": \"PAN2401\", \"expiry\": \"281231\"}"})
public record VerifyRequest(String code, String gtin, String serial, String lot, String expiry) {
}

package org.dawaledger.gateway.transaction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a party makes a change the ledger records with its reason (an approval, a recall, a rejection…). */
@Schema(examples = "{\"reason\": \"DRAP notification 2026-RC-014: dissolution failure\"}")
public record Reason(String reason) {
    /** The reason of a request, or the empty one when it has no body: the contract then says it is required. */
    public static String of(final Reason body) {
        return body == null ? "" : body.reason();
    }
}

package org.dawaledger.gateway.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the gateway tells watchers happened: a recall, a withdrawal, an import's clearance, an alert raised or
 * resolved. The ledger's dispenses and decommissions that raise alerts are told as one {@code AlertRaised} per
 * alert, like a party's own report.
 *
 * @param id where it is in the ledger, {@code <block>-<index in the block>}: a client that reconnects with it as
 *     {@code Last-Event-ID} continues right after it
 * @param type BatchRecalled, ProductWithdrawn, ImportCleared, AlertRaised or AlertResolved
 * @param block the block it was committed in
 * @param transactionId the transaction that did it
 * @param timestamp the transaction's time (ISO-8601 UTC)
 * @param data the record it changed: the batch (with the clearance decision), the product or the alert
 */
public record LedgerEvent(String id, String type, long block, String transactionId, String timestamp,
        JsonNode data) {
}

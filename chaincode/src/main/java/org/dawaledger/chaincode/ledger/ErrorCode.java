package org.dawaledger.chaincode.ledger;

import java.util.Locale;

/**
 * Every reason the ledger refuses a call. The code travels twice: as the exception payload, and at the start of the
 * message as {@code [CODE] text}, because Fabric Gateway clients only ever see the message.
 */
public enum ErrorCode {
    /** A required argument is missing, malformed, too long, or out of range. */
    INVALID_ARGUMENT,
    /**
     * The transaction's timestamp, which its client sets, is impossible: outside the years the ledger dates, or before
     * the change it would undo.
     */
    INVALID_TRANSACTION_TIME,
    /** {@code InitLedger} has not run yet, so no regulator is known. */
    LEDGER_NOT_INITIALISED,
    /** {@code InitLedger} ran already. */
    LEDGER_ALREADY_INITIALISED,
    /** The calling identity is not bound to any licensed participant. */
    CALLER_NOT_REGISTERED,
    /** The calling participant is suspended or revoked. */
    CALLER_NOT_ACTIVE,
    /** The caller's role may not make this call. */
    ROLE_NOT_PERMITTED,
    /** The caller acts on a product, batch or record owned by another party. */
    NOT_OWNER,
    /** The caller does not hold the pack or stock it tries to move or decommission. */
    NOT_CUSTODIAN,
    PARTICIPANT_NOT_FOUND,
    PARTICIPANT_ALREADY_EXISTS,
    /** The Fabric identity is already bound to another participant. */
    IDENTITY_ALREADY_REGISTERED,
    /** The requested status change is not allowed from the current status. */
    INVALID_STATUS_TRANSITION,
    /** A GS1 company prefix overlaps one that another party's licence holds. */
    COMPANY_PREFIX_TAKEN,
    PRODUCT_NOT_FOUND,
    PRODUCT_ALREADY_EXISTS,
    PRODUCT_WITHDRAWN,
    /** The product's registration is pending or was rejected: the regulator has not approved it. */
    PRODUCT_NOT_APPROVED,
    BATCH_NOT_FOUND,
    BATCH_ALREADY_EXISTS,
    /** The batch is pending clearance, quarantined or rejected, so its packs may not move or be sold. */
    BATCH_NOT_RELEASED,
    BATCH_RECALLED,
    BATCH_EXPIRED,
    /** The expiry date lies in the past already. */
    EXPIRY_IN_PAST,
    /**
     * A batch is serialised throughout or not at all: its packs are commissioned with serials, or its units move at
     * batch level, never both.
     */
    BATCH_SERIALISATION_CONFLICT,
    /** The imported batch is not waiting for clearance. */
    IMPORT_NOT_PENDING,
    /** More units asked for than the caller holds at batch level. */
    INSUFFICIENT_STOCK,
    /** The same serial number appears twice in one call. */
    DUPLICATE_SERIAL,
    /** The serial number is already commissioned for this GTIN, in this or another batch. */
    SERIAL_ALREADY_COMMISSIONED,
    /** More items in one call than the ledger accepts. */
    TOO_MANY_ITEMS,
    PACK_NOT_FOUND,
    /** The pack is decommissioned (dispensed, destroyed, …) and cannot take part. */
    PACK_NOT_ACTIVE,
    /** The pack is on its way in a shipment. */
    PACK_IN_TRANSIT,
    /** The receiver of a shipment is not an active licensed supply-chain party, or is the shipper. */
    RECEIVER_NOT_ELIGIBLE,
    SHIPMENT_NOT_FOUND,
    /** The shipment was received, rejected or cancelled already. */
    SHIPMENT_NOT_IN_TRANSIT,
    /** Only the shipment's receiver may receive or reject it. */
    NOT_RECEIVER,
    /** Only the regulator, or the shipper once the receiver is no longer active, may cancel a shipment. */
    CANCEL_NOT_ALLOWED,
    /** The pack is active: there is nothing to undo. */
    PACK_NOT_DECOMMISSIONED,
    /** The pack is not held by the regulator, so the regulator has nothing to release or destroy. */
    PACK_NOT_HELD,
    /** The regulator moves only a revoked party's stock. */
    HOLDER_NOT_REVOKED,
    /** STOLEN and DESTROYED are final. */
    UNDO_NOT_ALLOWED,
    UNDO_WINDOW_EXCEEDED,
    UNDO_BY_DIFFERENT_PARTY,
    ALERT_NOT_FOUND,
    ALERT_ALREADY_RESOLVED,
    /** The party has as many open reports from today as a party may have. */
    ALERT_LIMIT_REACHED,
    /** The caller may not read this record. */
    ACCESS_DENIED,
    /** A fault in the chaincode itself, not in the call: report it. */
    INTERNAL_ERROR;

    /**
     * Builds the exception that refuses a call with this code.
     *
     * @param format message template, as for {@link String#format}
     * @param args template arguments
     * @return an exception whose message is {@code [CODE] text} and whose payload is the code
     */
    public LedgerRefusal exception(final String format, final Object... args) {
        return new LedgerRefusal(this, args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }
}

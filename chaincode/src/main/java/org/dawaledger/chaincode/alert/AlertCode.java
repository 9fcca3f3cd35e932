package org.dawaledger.chaincode.alert;

/** Why an alert was raised: a failed dispense or decommission, or a party's report. */
public enum AlertCode {
    UNKNOWN_PRODUCT,
    UNKNOWN_BATCH,
    UNKNOWN_SERIAL,
    LOT_MISMATCH,
    EXPIRY_MISMATCH,
    /** A pack of a serialised batch presented without its serial. */
    SERIAL_REQUIRED,
    /** A second dispense of the same pack. */
    ALREADY_SUPPLIED,
    /** A pack decommissioned for another reason was presented again. */
    DECOMMISSIONED,
    /** A party presented an active pack the ledger says another party holds. */
    NOT_CUSTODIAN,
    /** A party reported a pack it suspects. */
    SUSPECT_REPORTED
}

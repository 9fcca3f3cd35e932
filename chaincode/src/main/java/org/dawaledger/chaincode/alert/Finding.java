package org.dawaledger.chaincode.alert;

/** The regulator's conclusion about an alert, in the WHO's categories. */
public enum Finding {
    SUBSTANDARD,
    UNREGISTERED,
    FALSIFIED,
    FALSE_ALARM
}

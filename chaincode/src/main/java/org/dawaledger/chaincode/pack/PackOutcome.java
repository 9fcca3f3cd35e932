package org.dawaledger.chaincode.pack;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The answer for one pack of a many-pack call: whether it changed, and if not, why.
 *
 * @param gtin the GTIN presented
 * @param serial the serial presented
 * @param accepted whether the pack changed state
 * @param code the new status when accepted (e.g. SUPPLIED); otherwise the verdict or error code that refused it
 * @param message a sentence saying what happened
 * @param alertId the alert raised for this pack, if any
 */
@DataType
public record PackOutcome(
        @Property String gtin,
        @Property String serial,
        @Property boolean accepted,
        @Property String code,
        @Property String message,
        @Property String alertId) {
}

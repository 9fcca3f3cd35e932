package org.dawaledger.chaincode.ledger;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One page of a listing. Pass {@code bookmark} back to get the next page; an empty bookmark means this was the last.
 *
 * @param records the records on this page
 * @param bookmark where the next page starts, or empty
 * @param fetchedRecordsCount how many records this page holds
 */
@DataType
public record Page<T>(@Property List<T> records, @Property String bookmark, @Property int fetchedRecordsCount) {
    public Page {
        records = List.copyOf(records);
    }
}

package org.dawaledger.chaincode.pack;

import java.util.ArrayList;
import java.util.List;
import org.dawaledger.chaincode.ledger.Arguments;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.chaincode.ledger.Page;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.Participants;
import org.dawaledger.chaincode.participant.Role;
import org.dawaledger.chaincode.product.Products;

/** The audit trail of a pack: every change, who made it and when. */
public final class PackHistory {
    private PackHistory() {
    }

    /**
     * A pack's changes, oldest first, a page at a time. For the regulator, the product's owner, and every party that
     * held the pack.
     *
     * @param bookmark empty for the first page, else the bookmark of the previous page
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the pack is unknown, the caller may not read it
     *     ({@code ACCESS_DENIED}), or an argument is invalid
     */
    public static Page<PackHistoryEntry> get(final Ledger ledger, final String gtin, final String serial,
            final String pageSize, final String bookmark) {
        final Participant caller = Participants.requireCaller(ledger);
        final Pack current = Packs.find(ledger, Arguments.gtin("gtin", gtin), Arguments.serial("serial", serial));
        final int size = Arguments.pageSize(pageSize);
        final String from = Arguments.bookmark(bookmark);
        final int start = offset(from);
        final List<Ledger.Version<PackState>> versions =
                ledger.history(Packs.key(ledger, current.gtin(), current.serial()), PackState.class);
        final List<PackHistoryEntry> entries = new ArrayList<>(versions.size());
        boolean involved = caller.role() == Role.REGULATOR
                || Products.find(ledger, current.gtin()).ownerGln().equals(caller.gln())
                || caller.gln().equals(current.custodianGln());
        Pack before = null;
        for (final Ledger.Version<PackState> version : versions) {
            if (version.value() == null) {
                continue;
            }
            final Pack after = version.value().toPack(current.gtin(), current.serial());
            involved |= caller.gln().equals(after.custodianGln());
            entries.add(new PackHistoryEntry(version.txId(), after.updatedAt(), after.lastAction(),
                    after.lastChangedBy(), before == null ? null : before.status().name(), after.status().name(),
                    before == null ? null : before.custodianGln(), after.custodianGln(),
                    after.shipmentId() != null ? after.shipmentId()
                            : (after.lastAction() == PackAction.RECEIVED || after.lastAction() == PackAction.RETURNED)
                                    && before != null ? before.shipmentId() : null));
            before = after;
        }
        if (!involved) {
            throw ErrorCode.ACCESS_DENIED.exception("only the regulator, the product's owner and the pack's holders"
                    + " may read its history");
        }
        if (!from.isEmpty() && (start == 0 || start >= entries.size())) {
            // Only offsets this listing handed out: a history never shrinks, so those stay inside it.
            throw ErrorCode.INVALID_ARGUMENT.exception("bookmark '%s' does not belong to this pack's history", from);
        }
        final int end = Math.min(entries.size(), start + size);
        final List<PackHistoryEntry> page = entries.subList(start, end);
        return new Page<>(page, end < entries.size() ? Integer.toString(end) : "", page.size());
    }

    private static int offset(final String bookmark) {
        if (bookmark.isEmpty()) {
            return 0;
        }
        if (bookmark.length() <= 9 && Arguments.isPlainDigits(bookmark)) {
            return Integer.parseInt(bookmark);
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("bookmark '%s' does not belong to a pack history", bookmark);
    }
}

package org.dawaledger.gateway.ledger;

import java.util.Map;
import java.util.Optional;

/**
 * The participants this gateway acts for, each bound to one identity of its organisation's CA. A bearer token names
 * exactly one of them. On the embedded ledger: the demo world's five parties.
 */
public final class Wallet {
    /** A participant's identity: the organisation whose CA issued it, and its member name there. */
    public record Identity(Organisation organisation, String member) {
    }

    private static final Map<String, Identity> PARTICIPANTS = Map.of(
            "regulator", new Identity(Organisation.REGULATOR, "admin"),
            "manufacturer", new Identity(Organisation.MANUFACTURER, "user1"),
            "importer", new Identity(Organisation.IMPORTER, "user1"),
            "distributor", new Identity(Organisation.DISTRIBUTOR, "user1"),
            "pharmacy", new Identity(Organisation.PHARMACY, "user1"));

    private Wallet() {
    }

    /** The identity of a participant of the wallet. */
    public static Optional<Identity> identity(final String participant) {
        return Optional.ofNullable(PARTICIPANTS.get(participant));
    }

    /** The wallet's participants' names. */
    public static java.util.Set<String> participants() {
        return new java.util.TreeSet<>(PARTICIPANTS.keySet());
    }
}

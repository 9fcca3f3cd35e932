package org.dawaledger.gateway.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dawaledger.gateway.data.DataFiles;

/**
 * The participants this gateway acts for, each bound to one identity of its organisation. A bearer token names
 * exactly one of them. On the embedded ledger: the demo world's five parties, one per organisation. In Fabric mode:
 * the organisation's own participants, one per folder of its identities ({@code dawaledger.fabric.identities}).
 *
 * <p>The running gateway records its participants in its data folder ({@value #FILE}), so that the admin's
 * {@code token.sh}, run beside it on that folder, issues tokens only for participants it holds.
 */
public final class Wallet {
    /** A participant's identity: its organisation, and its member name there (in Fabric mode, its folder). */
    public record Identity(Organisation organisation, String member) {
    }

    /** The file in the data folder that names the participants of the gateway that last ran on it. */
    static final String FILE = "wallet";

    private static final Map<String, Identity> EMBEDDED = Map.of(
            "regulator", new Identity(Organisation.REGULATOR, "admin"),
            "manufacturer", new Identity(Organisation.MANUFACTURER, "user1"),
            "importer", new Identity(Organisation.IMPORTER, "user1"),
            "distributor", new Identity(Organisation.DISTRIBUTOR, "user1"),
            "pharmacy", new Identity(Organisation.PHARMACY, "user1"));

    /** The running gateway's wallet: the embedded one until a gateway opens its ledger. */
    private static volatile Map<String, Identity> held = EMBEDDED;

    private Wallet() {
    }

    /** The identity of a participant of the wallet. */
    public static Optional<Identity> identity(final String participant) {
        return Optional.ofNullable(held.get(participant));
    }

    /** The wallet's participants' names. */
    public static Set<String> participants() {
        return new TreeSet<>(held.keySet());
    }

    /**
     * The participants of the gateway that last ran on a data folder; the embedded wallet's for a folder no gateway
     * has recorded any in.
     *
     * @throws UncheckedIOException if the record cannot be read
     */
    public static Set<String> participantsIn(final Path dataDir) {
        try {
            return new TreeSet<>(Files.readAllLines(dataDir.resolve(FILE), UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList());
        } catch (NoSuchFileException e) {
            return new TreeSet<>(EMBEDDED.keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataDir.resolve(FILE), e);
        }
    }

    /** The embedded ledger's wallet, recorded in the data folder. */
    static void holdEmbedded(final Path dataDir) {
        hold(dataDir, EMBEDDED);
    }

    /** A wallet of the gateway's own, recorded in the data folder. */
    static void hold(final Path dataDir, final Map<String, Identity> participants) {
        held = Map.copyOf(participants);
        DataFiles.replace(dataDir.resolve(FILE), String.join("\n", new TreeSet<>(participants.keySet())) + "\n");
    }
}

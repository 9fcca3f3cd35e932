package org.dawaledger.gateway.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.FabricLedger;
import org.dawaledger.ledger.RefusedException;
import org.dawaledger.ledger.store.MemoryStore;

/**
 * Stocks a Fabric network with the demo world's goods, once ({@code ./run.sh --fabric} runs it when its gateways are
 * ready): the network's setup licenses the demo parties (network.sh, with the GLNs of {@link DemoWorld}), and this
 * adds {@link DemoWorld#seedGoods}: the product and its packs, the pharmacy's stock and sale, the recall and the
 * import. Each step is signed by the identity its organisation's gateway holds, and submitted through one peer.
 *
 * <pre>
 *   FabricDemoWorld peer=HOST:PORT tls-ca=PEM regulator=MSP manufacturer=MSP importer=MSP pharmacy=MSP
 * </pre>
 *
 * where the peer is the first organisation's (regulator's), and each MSP folder holds {@code signcerts/} and
 * {@code keystore/}. A network that holds the demo product already is left as it is. Exit codes: 0 stocked or
 * already stocked, 1 a step failed, 2 bad usage.
 */
public final class FabricDemoWorld {
    private FabricDemoWorld() {
    }

    public static void main(final String[] args) {
        final Map<String, String> options = new HashMap<>();
        for (final String arg : args) {
            final int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(0, equals), arg.substring(equals + 1));
            }
        }
        final Map<Organisation, Caller> members = new EnumMap<>(Organisation.class);
        try {
            for (final Organisation organisation : Arrays.asList(Organisation.REGULATOR, Organisation.MANUFACTURER,
                    Organisation.IMPORTER, Organisation.PHARMACY)) {
                final Path msp = Path.of(option(options, organisation.name().toLowerCase(Locale.ROOT)));
                members.put(organisation, FabricIdentities.caller(msp, organisation.mspId()));
            }
            option(options, "peer");
            option(options, "tls-ca");
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
        }
        try {
            System.out.println("demo: " + stock(options.get("peer"), Path.of(options.get("tls-ca")), members));
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("demo: stocking the network failed: " + e);
            System.exit(1);
        }
    }

    private static String option(final Map<String, String> options, final String name) {
        final String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("usage: FabricDemoWorld peer=HOST:PORT tls-ca=PEM regulator=MSP"
                    + " manufacturer=MSP importer=MSP pharmacy=MSP (" + name + " is missing)");
        }
        return value;
    }

    /** Stocks the network unless it holds the demo product; says which. */
    static String stock(final String peer, final Path tlsCa, final Map<Organisation, Caller> members) {
        final Caller regulator = members.get(Organisation.REGULATOR);
        try (FabricLedger ledger = FabricLedger.builder(new MemoryStore(), ChaincodeService.inProcess(),
                        FabricLedger.peer(peer, tlsCa))
                .organisation(regulator)
                .endorsingPartners(Organisation.MANUFACTURER.mspId(), Organisation.DISTRIBUTOR.mspId(),
                        Organisation.PHARMACY.mspId(), Organisation.IMPORTER.mspId())
                .open()) {
            awaitPeersHeight(ledger);
            try {
                ledger.evaluate(regulator, "GetProduct", DemoWorld.GTIN);
                return "the network holds the demo product " + DemoWorld.GTIN + " already; nothing changed";
            } catch (RefusedException e) {
                if (!e.code().filter("PRODUCT_NOT_FOUND"::equals).isPresent()) {
                    throw e;
                }
            }
            DemoWorld.seedGoods(ledger, (organisation, name, role) -> members.get(organisation));
            return "stocked the network with the demo world's goods (product " + DemoWorld.GTIN + ", lot "
                    + DemoWorld.LOT + " of " + DemoWorld.PACKS + " packs, " + DemoWorld.PHARMACY_STOCK
                    + " at the pharmacy, one sold; lot " + DemoWorld.RECALLED_LOT + " recalled; import "
                    + DemoWorld.IMPORTED_LOT + " awaiting clearance), now at block " + (ledger.height() - 1);
        }
    }

    /** A read on a copy that has not caught up would find nothing: wait until it holds what the peer did. */
    private static void awaitPeersHeight(final FabricLedger ledger) {
        final long target = ledger.peerHeight();
        final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (ledger.height() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the copy reached " + ledger.height() + " of the peer's " + target
                        + " blocks in 2 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}

package org.dawaledger.gateway.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The gateway's settings, under {@code dawaledger.}: by profile, system property or environment. */
@ConfigMapping(prefix = "dawaledger")
public interface GatewayConfig {
    /**
     * Where the ledger (embedded: the ledger itself; Fabric: the local copy), the CAs and keys, the tokens and the
     * kept outcomes live; created at first start.
     */
    @WithDefault("data")
    Path dataDir();

    /** Which ledger the gateway runs on. */
    @WithDefault("embedded")
    Mode ledger();

    /** The two ledgers a gateway runs on. */
    enum Mode {
        /** The contract in-process on the data folder's store: nothing else to run (docs/architecture.md). */
        EMBEDDED,
        /** One organisation's gateway on the Fabric network: writes through its peer, reads on a local copy. */
        FABRIC
    }

    /** Fabric mode: the organisation's peer and identities (ignored on the embedded ledger). */
    Fabric fabric();

    /** Where the organisation's peer is and who this gateway acts as on the network. */
    interface Fabric {
        /** The organisation's peer, {@code host:port}. */
        Optional<String> peerEndpoint();

        /** The PEM file of the CA that signed the peer's TLS certificate. */
        Optional<Path> tlsCaCert();

        /** The organisation's MSP ID: one of the network's five. */
        Optional<String> mspId();

        @WithDefault("dawaledger")
        String channel();

        @WithDefault("dawaledger")
        String chaincode();

        /**
         * The organisation's identities: a folder per participant (its name is what tokens name), each an MSP
         * folder with {@code signcerts/} and {@code keystore/}. Default: {@code identities/} in the data folder.
         */
        Optional<Path> identities();

        /** The organisations that may endorse with this one, tried in turn. Default: the network's other four. */
        Optional<List<String>> endorsingPartners();

        /** How many blocks the local copy may lag the peer's height at start and be ready. */
        @WithDefault("0")
        int readyLag();
    }

    /** Whether a new embedded ledger is seeded with the demo world at first start. */
    @WithDefault("true")
    boolean demo();

    /** The only MSP the contract accepts as the regulator's, as every chaincode service of a network pins it. */
    @WithDefault("RegulatorMSP")
    String regulatorMspId();

    /** Anonymous verification, limited per client address. */
    AnonymousLimit anonymous();

    /** A token bucket per client address: {@code burst} verifications at once, refilled at {@code perSecond}. */
    interface AnonymousLimit {
        @WithDefault("50")
        double perSecond();

        @WithDefault("200")
        int burst();
    }
}

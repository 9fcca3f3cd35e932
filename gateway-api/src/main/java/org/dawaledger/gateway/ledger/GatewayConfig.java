package org.dawaledger.gateway.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The gateway's settings, under {@code dawaledger.}: by profile, system property or environment. */
@ConfigMapping(prefix = "dawaledger")
public interface GatewayConfig {
    /** Where the ledger, the organisations' CAs and their members' keys live; created at first start. */
    @WithDefault("data")
    Path dataDir();

    /** Whether a new ledger is seeded with the demo world at first start. */
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

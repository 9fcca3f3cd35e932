package org.dawaledger.gateway.commissioning;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Serial uploads' settings, under {@code dawaledger.serial-uploads.}. */
@ConfigMapping(prefix = "dawaledger.serial-uploads")
public interface SerialUploadConfig {
    /**
     * Serials per CommissionPacks call, 1 to the contract's 10,000; 5,000 is what docs/benchmarks.md advises. A job
     * keeps the size it was accepted with.
     */
    @WithDefault("5000")
    int chunkSize();

    /** Most serials one upload may name. */
    @WithDefault("1000000")
    int maxSerials();

    /**
     * Largest body one upload may have (a million 20-character serials take 23 MB of JSON). The HTTP server's own
     * limit, {@code quarkus.http.limits.max-body-size}, must be larger, so that this one answers, as a problem.
     */
    @WithDefault("32M")
    MemorySize maxBytes();
}

package org.dawaledger.gateway.ledger;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.store.RocksStore;
import org.jboss.logging.Logger;

/**
 * The ledger this gateway runs on, opened at start: the embedded ledger on RocksDB in the data folder, with a CA per
 * organisation created there at first start, and the demo world seeded into a new ledger.
 */
@Startup
@ApplicationScoped
public class GatewayLedger {
    private static final Logger LOG = Logger.getLogger(GatewayLedger.class);

    private final Map<Organisation, LocalCa> authorities = new EnumMap<>(Organisation.class);
    private final EmbeddedLedger embedded;
    private final Ledger ledger;
    private final Caller publicCaller;

    GatewayLedger(final GatewayConfig config, final MeterRegistry registry) {
        final EmbeddedLedger.Builder builder = EmbeddedLedger.builder(
                RocksStore.open(config.dataDir().resolve("ledger")),
                ChaincodeService.inProcess(config.regulatorMspId()));
        for (final Organisation organisation : Organisation.values()) {
            final LocalCa ca = LocalCa.open(config.dataDir().resolve("ca").resolve(organisation.folder()),
                    organisation.mspId());
            authorities.put(organisation, ca);
            builder.member(organisation.mspId(), ca.certificate());
        }
        this.embedded = builder.open();
        this.ledger = new MeteredLedger(embedded, registry);
        // Anyone may verify a pack: the gateway reads for anonymous callers as an identity of its own.
        this.publicCaller = authorities.get(Organisation.REGULATOR).member("public-verifier", LocalCa.Role.CLIENT);
        final boolean fresh = embedded.height() == 1;
        if (fresh && config.demo()) {
            DemoWorld.seed(ledger, this::member);
            LOG.infof("seeded the demo world into a new ledger in %s", config.dataDir().toAbsolutePath());
        }
        LOG.infof("embedded ledger at height %d in %s", ledger.height(), config.dataDir().toAbsolutePath());
    }

    /** The ledger. */
    public Ledger ledger() {
        return ledger;
    }

    /** The identity anonymous reads run as. */
    public Caller publicCaller() {
        return publicCaller;
    }

    /** A member of an organisation, issued by its CA at first use and kept in the data folder. */
    public Caller member(final Organisation organisation, final String name, final LocalCa.Role role) {
        return authorities.get(organisation).member(name, role);
    }

    @PreDestroy
    void close() {
        ledger.close();
    }
}

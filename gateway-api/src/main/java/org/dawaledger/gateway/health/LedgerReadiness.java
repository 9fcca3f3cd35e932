package org.dawaledger.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the ledger answers a read (the contract runs on the local copy) and the copy has caught up: on the
 * embedded ledger the copy is the ledger; in Fabric mode it must hold the blocks the peer had when the gateway
 * started, less {@code dawaledger.fabric.ready-lag}, and still follow the peer. The data says how far it is.
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {
    private final GatewayLedger ledger;
    private final int readyLag;

    LedgerReadiness(final GatewayLedger ledger, final GatewayConfig config) {
        this.ledger = ledger;
        this.readyLag = config.fabric().readyLag();
    }

    @Override
    public HealthCheckResponse call() {
        final HealthCheckResponseBuilder response = HealthCheckResponse.named("ledger");
        try {
            final long height = ledger.ledger().height();
            response.withData("height", height);
            if (ledger.onFabric()) {
                response.withData("ledger", "fabric").withData("heightAtStart", ledger.heightAtStart());
                final var failure = ledger.followerFailure();
                if (failure.isPresent()) {
                    return response.withData("error", String.valueOf(failure.get().getMessage())).down().build();
                }
                final long target = ledger.peerHeightAtStart().orElseThrow();
                response.withData("peerHeightAtStart", target);
                if (height + readyLag < target) {
                    return response.withData("catchingUp", (target - height) + " blocks to go").down().build();
                }
            }
            ledger.ledger().evaluate(ledger.publicCaller(), "WhoAmI");
            return response.up().build();
        } catch (RuntimeException e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }
}

package org.dawaledger.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the ledger answers a read: the contract runs on the local copy and the copy has its blocks. */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {
    private final GatewayLedger ledger;

    LedgerReadiness(final GatewayLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            ledger.ledger().evaluate(ledger.publicCaller(), "WhoAmI");
            return HealthCheckResponse.named("ledger").withData("height", ledger.ledger().height()).up().build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("ledger").withData("error", String.valueOf(e.getMessage())).down()
                    .build();
        }
    }
}

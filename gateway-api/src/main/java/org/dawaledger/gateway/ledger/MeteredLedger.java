package org.dawaledger.gateway.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.Evaluated;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.RefusedException;
import org.dawaledger.ledger.Submitted;
import org.jboss.logging.Logger;

/**
 * The ledger as the gateway calls it: every chaincode transaction timed in {@code dawaledger.chaincode} (tags:
 * transaction, kind, outcome: {@code VALID}, the validation code, or the contract's error code), and every committed
 * write logged with its transaction id and block. Nothing of the caller's credentials is logged.
 */
final class MeteredLedger implements Ledger {
    private static final Logger LOG = Logger.getLogger(MeteredLedger.class);

    private final Ledger ledger;
    private final MeterRegistry registry;

    MeteredLedger(final Ledger ledger, final MeterRegistry registry) {
        this.ledger = ledger;
        this.registry = registry;
    }

    @Override
    public Submitted submit(final Caller caller, final String function, final String... arguments) {
        final Submitted submitted = timed(function, "submit", () -> ledger.submit(caller, function, arguments),
                s -> s.validationCode().name());
        LOG.infof("%s by %s: transaction %s in block %d, %s", function, caller.mspId(), submitted.transactionId(),
                submitted.blockNumber(), submitted.validationCode());
        return submitted;
    }

    @Override
    public Evaluated evaluate(final Caller caller, final String function, final String... arguments) {
        return timed(function, "evaluate", () -> ledger.evaluate(caller, function, arguments), e -> "VALID");
    }

    private <T> T timed(final String function, final String kind, final Supplier<T> call,
            final java.util.function.Function<T, String> outcome) {
        final Timer.Sample sample = Timer.start(registry);
        String result = "INTERNAL_ERROR";
        try {
            final T answer = call.get();
            result = outcome.apply(answer);
            return answer;
        } catch (RefusedException e) {
            result = e.code().orElse("INTERNAL_ERROR");
            throw e;
        } finally {
            sample.stop(Timer.builder("dawaledger.chaincode").description("Chaincode transactions the gateway ran")
                    .tag("transaction", function).tag("kind", kind).tag("outcome", result).register(registry));
        }
    }

    @Override
    public long height() {
        return ledger.height();
    }

    @Override
    public BlockFeed blocks(final long fromBlock) {
        return ledger.blocks(fromBlock);
    }

    @Override
    public void close() {
        ledger.close();
    }
}

package org.dawaledger.chaincode;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * The chaincode service each organisation runs for its peer: the shim's {@link ContractRouter}, whose logs are kept
 * to what an operator needs. The shim logs every refused call as SEVERE with a stack trace, twice; a refusal is the
 * ledger working, not a fault, so those records are dropped. Faults ({@code INTERNAL_ERROR}) are still logged.
 */
public final class ChaincodeService {
    private ChaincodeService() {
    }

    /**
     * Starts the chaincode service: {@code CHAINCODE_SERVER_ADDRESS}, {@code CORE_CHAINCODE_ID_NAME} and the shim's
     * TLS variables configure it, as for the shim's own main.
     */
    public static void main(final String[] args) throws Exception {
        quietenRefusals();
        ContractRouter.main(args);
    }

    /**
     * The contract behind the shim's router, to run in-process (the embedded ledger, reads on a local copy) rather
     * than as a service: {@code invoke(stub)} routes a call exactly as for a peer. No server is started.
     *
     * @throws IllegalStateException if the shim cannot set up its router
     */
    public static Chaincode inProcess() {
        return router();
    }

    /**
     * The contract in-process, with the regulator's MSP pinned as every chaincode service of a network pins it with
     * {@code DAWALEDGER_REGULATOR_MSP} (which, where set, still wins).
     *
     * @throws IllegalStateException if the shim cannot set up its router
     */
    public static Chaincode inProcess(final String regulatorMspId) {
        System.setProperty(DawaLedgerContract.REGULATOR_MSP_PROPERTY, regulatorMspId);
        return router();
    }

    private static Chaincode router() {
        quietenRefusals();
        quietenStartUp();
        // The shim's argument parser wants a peer address; nothing dials it.
        final ContractRouter router = new ContractRouter(new String[] {"--id", "dawaledger:in-process",
            "--peer.address", "127.0.0.1:7052"});
        try {
            startWithoutServer(router);
            quietenCalls();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the shim could not set up its router", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shim set up its router", e);
        }
        return router;
    }

    /**
     * The shim logs three INFO lines for every call it routes: a service's operator may want them, a gateway running
     * thousands of reads a second in-process does not. The loggers are held, as JUL keeps only weak references.
     */
    private static void quietenCalls() {
        for (final String name : SHIM_LOGGERS) {
            final Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETENED.add(logger);
        }
    }

    /**
     * While the router is set up the shim logs its settings and the contract's whole metadata at INFO, and sets its
     * loggers' levels from its environment as it goes, so levels set beforehand do not hold: the root handlers,
     * which every record reaches, drop the shim's records below WARNING instead.
     */
    private static void quietenStartUp() {
        for (final Handler handler : Logger.getLogger("").getHandlers()) {
            final Filter existing = handler.getFilter();
            handler.setFilter(record -> !isShimChatter(record) && (existing == null || existing.isLoggable(record)));
        }
    }

    private static boolean isShimChatter(final java.util.logging.LogRecord record) {
        return record.getLevel().intValue() < Level.WARNING.intValue() && record.getLoggerName() != null
                && record.getLoggerName().startsWith("org.hyperledger.");
    }

    private static final List<String> SHIM_LOGGERS = List.of("org.hyperledger", "org.hyperledger.fabric",
            "org.hyperledger.fabric.shim", "org.hyperledger.fabric.contract");
    private static final List<Logger> QUIETENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void startWithoutServer(final ContractRouter router)
            throws java.io.IOException, InterruptedException {
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() {
                // In-process: whoever holds the router invokes it.
            }

            @Override
            public void stop() {
                // Nothing was started.
            }
        });
    }

    /**
     * Drops the shim's records of refused calls at the root handlers, which every record reaches: the shim logs them
     * through loggers of its own that no filter on a named logger would catch. Everything else passes.
     */
    static void quietenRefusals() {
        for (final Handler handler : Logger.getLogger("").getHandlers()) {
            final Filter existing = handler.getFilter();
            handler.setFilter(record -> !isRefusal(record.getLevel(), record.getMessage())
                    && (existing == null || existing.isLoggable(record)));
        }
    }

    /**
     * Whether a shim log record reports a call the ledger refused: the router's "[CODE] …" of a LedgerRefusal other
     * than INTERNAL_ERROR, or the invocation task's "Invoke failed with error code 500", which follows every failed
     * call and says nothing the router's record did not.
     */
    static boolean isRefusal(final Level level, final String message) {
        if (message == null || level.intValue() < Level.WARNING.intValue()) {
            return false;
        }
        if (message.contains("Invoke failed with error code 500")) {
            return true;
        }
        return message.contains("LedgerRefusal: [") && !message.contains("LedgerRefusal: [INTERNAL_ERROR]");
    }
}

package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dawaledger.chaincode.testing.InMemoryLedger;
import org.dawaledger.chaincode.testing.TestIdentity;
import org.hyperledger.fabric.shim.Chaincode;
import org.junit.jupiter.api.Test;

class ChaincodeServiceTest {
    @Test
    void inProcessTheRouterRoutesCallsToTheContractAsForAPeer() {
        final Chaincode contract = ChaincodeService.inProcess();
        final InMemoryLedger ledger = new InMemoryLedger();
        final TestIdentity stranger = TestIdentity.of("PharmacyMSP", "User1");

        final Chaincode.Response answered = ledger.invoke(stranger, contract, "WhoAmI");
        final Chaincode.Response refused = ledger.invoke(stranger, contract, "GetParticipant", "0000000000000");
        final Chaincode.Response unknown = ledger.invoke(stranger, contract, "NoSuchTransaction");

        assertThat(answered.getStatus().getCode()).isEqualTo(200);
        assertThat(answered.getStringPayload()).contains("PharmacyMSP");
        assertThat(refused.getStatus().getCode()).isEqualTo(500);
        assertThat(refused.getMessage()).startsWith("[");
        assertThat(unknown.getStatus().getCode()).isEqualTo(500);
    }

    @Test
    void inProcessTheRouterLogsNoLineForACallItRoutes() {
        final Chaincode contract = ChaincodeService.inProcess();
        final InMemoryLedger ledger = new InMemoryLedger();
        final List<LogRecord> logged = new ArrayList<>();
        final Handler capture = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        final Logger router = Logger.getLogger(org.hyperledger.fabric.contract.ContractRouter.class.getName());
        router.addHandler(capture);
        try {
            ledger.invoke(TestIdentity.of("PharmacyMSP", "User1"), contract, "WhoAmI");
        } finally {
            router.removeHandler(capture);
        }

        assertThat(logged).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void theShimsRecordsOfRefusedCallsAreDroppedAndFaultsAreStillLogged() {
        final List<String> logged = new ArrayList<>();
        final Handler capture = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                if (isLoggable(record)) {
                    logged.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        final Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            ChaincodeService.quietenRefusals();
            // The shim's own logger class, unregistered, whose records reach the root handlers through its parent.
            final Logger shim = org.hyperledger.fabric.Logger.getLogger("org.hyperledger.fabric.shim.ResponseUtils");
            shim.severe("[ROLE_NOT_PERMITTED] no\norg.dawaledger.chaincode.ledger.LedgerRefusal: [ROLE_NOT_PERMITTED]");
            shim.severe("[INTERNAL_ERROR] fault\norg.dawaledger.chaincode.ledger.LedgerRefusal: [INTERNAL_ERROR] x");
            shim.severe("Unexpected error: java.lang.NullPointerException");
            Logger.getLogger("org.hyperledger.fabric.shim.impl.ChaincodeInvocationTask")
                    .severe("[a6192bea] Invoke failed with error code 500. Sending ERROR");
            Logger.getLogger("org.hyperledger.fabric.shim.impl.ChaincodeInvocationTask").warning("something else");
        } finally {
            root.removeHandler(capture);
        }

        assertThat(logged).containsExactly(
                "[INTERNAL_ERROR] fault\norg.dawaledger.chaincode.ledger.LedgerRefusal: [INTERNAL_ERROR] x",
                "Unexpected error: java.lang.NullPointerException", "something else");
    }
}

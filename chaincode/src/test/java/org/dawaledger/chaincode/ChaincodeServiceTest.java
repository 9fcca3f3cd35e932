package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ChaincodeServiceTest {
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

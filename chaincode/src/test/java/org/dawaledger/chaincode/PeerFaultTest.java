package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dawaledger.chaincode.LedgerFixture.EXPIRY;
import static org.dawaledger.chaincode.LedgerFixture.GTIN;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.dawaledger.chaincode.ledger.LedgerRefusal;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the peer refuses one of the chaincode's state requests, the shim throws a bare ContractRuntimeException, a
 * ChaincodeException that names no code. It must reach the client as INTERNAL_ERROR, saying which request failed.
 */
class PeerFaultTest {
    private final LedgerFixture f = LedgerFixture.withCommissionedPacks();

    private ChaincodeException failure(final Function<Context, String> call, final boolean submit) {
        final Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
            if (submit) {
                f.ledger.submit(f.regulator, call);
            } else {
                f.ledger.evaluate(f.regulator, call);
            }
        });
        assertThat(thrown).isInstanceOf(LedgerRefusal.class);
        final ChaincodeException failure = (ChaincodeException) thrown;
        assertThat(failure.getMessage()).startsWith("[INTERNAL_ERROR] the peer could not ")
                .contains("Unsuccessful response received.");
        assertThat(new String(failure.getPayload(), StandardCharsets.UTF_8)).isEqualTo("INTERNAL_ERROR");
        return failure;
    }

    @Test
    void aFailedReadReachesTheClientAsAnInternalErrorNamingTheKey() {
        f.ledger.failNext("GET_STATE", "leveldb: closed");

        // Before the fix: "[xxxxxxxx]Unsuccessful response received." with no code.
        assertThat(failure(ctx -> f.contract.verifyPack(ctx, GTIN, "S0001", "LOT1", EXPIRY), false))
                .hasMessageContaining("read product/" + GTIN);
        assertThat(f.ledger.peerLog()).last().asString().endsWith("leveldb: closed");
    }

    @Test
    void aFailedWriteReachesTheClientAsAnInternalError() {
        f.ledger.failNext("PUT_STATE", "disk full");

        assertThat(failure(ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1", "contaminated"), true))
                .hasMessageContaining("write batch/" + GTIN + "/LOT1");
        assertThat(f.query(f.outsider, ctx -> f.contract.getBatch(ctx, GTIN, "LOT1")).get("status").asText())
                .isEqualTo("RELEASED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET_STATE_BY_RANGE", "GET_HISTORY_FOR_KEY"})
    void aFailedQueryReachesTheClientAsAnInternalError(final String request) {
        f.ledger.failNext(request, "iterator released");

        failure(request.equals("GET_STATE_BY_RANGE") ? ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", "")
                : ctx -> f.contract.getPackHistory(ctx, GTIN, "S0001", "", ""), false);
    }

    @Test
    void aFailureWhileIteratingAQueryReachesTheClientAsAnInternalErrorToo() {
        for (final String lot : java.util.List.of("LOT2", "LOT3")) {
            f.registerBatch(GTIN, lot, EXPIRY, 1);
        }
        f.ledger.failNext("QUERY_STATE_NEXT", "iterator expired");

        // The shim throws while the rule iterates, outside any single request the ledger wraps.
        final Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> f.ledger.evaluate(f.pharmacy,
                ctx -> f.contract.listBatchesByProduct(ctx, GTIN, "", "")));

        assertThat(thrown).isInstanceOf(LedgerRefusal.class)
                .hasMessageStartingWith("[INTERNAL_ERROR] ContractRuntimeException: ")
                .hasMessageContaining("Unsuccessful response received.");
    }

    @Test
    void aRefusalOfTheLedgerIsNotMistakenForAFault() {
        assertThatThrownBy(() -> f.ledger.submit(f.pharmacy, ctx -> f.contract.recallBatch(ctx, GTIN, "LOT1",
                "not mine"))).isInstanceOf(LedgerRefusal.class).hasMessageStartingWith("[ROLE_NOT_PERMITTED] ");
    }
}

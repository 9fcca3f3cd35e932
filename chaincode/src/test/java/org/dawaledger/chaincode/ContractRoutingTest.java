package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls the contract through the shim's own {@link ContractRouter}, as a peer does: by transaction name with string
 * arguments. This is what the deployed jar runs, so it proves the contract is found, its metadata builds, and names,
 * answers and error codes reach clients as the gateway expects.
 */
class ContractRoutingTest {
    private static ContractRouter router;

    @BeforeAll
    static void startTheRouterAsTheChaincodeJarDoes() throws Exception {
        router = new ContractRouter(new String[] {"--id", "dawaledger:test", "--peer.address", "127.0.0.1:7052"});
        // Scans the classpath for contracts and builds the metadata, as the jar's main does before serving.
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() {
                // No network: the test invokes the router directly.
            }

            @Override
            public void stop() {
                // Nothing was started.
            }
        });
    }

    @Test
    void everyTransactionOfTheContractIsPublishedUnderItsNameAndIntent() {
        final LedgerFixture f = new LedgerFixture();
        final Chaincode.Response response = f.ledger.invoke(f.outsider, router, "org.hyperledger.fabric:GetMetadata");
        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        final JsonNode transactions = LedgerFixture.parse(response.getStringPayload())
                .at("/contracts/dawaledger/transactions");
        final Map<String, String> published = new java.util.TreeMap<>();
        transactions.forEach(tx -> published.put(tx.get("name").asText(), tx.get("tags").get(0).asText()));

        final Map<String, String> declared = Arrays.stream(DawaLedgerContract.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Transaction.class))
                .map(method -> method.getAnnotation(Transaction.class))
                .collect(Collectors.toMap(Transaction::name, tx -> tx.intent().name(), (a, b) -> a,
                        java.util.TreeMap::new));
        assertThat(published).isEqualTo(declared);
        assertThat(published.keySet()).contains("InitLedger", "RegisterParticipant", "SetParticipantStatus",
                "GetParticipant", "WhoAmI", "RegisterProduct", "WithdrawProduct", "RegisterBatch", "DeclareImport",
                "ClearImport", "QuarantineBatch", "ReleaseBatch", "RecallBatch", "CommissionPacks", "ShipPacks",
                "ReceiveShipment", "RejectShipment", "CancelShipment", "GetShipment", "GetStockHolding", "VerifyPack",
                "DispensePacks", "DecommissionPacks", "UndoDecommission", "ReportSuspectPack", "ResolveAlert",
                "GetAlert", "GetPackHistory", "ListAlerts", "ListPendingImports", "ListImportsByImporter",
                "ListBatchesByProduct", "ListShipmentsByReceiver");
    }

    @Test
    void everyTransactionMethodTakesTheContextFirstAndAnswersWithText() {
        final Set<Method> transactions = Arrays.stream(DawaLedgerContract.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Transaction.class)).collect(Collectors.toSet());
        assertThat(transactions).isNotEmpty().allSatisfy(method -> {
            assertThat(method.getParameterTypes()[0]).isEqualTo(org.hyperledger.fabric.contract.Context.class);
            assertThat(Arrays.asList(method.getParameterTypes()).subList(1, method.getParameterCount()))
                    .allSatisfy(type -> assertThat(type).isEqualTo(String.class));
            assertThat(method.getReturnType()).isEqualTo(String.class);
        });
    }

    @Test
    void aSuccessfulQueryAnswersWithJsonEvenOnAnEmptyLedger() {
        final LedgerFixture f = new LedgerFixture();

        final Chaincode.Response verdict = f.ledger.invoke(f.outsider, router, "VerifyPack", LedgerFixture.GTIN,
                "S0001", "LOT1", LedgerFixture.EXPIRY);
        final Chaincode.Response whoAmI = f.ledger.invoke(f.regulator, router, "WhoAmI");

        assertThat(verdict.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(LedgerFixture.parse(verdict.getStringPayload()).get("verdict").asText())
                .isEqualTo("UNKNOWN_PRODUCT");
        assertThat(whoAmI.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        final JsonNode me = LedgerFixture.parse(whoAmI.getStringPayload());
        assertThat(me.get("mspId").asText()).isEqualTo(LedgerFixture.REGULATOR_MSP);
        assertThat(me.has("participant")).isFalse();
        assertThat(f.ledger.stateSize()).isZero();
    }

    @Test
    void aSuccessfulCallAnswersWithJsonAndIsCommitted() {
        final LedgerFixture f = LedgerFixture.licensed();

        final Chaincode.Response response = f.ledger.invoke(f.manufacturer, router, "RegisterProduct",
                LedgerFixture.GTIN, "Paracetamol", "500 mg", "tablet", "REG-1", "");

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        final JsonNode product = LedgerFixture.parse(response.getStringPayload());
        assertThat(product.get("gtin").asText()).isEqualTo(LedgerFixture.GTIN);
        assertThat(f.ledger.lastEvent().orElseThrow().name()).isEqualTo("ProductRegistered");
        final Chaincode.Response read = f.ledger.invoke(f.pharmacy, router, "GetProduct", LedgerFixture.GTIN);
        assertThat(LedgerFixture.parse(read.getStringPayload())).isEqualTo(product);
        final Chaincode.Response whoAmI = f.ledger.invoke(f.manufacturer, router, "WhoAmI");
        assertThat(LedgerFixture.parse(whoAmI.getStringPayload()).at("/participant/gln").asText())
                .isEqualTo(LedgerFixture.MANUFACTURER_GLN);
    }

    @Test
    void withoutThePinnedRegulatorMspInitLedgerThroughTheRouterIsRefusedAndChangesNothing() {
        // The router builds the contract with its public constructor, which reads the pin from the environment.
        assumeTrue(System.getenv(DawaLedgerContract.REGULATOR_MSP_VARIABLE) == null,
                "the tests run without " + DawaLedgerContract.REGULATOR_MSP_VARIABLE);
        final LedgerFixture f = new LedgerFixture();

        final Chaincode.Response response = f.ledger.invoke(f.regulator, router, "InitLedger",
                LedgerFixture.REGULATOR_MSP, LedgerFixture.REGULATOR_GLN, "Drug Regulatory Authority", "DRAP-001");

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).startsWith("[ROLE_NOT_PERMITTED] ")
                .contains(DawaLedgerContract.REGULATOR_MSP_VARIABLE);
        assertThat(new String(response.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ROLE_NOT_PERMITTED");
        assertThat(f.ledger.lastFailedAttempt().orElseThrow().event()).isEmpty();
        final Chaincode.Response whoAmI = f.ledger.invoke(f.regulator, router, "WhoAmI");
        assertThat(LedgerFixture.parse(whoAmI.getStringPayload()).has("participant")).isFalse();
    }

    @Test
    void aRefusedCallCarriesItsCodeInTheMessageAndChangesNothing() {
        final LedgerFixture f = LedgerFixture.licensed();

        final Chaincode.Response response = f.ledger.invoke(f.pharmacy, router, "RegisterProduct",
                LedgerFixture.GTIN, "Paracetamol", "500 mg", "tablet", "REG-1", "");

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).startsWith("[ROLE_NOT_PERMITTED] ");
        assertThat(new String(response.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ROLE_NOT_PERMITTED");
        assertThat(f.ledger.lastFailedAttempt().orElseThrow().event()).isEmpty();
    }

    @Test
    void anArgumentTheShimCannotMatchIsRefusedWithoutChangingAnything() {
        final LedgerFixture f = LedgerFixture.licensed();

        final Chaincode.Response wrongArity = f.ledger.invoke(f.manufacturer, router, "RegisterProduct",
                LedgerFixture.GTIN);
        final Chaincode.Response unknown = f.ledger.invoke(f.manufacturer, router, "MintMoney");

        assertThat(wrongArity.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(unknown.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(unknown.getMessage()).isEqualTo("Undefined contract method called");
    }

    @Test
    void aPeerFaultReachesTheClientWithItsCodeInTheMessage() {
        final LedgerFixture f = LedgerFixture.withCommissionedPacks();
        f.ledger.failNext("GET_STATE", "leveldb: closed");

        // Before the fix the shim's bare ContractRuntimeException passed through: "[xxxxxxxx]Unsuccessful response
        // received.", without a code.
        final Chaincode.Response response = f.ledger.invoke(f.outsider, router, "VerifyPack", LedgerFixture.GTIN,
                "S0001", "LOT1", LedgerFixture.EXPIRY);

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).startsWith("[INTERNAL_ERROR] the peer could not read product/")
                .contains("Unsuccessful response received.");
        assertThat(new String(response.getPayload(), StandardCharsets.UTF_8)).isEqualTo("INTERNAL_ERROR");
    }
}

package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Organisation;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily work of every role, through the REST API only, on the embedded ledger's demo world. */
@QuarkusTest
class RestStoryTest {
    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    private Api api;

    @BeforeEach
    void signIn() {
        api = new Api(config.dataDir());
    }

    private static Map<String, Object> pack(final String gtin, final String serial) {
        return Map.of("gtin", gtin, "serial", serial);
    }

    private static Map<String, String> reason(final String why) {
        return Map.of("reason", why);
    }

    /** A new approved product of the demo manufacturer with one batch of commissioned packs S1…Sn. */
    private String productWithPacks(final String lot, final int packs) {
        final String gtin = Api.newGtin();
        api.post("manufacturer", "/api/v1/products", Map.of("gtin", gtin, "name", "Brufen", "strength", "400 mg",
                "dosageForm", "tablet", "registrationNumber", "REG-" + gtin)).statusCode(200)
                .body("result.status", equalTo("PENDING_APPROVAL"));
        api.post("regulator", "/api/v1/products/" + gtin + "/approval", reason("registration confirmed"))
                .statusCode(200).body("result.status", equalTo("APPROVED"));
        api.post("manufacturer", "/api/v1/batches", Map.of("gtin", gtin, "lot", lot, "expiry", "291231",
                "quantity", Integer.toString(packs))).statusCode(200);
        api.post("manufacturer", "/api/v1/batches/" + gtin + "/" + lot + "/packs", Map.of("serials",
                java.util.stream.IntStream.rangeClosed(1, packs).mapToObj(n -> "S" + n).toList())).statusCode(200);
        return gtin;
    }

    @Test
    void aProductGoesFromRegistrationThroughTheSupplyChainToAPatient() {
        final String gtin = Api.newGtin();
        api.post("manufacturer", "/api/v1/products", Map.of("gtin", gtin, "name", "Brufen", "strength", "400 mg",
                "dosageForm", "tablet", "registrationNumber", "REG-77")).statusCode(200)
                .body("validation", equalTo("VALID")).body("transactionId", notNullValue())
                .body("block", notNullValue());
        api.get("regulator", "/api/v1/products/pending?pageSize=1000").statusCode(200)
                .body("records.gtin", hasItem(gtin));
        api.post("regulator", "/api/v1/products/" + gtin + "/approval", reason("REG-77 confirmed")).statusCode(200);
        api.get("manufacturer", "/api/v1/products/" + gtin).statusCode(200).body("status", equalTo("APPROVED"))
                .header("Ledger-Block", notNullValue());

        api.post("manufacturer", "/api/v1/batches", Map.of("gtin", gtin, "lot", "BR01", "expiry", "291231",
                "quantity", "3")).statusCode(200).body("result.lot", equalTo("BR01"));
        api.post("manufacturer", "/api/v1/batches/" + gtin + "/BR01/packs", Map.of("serials",
                List.of("B1", "B2", "B3"))).statusCode(200);
        api.get("manufacturer", "/api/v1/batches/" + gtin + "/BR01").statusCode(200)
                .body("status", equalTo("RELEASED"));
        api.get("manufacturer", "/api/v1/batches/" + gtin + "/BR01/holdings/" + DemoWorld.MANUFACTURER_GLN)
                .statusCode(200).body("holderGln", equalTo(DemoWorld.MANUFACTURER_GLN));
        api.get("pharmacy", "/api/v1/batches/" + gtin + "/BR01/holdings/" + DemoWorld.MANUFACTURER_GLN)
                .statusCode(403).body("code", equalTo("ACCESS_DENIED"));
        api.get("regulator", "/api/v1/products/" + gtin + "/batches").statusCode(200)
                .body("records.lot", hasItem("BR01"));

        final String toDistributor = api.post("manufacturer", "/api/v1/shipments", Map.of("receiverGln",
                DemoWorld.DISTRIBUTOR_GLN, "packs", List.of(pack(gtin, "B1"), pack(gtin, "B2"), pack(gtin, "B3"))))
                .statusCode(200).body("result.status", equalTo("IN_TRANSIT")).extract().path("result.shipmentId");
        api.get("distributor", "/api/v1/shipments?receiver=" + DemoWorld.DISTRIBUTOR_GLN
                + "&status=IN_TRANSIT&pageSize=1000").statusCode(200).body("records.shipmentId", hasItem(toDistributor));
        api.get("pharmacy", "/api/v1/shipments?receiver=" + DemoWorld.DISTRIBUTOR_GLN).statusCode(403)
                .body("code", equalTo("ACCESS_DENIED"));
        api.get("distributor", "/api/v1/shipments/" + toDistributor).statusCode(200)
                .body("receiverGln", equalTo(DemoWorld.DISTRIBUTOR_GLN));
        api.as("distributor").when().post("/api/v1/shipments/" + toDistributor + "/receipt").then().statusCode(200)
                .body("result.status", equalTo("RECEIVED"));

        final String toPharmacy = api.post("distributor", "/api/v1/shipments", Map.of("receiverGln",
                DemoWorld.PHARMACY_GLN, "packs", List.of(pack(gtin, "B1"), pack(gtin, "B2")))).statusCode(200)
                .extract().path("result.shipmentId");
        api.as("pharmacy").when().post("/api/v1/shipments/" + toPharmacy + "/receipt").then().statusCode(200);

        api.post("pharmacy", "/api/v1/dispense", Map.of("packs", List.of(pack(gtin, "B1")))).statusCode(200)
                .body("result[0].code", equalTo("SUPPLIED"));
        api.get("regulator", "/api/v1/packs/" + gtin + "/B1/history").statusCode(200)
                .body("records.action", equalTo(List.of("COMMISSIONED", "SHIPPED", "RECEIVED", "SHIPPED",
                        "RECEIVED", "DISPENSED")));
        api.get("pharmacy", "/api/v1/packs/" + gtin + "/B1/history").statusCode(200);
        api.get("importer", "/api/v1/packs/" + gtin + "/B1/history").statusCode(403)
                .body("code", equalTo("ACCESS_DENIED"));
    }

    @Test
    void anImportStaysUnsellableUntilTheRegulatorClearsIt() {
        final String gtin = Api.newForeignGtin();
        api.post("importer", "/api/v1/products", Map.of("gtin", gtin, "name", "Augmentin", "strength", "1 g",
                "dosageForm", "tablet", "registrationNumber", "REG-I-9", "foreignManufacturer", "Beecham"))
                .statusCode(200);
        api.post("regulator", "/api/v1/products/" + gtin + "/approval", reason("REG-I-9")).statusCode(200);
        api.post("importer", "/api/v1/imports", Map.of("gtin", gtin, "lot", "IM1", "expiry", "291231",
                "quantity", "10", "permitNumber", "P-1", "portOfEntry", "Karachi Port", "foreignManufacturer",
                "Beecham")).statusCode(200).body("result.status", equalTo("PENDING_CLEARANCE"));
        api.get("regulator", "/api/v1/imports?pageSize=1000").statusCode(200).body("records.lot", hasItem("IM1"));
        api.get("importer", "/api/v1/imports?importer=" + DemoWorld.IMPORTER_GLN).statusCode(200)
                .body("records.lot", hasItem("IM1"));
        api.get("importer", "/api/v1/imports").statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        api.post("importer", "/api/v1/imports/" + gtin + "/IM1/clearance", Map.of("decision", "RELEASE",
                "reason", "mine")).statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));

        api.post("regulator", "/api/v1/imports/" + gtin + "/IM1/clearance", Map.of("decision", "RELEASE",
                "reason", "CoA checked")).statusCode(200).body("result.status", equalTo("RELEASED"));
        api.post("regulator", "/api/v1/imports/" + gtin + "/IM1/clearance", Map.of("decision", "RELEASE",
                "reason", "again")).statusCode(409).body("code", equalTo("IMPORT_NOT_PENDING"));
    }

    @Test
    void theRegulatorTriagesAnAlertRaisedByASecondDispense() {
        final String gtin = productWithPacks("AL1", 2);
        final String shipment = api.post("manufacturer", "/api/v1/shipments", Map.of("receiverGln",
                DemoWorld.PHARMACY_GLN, "packs", List.of(pack(gtin, "S1")))).statusCode(200)
                .extract().path("result.shipmentId");
        api.as("pharmacy").when().post("/api/v1/shipments/" + shipment + "/receipt").then().statusCode(200);
        api.post("pharmacy", "/api/v1/dispense", Map.of("packs", List.of(pack(gtin, "S1")))).statusCode(200);
        final String alertId = api.post("pharmacy", "/api/v1/dispense", Map.of("packs",
                List.of(pack(gtin, "S1")))).statusCode(200).body("result[0].code", equalTo("ALREADY_SUPPLIED"))
                .extract().path("result[0].alertId");

        api.get("regulator", "/api/v1/alerts?status=OPEN&pageSize=1000").statusCode(200)
                .body("records.alertId", hasItem(alertId));
        api.get("pharmacy", "/api/v1/alerts/" + alertId).statusCode(200).body("status", equalTo("OPEN"));
        api.get("pharmacy", "/api/v1/alerts").statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        api.post("pharmacy", "/api/v1/alerts/" + alertId + "/resolution", Map.of("finding", "FALSE_ALARM",
                "note", "mine")).statusCode(403);
        api.post("regulator", "/api/v1/alerts/" + alertId + "/resolution", Map.of("finding", "FALSE_ALARM",
                "note", "till scanned twice")).statusCode(200).body("result.status", equalTo("RESOLVED"));
        api.post("regulator", "/api/v1/alerts/" + alertId + "/resolution", Map.of("finding", "FALSE_ALARM",
                "note", "again")).statusCode(409).body("code", equalTo("ALERT_ALREADY_RESOLVED"));

        final String reported = api.post("pharmacy", "/api/v1/alerts", Map.of("gtin", gtin, "serial", "S2",
                "description", "print smudged")).statusCode(200).extract().path("result.alertId");
        api.get("regulator", "/api/v1/alerts/" + reported).statusCode(200).body("raisedBy",
                equalTo(DemoWorld.PHARMACY_GLN));
    }

    @Test
    void theRegulatorHoldsAndRecallsBatchesAndLocksSuspectPacks() {
        final String gtin = productWithPacks("RC1", 4);
        final String path = "/api/v1/batches/" + gtin + "/RC1";
        api.post("manufacturer", path + "/quarantine", reason("mine")).statusCode(403);
        api.post("regulator", path + "/quarantine", reason("sampling")).statusCode(200)
                .body("result.status", equalTo("QUARANTINED"));
        api.post("regulator", path + "/release", reason("samples passed")).statusCode(200)
                .body("result.status", equalTo("RELEASED"));

        final Map<String, Object> suspects = Map.of("packs", List.of(pack(gtin, "S1")), "reason", "held for tests");
        api.post("regulator", "/api/v1/locked-packs", suspects).statusCode(200);
        api.post("regulator", "/api/v1/locked-packs/release", suspects).statusCode(200);
        api.post("regulator", "/api/v1/locked-packs", Map.of("packs", List.of(pack(gtin, "S2")), "reason", "x"))
                .statusCode(200);
        api.post("regulator", "/api/v1/locked-packs/destruction", Map.of("packs", List.of(pack(gtin, "S2")),
                "reason", "falsified")).statusCode(200);
        api.post("pharmacy", "/api/v1/locked-packs", suspects).statusCode(403);

        api.post("manufacturer", "/api/v1/decommission", Map.of("packs", List.of(pack(gtin, "S3")), "reason",
                "SAMPLE")).statusCode(200).body("result[0].code", equalTo("SAMPLE"));
        api.as("manufacturer").when().post("/api/v1/packs/" + gtin + "/S3/undo-decommission").then()
                .statusCode(200);

        api.post("regulator", path + "/recall", reason("dissolution failure")).statusCode(200)
                .body("result.status", equalTo("RECALLED"));
        Api.anonymous().body(Map.of("gtin", gtin, "serial", "S4")).when().post("/api/v1/verify").then()
                .statusCode(200).body("verdict.verdict", equalTo("RECALLED"));

        api.post("regulator", "/api/v1/products/" + gtin + "/withdrawal", reason("licence lapsed")).statusCode(200)
                .body("result.status", equalTo("WITHDRAWN"));
        final String rejected = Api.newGtin();
        api.post("manufacturer", "/api/v1/products", Map.of("gtin", rejected, "name", "X", "strength", "1 mg",
                "dosageForm", "tablet", "registrationNumber", "REG-X")).statusCode(200);
        api.post("regulator", "/api/v1/products/" + rejected + "/rejection", reason("no dossier")).statusCode(200)
                .body("result.status", equalTo("REJECTED"));
    }

    @Test
    void theRegulatorLicensesAPartyAndMovesARevokedPartysStock() {
        final Caller newcomer = ledger.member(Organisation.DISTRIBUTOR, "rest-story-" + System.nanoTime(),
                LocalCa.Role.CLIENT);
        final String gln = "8960000009" + "99";
        final String newGln = gln + org.dawaledger.gs1.Gtin.checkDigit(gln);
        api.post("distributor", "/api/v1/participants", Map.of("gln", newGln, "role", "DISTRIBUTOR", "legalName",
                "Sindh Traders", "licenceNumber", "DDL-9", "mspId", newcomer.mspId(), "certificatePem",
                newcomer.certificatePem())).statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        api.post("regulator", "/api/v1/participants", Map.of("gln", newGln, "role", "DISTRIBUTOR", "legalName",
                "Sindh Traders", "licenceNumber", "DDL-9", "mspId", newcomer.mspId(), "certificatePem",
                newcomer.certificatePem())).statusCode(200).body("result.status", equalTo("ACTIVE"));
        api.get("manufacturer", "/api/v1/participants/" + newGln).statusCode(200)
                .body("legalName", equalTo("Sindh Traders"));
        api.get("manufacturer", "/api/v1/me").statusCode(200).body("participant.gln", equalTo(DemoWorld.MANUFACTURER_GLN));

        final String gtin = productWithPacks("TR1", 3);
        final String shipment = api.post("manufacturer", "/api/v1/shipments", Map.of("receiverGln", newGln,
                "packs", List.of(pack(gtin, "S1")))).statusCode(200).extract().path("result.shipmentId");
        // The newcomer has no token at this gateway: it receives through its own identity, as its gateway would.
        assertThat(ledger.ledger().submit(newcomer, "ReceiveShipment", shipment).isValid()).isTrue();
        final String second = api.post("manufacturer", "/api/v1/shipments", Map.of("receiverGln", newGln,
                "packs", List.of(pack(gtin, "S2")))).statusCode(200).extract().path("result.shipmentId");
        api.post("manufacturer", "/api/v1/shipments/" + second + "/cancellation", reason("wrong address"))
                .statusCode(403).body("code", equalTo("CANCEL_NOT_ALLOWED"));

        api.as("regulator").body(Map.of("status", "REVOKED", "reason", "licence revoked")).when()
                .put("/api/v1/participants/" + newGln + "/status").then().statusCode(200)
                .body("result.status", equalTo("REVOKED"));
        api.post("manufacturer", "/api/v1/shipments/" + second + "/cancellation", reason("receiver revoked"))
                .statusCode(200).body("result.status", equalTo("CANCELLED"));
        api.post("regulator", "/api/v1/custody-transfers", Map.of("holderGln", newGln, "receiverGln",
                DemoWorld.DISTRIBUTOR_GLN, "packs", List.of(pack(gtin, "S1")), "reason", "licence revoked"))
                .statusCode(200).body("result.toGln", equalTo(DemoWorld.DISTRIBUTOR_GLN));

        final String third = api.post("manufacturer", "/api/v1/shipments", Map.of("receiverGln",
                DemoWorld.DISTRIBUTOR_GLN, "packs", List.of(pack(gtin, "S3")))).statusCode(200)
                .extract().path("result.shipmentId");
        api.post("distributor", "/api/v1/shipments/" + third + "/rejection", reason("not ordered"))
                .statusCode(200).body("result.status", equalTo("REJECTED"));

        api.as("regulator").body(Map.of("companyPrefixes", List.of("8960001", "8960077"), "reason",
                "GS1 allocation")).when().put("/api/v1/participants/" + DemoWorld.MANUFACTURER_GLN
                + "/company-prefixes").then().statusCode(200);
        api.post("regulator", "/api/v1/ledger", Map.of("regulatorMspId", "RegulatorMSP", "gln",
                DemoWorld.REGULATOR_GLN, "legalName", "DRAP", "licenceNumber", "X")).statusCode(409)
                .body("code", equalTo("LEDGER_ALREADY_INITIALISED"));
    }
}

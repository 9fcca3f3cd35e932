package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read listings the web pages call, over HTTP on the embedded ledger's demo world: each as the party that may
 * read it, as every party that may not, and with bad arguments.
 */
@QuarkusTest
class ReadListingsResourceTest {
    @Inject
    GatewayConfig config;

    private Api api;

    @BeforeEach
    void signIn() {
        api = new Api(config.dataDir());
    }

    private static Map<String, Object> packs(final String serial) {
        return Map.of("packs", List.of(Map.of("gtin", DemoWorld.GTIN, "serial", serial)));
    }

    private void refused(final String participant, final String path, final int status, final String code) {
        api.get(participant, path).statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    @Test
    void aPharmacyListsThePacksItDispensedOnADayAndNoOtherPartyMay() {
        final String serial = DemoWorld.serial(47);
        api.post("pharmacy", "/api/v1/dispense", packs(serial)).statusCode(200)
                .body("result[0].code", equalTo("SUPPLIED"));
        final List<String> times = api.get("pharmacy", "/api/v1/packs/" + DemoWorld.GTIN + "/" + serial
                + "/history").statusCode(200).extract().path("records.timestamp");
        final String day = times.get(times.size() - 1).substring(0, 10);
        final String path = "/api/v1/packs/dispensed?by=" + DemoWorld.PHARMACY_GLN + "&date=" + day
                + "&pageSize=1000";

        final List<Map<String, Object>> records = api.get("pharmacy", path).statusCode(200)
                .body("bookmark", equalTo("")).extract().path("records.findAll { it.serial == '" + serial + "' }");
        assertThat(records).singleElement().satisfies(pack -> {
            assertThat(pack).containsEntry("gtin", DemoWorld.GTIN).containsEntry("lot", DemoWorld.LOT)
                    .containsEntry("status", "SUPPLIED").containsEntry("decommissionedBy", DemoWorld.PHARMACY_GLN)
                    .containsEntry("lastAction", "DISPENSED");
            assertThat((String) pack.get("decommissionedAt")).startsWith(day);
        });
        api.get("regulator", path).statusCode(200).body("records.serial", hasItem(serial));
        for (final String other : List.of("manufacturer", "importer", "distributor")) {
            refused(other, path, 403, "ACCESS_DENIED");
        }
        refused("pharmacy", "/api/v1/packs/dispensed?by=" + DemoWorld.PHARMACY_GLN + "&date=2026-02-30", 400,
                "INVALID_ARGUMENT");
        refused("pharmacy", "/api/v1/packs/dispensed?by=" + DemoWorld.PHARMACY_GLN, 400, "INVALID_ARGUMENT");
        refused("regulator", "/api/v1/packs/dispensed?by=896000000005&date=" + day, 400, "INVALID_ARGUMENT");
        refused("pharmacy", "/api/v1/packs/dispensed?by=" + DemoWorld.PHARMACY_GLN + "&date=" + day
                + "&pageSize=0", 400, "INVALID_ARGUMENT");
        Api.anonymous().when().get(path).then().statusCode(401);
    }

    @Test
    void aPartyListsTheAlertsItRaisedNewestFirstAndNoOtherPartyMay() {
        final String alertId = api.post("pharmacy", "/api/v1/dispense", packs("NOSUCH47")).statusCode(200)
                .body("result[0].accepted", equalTo(false)).extract().path("result[0].alertId");
        final String path = "/api/v1/alerts?raisedBy=" + DemoWorld.PHARMACY_GLN;

        api.get("pharmacy", path).statusCode(200).body("records[0].alertId", equalTo(alertId))
                .body("records.raisedBy", everyItem(equalTo(DemoWorld.PHARMACY_GLN)));
        api.get("regulator", path + "&pageSize=1").statusCode(200).body("records.alertId", equalTo(List.of(alertId)));
        for (final String other : List.of("manufacturer", "importer", "distributor")) {
            refused(other, path, 403, "ACCESS_DENIED");
        }
        refused("pharmacy", "/api/v1/alerts", 403, "ROLE_NOT_PERMITTED");
        api.get("regulator", "/api/v1/alerts?status=OPEN&pageSize=1000").statusCode(200)
                .body("records.alertId", hasItem(alertId));
        refused("regulator", "/api/v1/alerts?raisedBy=12345", 400, "INVALID_ARGUMENT");
        refused("pharmacy", path + "&pageSize=1001", 400, "INVALID_ARGUMENT");
    }

    @Test
    void anOwnerListsItsProductsAndOnlyTheRegulatorListsEveryProduct() {
        final String manufacturers = "/api/v1/products?pageSize=1000&owner=" + DemoWorld.MANUFACTURER_GLN;

        api.get("manufacturer", manufacturers).statusCode(200).body("records.gtin", hasItem(DemoWorld.GTIN))
                .body("records.gtin", not(hasItem(DemoWorld.IMPORTED_GTIN)))
                .body("records.ownerGln", everyItem(equalTo(DemoWorld.MANUFACTURER_GLN)));
        api.get("importer", "/api/v1/products?owner=" + DemoWorld.IMPORTER_GLN).statusCode(200)
                .body("records.gtin", hasItem(DemoWorld.IMPORTED_GTIN));
        api.get("regulator", manufacturers).statusCode(200).body("records.gtin", hasItem(DemoWorld.GTIN));
        for (final String other : List.of("importer", "distributor", "pharmacy")) {
            refused(other, manufacturers, 403, "ACCESS_DENIED");
        }
        refused("regulator", "/api/v1/products?owner=not-a-gln", 400, "INVALID_ARGUMENT");
        refused("manufacturer", manufacturers.replace("pageSize=1000", "pageSize=abc"), 400, "INVALID_ARGUMENT");

        final List<String> every = api.get("regulator", "/api/v1/products?pageSize=1000").statusCode(200)
                .body("records.gtin", hasItems(DemoWorld.GTIN, DemoWorld.IMPORTED_GTIN)).extract()
                .path("records.gtin");
        assertThat(every).as("in GTIN order").isSorted();
        final String bookmark = api.get("regulator", "/api/v1/products?pageSize=1").statusCode(200)
                .body("fetchedRecordsCount", equalTo(1)).extract().path("bookmark");
        api.as("regulator").queryParam("pageSize", "1").queryParam("bookmark", bookmark).when()
                .get("/api/v1/products").then().statusCode(200).body("records.gtin", equalTo(every.subList(1, 2)));
        for (final String other : List.of("manufacturer", "importer", "distributor", "pharmacy")) {
            refused(other, "/api/v1/products", 403, "ROLE_NOT_PERMITTED");
        }
    }

    @Test
    void onlyTheRegulatorListsEveryParticipant() {
        final List<String> glns = api.get("regulator", "/api/v1/participants").statusCode(200)
                .body("records.gln", hasItems(DemoWorld.REGULATOR_GLN, DemoWorld.MANUFACTURER_GLN,
                        DemoWorld.IMPORTER_GLN, DemoWorld.DISTRIBUTOR_GLN, DemoWorld.PHARMACY_GLN))
                .extract().path("records.gln");
        assertThat(glns).as("in GLN order").isSorted();
        api.get("regulator", "/api/v1/participants?pageSize=2").statusCode(200)
                .body("records.gln", equalTo(glns.subList(0, 2))).body("bookmark", not(equalTo("")));
        for (final String other : List.of("manufacturer", "importer", "distributor", "pharmacy")) {
            refused(other, "/api/v1/participants", 403, "ROLE_NOT_PERMITTED");
        }
        refused("regulator", "/api/v1/participants?pageSize=0", 400, "INVALID_ARGUMENT");
        Api.anonymous().when().get("/api/v1/participants").then().statusCode(401);
    }
}

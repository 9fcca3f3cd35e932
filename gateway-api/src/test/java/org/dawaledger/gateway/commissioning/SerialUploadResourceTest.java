package org.dawaledger.gateway.commissioning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Organisation;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SerialUploadResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "text/csv";
    private static final String LOT = DemoWorld.UNSERIALISED_LOT;

    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    @TestHTTPResource("/")
    URI base;

    // ---------------------------------------------------------------------------------------------------- helpers

    private String bearer(final String participant) {
        return "Bearer " + new TokenStore(config.dataDir()).issue(participant);
    }

    private static List<String> serials(final String prefix, final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> String.format(Locale.ROOT, "%s%06d", prefix, n))
                .toList();
    }

    private static String csv(final List<String> serials) {
        return serials.stream().map(serial -> serial + "\n").collect(Collectors.joining());
    }

    private static ValidatableResponse upload(final String authorization, final String lot,
            final String contentType, final Object body) {
        var request = given().contentType(contentType).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post("/api/v1/batches/{gtin}/{lot}/serial-uploads", DemoWorld.GTIN, lot).then();
    }

    private static JsonPath job(final String authorization, final String id) {
        return given().header("Authorization", authorization).when().get("/api/v1/serial-uploads/{id}", id).then()
                .statusCode(200).extract().jsonPath();
    }

    /** Waits for a job to end, as a client would: polling it. */
    private static JsonPath finished(final String authorization, final String id) throws InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            final JsonPath job = job(authorization, id);
            if (Set.of("DONE", "FAILED").contains(job.getString("state"))) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serial upload " + id + " did not end within a minute: " + job(authorization, id)
                .prettify());
    }

    private Caller manufacturer() {
        return ledger.member(Organisation.MANUFACTURER, "user1", LocalCa.Role.CLIENT);
    }

    private JsonNode evaluate(final Caller caller, final String function, final String... arguments)
            throws IOException {
        return JSON.readTree(ledger.ledger().evaluate(caller, function, arguments).answer());
    }

    /** The pack's verdict on the ledger, given the lot it should be of. */
    private String verdict(final String serial, final String lot) throws IOException {
        return evaluate(ledger.publicCaller(), "VerifyPack", DemoWorld.GTIN, serial, lot, "").path("verdict")
                .asText();
    }

    /** The manufacturer's units of a batch that carry no serial yet. */
    private long unserialised(final String lot) throws IOException {
        return evaluate(manufacturer(), "GetStockHolding", DemoWorld.GTIN, lot, DemoWorld.MANUFACTURER_GLN)
                .path("quantity").asLong();
    }

    private void assertCommissionedExactly(final List<String> serials, final String lot) throws IOException {
        for (final String serial : serials) {
            assertThat(verdict(serial, lot)).as("pack %s", serial).isEqualTo("ACTIVE");
        }
    }

    private List<String> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(config.dataDir().resolve("serial-uploads"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private int jobsOf(final String authorization) {
        return given().header("Authorization", authorization).when().get("/api/v1/serial-uploads").then()
                .statusCode(200).extract().jsonPath().getList("uploads").size();
    }

    /** The call is refused with the problem, and the ledger, the jobs and the spool folder are as they were. */
    private void refusedChangingNothing(final Supplier<ValidatableResponse> call, final int status,
            final String code, final String field) throws IOException {
        final String manufacturer = bearer("manufacturer");
        final long height = ledger.ledger().height();
        final int jobs = jobsOf(manufacturer);
        final List<String> files = spoolFiles();

        final ValidatableResponse refused = call.get().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("status", equalTo(status));
        if (field != null) {
            refused.body("field", equalTo(field));
        }

        assertThat(ledger.ledger().height()).as("blocks").isEqualTo(height);
        assertThat(jobsOf(manufacturer)).as("jobs").isEqualTo(jobs);
        assertThat(spoolFiles()).as("spool folder").isEqualTo(files);
    }

    // ------------------------------------------------------------------------------------------------ accepted

    @Test
    void aCsvUploadCommissionsExactlyItsSerialsChunkByChunk() throws Exception {
        final String manufacturer = bearer("manufacturer");
        final List<String> serials = serials("CSV", 3_500);
        final long unitsBefore = unserialised(LOT);

        final ValidatableResponse accepted = upload(manufacturer, LOT, CSV,
                "serial\r\n" + String.join("\r\n", serials) + "\r\n").statusCode(202)
                .body("total", equalTo(3_500)).body("gtin", equalTo(DemoWorld.GTIN)).body("lot", equalTo(LOT))
                .body("state", oneOf("QUEUED", "RUNNING", "DONE")).body("chunks.size", equalTo(1_000))
                .body("chunks.total", equalTo(4));
        final String id = accepted.extract().path("id");
        assertThat(accepted.extract().header("Location")).endsWith("/api/v1/serial-uploads/" + id);

        final JsonPath done = finished(manufacturer, id);
        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getInt("commissioned")).isEqualTo(3_500);
        assertThat(done.getInt("chunks.done")).isEqualTo(4);
        assertThat(done.getString("lastCommit.transactionId")).isNotBlank();
        assertThat(done.getLong("lastCommit.unserialisedRemaining")).isEqualTo(unitsBefore - 3_500);
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getString("failure")).isNull();

        assertThat(unserialised(LOT)).isEqualTo(unitsBefore - 3_500);
        assertCommissionedExactly(serials, LOT);
        assertThat(verdict("CSV003501", LOT)).isEqualTo("UNKNOWN_SERIAL");
        assertThat(spoolFiles()).as("a finished job's spool is removed").doesNotContain(id + ".serials");
        final List<String> metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().toList();
        assertThat(metrics).filteredOn(line -> line.startsWith("dawaledger_serial_uploads_commissioned_total"))
                .singleElement().satisfies(line -> assertThat(Double.parseDouble(line.substring(line.indexOf(' ')
                        + 1))).isGreaterThanOrEqualTo(3_500));
        assertThat(metrics).anyMatch(line -> line.startsWith("dawaledger_serial_uploads_unfinished"));
    }

    @Test
    void aJsonUploadAsAnObjectOrAsABareArrayCommissionsItsSerials() throws Exception {
        final String manufacturer = bearer("manufacturer");
        final List<String> inObject = serials("JSO", 2_500);
        final List<String> inArray = serials("JSA", 1_200);
        final long unitsBefore = unserialised(LOT);

        final String first = upload(manufacturer, LOT, "application/json", Map.of("serials", inObject))
                .statusCode(202).extract().path("id");
        final String second = upload(manufacturer, LOT, "application/json", inArray).statusCode(202)
                .extract().path("id");

        assertThat(finished(manufacturer, first).getInt("commissioned")).isEqualTo(2_500);
        final JsonPath done = finished(manufacturer, second);
        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getInt("chunks.total")).isEqualTo(2);
        assertThat(unserialised(LOT)).isEqualTo(unitsBefore - 3_700);
        assertCommissionedExactly(inObject, LOT);
        assertCommissionedExactly(inArray, LOT);
    }

    @Test
    void aQuotedCsvSerialKeepsItsCommaAndItsQuote() throws Exception {
        final String manufacturer = bearer("manufacturer");

        final String id = upload(manufacturer, LOT, CSV, "\"Q,1\"\n\"Q\"\"2\"\nQ3").statusCode(202)
                .extract().path("id");

        assertThat(finished(manufacturer, id).getInt("commissioned")).isEqualTo(3);
        assertCommissionedExactly(List.of("Q,1", "Q\"2", "Q3"), LOT);
        assertThat(verdict("Q", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void theCallersJobsAreListedNewestFirstAndNoOtherPartySeesThem() throws Exception {
        final String manufacturer = bearer("manufacturer");
        final String older = upload(manufacturer, LOT, CSV, csv(serials("LSA", 10))).statusCode(202)
                .extract().path("id");
        final String newer = upload(manufacturer, LOT, CSV, csv(serials("LSB", 10))).statusCode(202)
                .extract().path("id");
        finished(manufacturer, newer);

        final List<String> listed = given().header("Authorization", manufacturer).when()
                .get("/api/v1/serial-uploads").then().statusCode(200).extract().jsonPath().getList("uploads.id");
        assertThat(listed).containsSubsequence(newer, older);

        for (final String other : List.of("importer", "pharmacy", "regulator")) {
            final String bearer = bearer(other);
            given().header("Authorization", bearer).when().get("/api/v1/serial-uploads/{id}", newer).then()
                    .statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("SERIAL_UPLOAD_NOT_FOUND"));
            assertThat(given().header("Authorization", bearer).when().get("/api/v1/serial-uploads").then()
                    .statusCode(200).extract().jsonPath().getList("uploads.id")).doesNotContain(newer, older);
        }
        given().when().get("/api/v1/serial-uploads/{id}", newer).then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().when().get("/api/v1/serial-uploads").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", manufacturer).when().get("/api/v1/serial-uploads/{id}", "0123456789abcdef")
                .then().statusCode(404).body("code", equalTo("SERIAL_UPLOAD_NOT_FOUND"));
    }

    // ------------------------------------------------------------------------------- refused by the contract's job

    @Test
    void aChunkTheContractRefusesFailsTheJobAndTheChunksBeforeItStayCommitted() throws Exception {
        final String manufacturer = bearer("manufacturer");
        final List<String> serials = new ArrayList<>(serials("CHF", 3_000));
        // Chunk 3 names a serial of the demo's first batch: the contract refuses that chunk, and only that one.
        serials.set(2_499, DemoWorld.serial(77));

        final String id = upload(manufacturer, LOT, CSV, csv(serials)).statusCode(202).extract().path("id");

        final JsonPath failed = finished(manufacturer, id);
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getInt("commissioned")).isEqualTo(2_000);
        assertThat(failed.getInt("chunks.done")).isEqualTo(2);
        assertThat(failed.getInt("failure.chunk")).isEqualTo(3);
        assertThat(failed.getInt("failure.firstIndex")).isEqualTo(2_000);
        assertThat(failed.getInt("failure.serials")).isEqualTo(1_000);
        assertThat(failed.getString("failure.code")).isEqualTo("SERIAL_ALREADY_COMMISSIONED");
        assertThat(failed.getString("failure.message")).contains(DemoWorld.serial(77));
        assertThat(failed.getString("detail")).contains("stay commissioned").contains("were not commissioned");
        assertCommissionedExactly(serials.subList(0, 2_000), LOT);
        for (final String notSent : List.of(serials.get(2_000), serials.get(2_498), serials.get(2_500),
                serials.get(2_999))) {
            assertThat(verdict(notSent, LOT)).as("pack %s", notSent).isEqualTo("UNKNOWN_SERIAL");
        }
        assertThat(verdict(DemoWorld.serial(77), DemoWorld.LOT)).isEqualTo("ACTIVE");
    }

    // ------------------------------------------------------------------------------------------ idempotent retry

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstJobAndCommissionsOnce() throws Exception {
        final String manufacturer = bearer("manufacturer");
        final String body = csv(serials("IDM", 1_500));
        final long unitsBefore = unserialised(LOT);

        final String first = given().contentType(CSV).header("Authorization", manufacturer)
                .header("Idempotency-Key", "line-4-lot-PAN2402-part-1").body(body).when()
                .post("/api/v1/batches/{gtin}/{lot}/serial-uploads", DemoWorld.GTIN, LOT).then().statusCode(202)
                .extract().path("id");
        finished(manufacturer, first);
        final int jobs = jobsOf(manufacturer);

        given().contentType(CSV).header("Authorization", manufacturer)
                .header("Idempotency-Key", "line-4-lot-PAN2402-part-1").body(body).when()
                .post("/api/v1/batches/{gtin}/{lot}/serial-uploads", DemoWorld.GTIN, LOT).then().statusCode(202)
                .body("id", equalTo(first)).body("state", equalTo("DONE"))
                .header("Location", containsString("/api/v1/serial-uploads/" + first));

        assertThat(jobsOf(manufacturer)).isEqualTo(jobs);
        assertThat(unserialised(LOT)).isEqualTo(unitsBefore - 1_500);
        refusedChangingNothing(() -> given().contentType(CSV).header("Authorization", manufacturer)
                .header("Idempotency-Key", "line-4-lot-PAN2402-part-1").body(csv(serials("IDN", 10))).when()
                .post("/api/v1/batches/{gtin}/{lot}/serial-uploads", DemoWorld.GTIN, LOT).then(),
                422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
    }

    // -------------------------------------------------------------------------------------------------- bad input

    @Test
    void aMalformedSerialRefusesTheUploadNamingItsLineOrIndex() throws IOException {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "serial\nBAD1\nBAD2\nBAD3\nBA D4\nBAD5\n")
                .body("detail", containsString("line 5")).body("detail", containsString("space")),
                400, "INVALID_ARGUMENT", "line 5");
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json",
                Map.of("serials", List.of("BAD6", "BAD7", "BAD8", "X".repeat(21))))
                .body("detail", containsString("21 characters")), 400, "INVALID_ARGUMENT", "serials[3]");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "BAD9\n" + "Y".repeat(100_000) + "\n"),
                400, "INVALID_ARGUMENT", "line 2");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "BAD10\n\"\"\n"),
                400, "INVALID_ARGUMENT", "line 2");
        assertThat(verdict("BAD1", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void aRepeatedSerialRefusesTheUploadNamingBothPlaces() throws IOException {
        final String manufacturer = bearer("manufacturer");
        final List<String> serials = new ArrayList<>(serials("DUP", 2_000));
        serials.set(1_500, serials.get(2));

        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "serial\n" + csv(serials))
                .body("detail", equalTo("line 1502 repeats serial DUP000003 of line 4")),
                400, "DUPLICATE_SERIAL", "line 1502");
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json", serials)
                .body("detail", equalTo("serials[1500] repeats serial DUP000003 of serials[2]")),
                400, "DUPLICATE_SERIAL", "serials[1500]");
        assertThat(verdict("DUP000001", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void malformedCsvIsRefusedNamingTheLine() throws IOException {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\nMCS2,MCS3\n"),
                400, "MALFORMED_CSV", "line 2");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\n\"MCS2\n"),
                400, "MALFORMED_CSV", "line 2");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\n\"MCS2\"x\n"),
                400, "MALFORMED_CSV", "line 2");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\nMC\"S2\n"),
                400, "MALFORMED_CSV", "line 2");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\rMCS2\n"),
                400, "MALFORMED_CSV", "line 1");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "MCS1\n\nMCS2\n"),
                400, "INVALID_ARGUMENT", "line 2");
    }

    @Test
    void malformedJsonOrJsonOfTheWrongShapeIsRefused() throws IOException {
        final String manufacturer = bearer("manufacturer");
        final String json = "application/json";
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "{\"serials\": [\"MJS1\", \"MJS2\""),
                400, "MALFORMED_JSON", "body");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "[\"MJS1\"] [\"MJS2\"]"),
                400, "MALFORMED_JSON", "body");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "[\"MJS1\", 42]")
                .body("detail", equalTo("serials[1] must be a string, not a number")),
                400, "INVALID_ARGUMENT", "serials[1]");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "[\"MJS1\", [\"MJS2\"]]"),
                400, "INVALID_ARGUMENT", "serials[1]");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "[null]"), 400, "INVALID_ARGUMENT",
                "serials[0]");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "{\"serials\": \"MJS1\"}"),
                400, "INVALID_ARGUMENT", "serials");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "{\"serial\": [\"MJS1\"]}"),
                400, "INVALID_ARGUMENT", "serial");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "{\"serials\": [\"MJS1\"], \"serials\": []}"),
                400, "INVALID_ARGUMENT", "serials");
        refusedChangingNothing(() -> upload(manufacturer, LOT, json, "\"MJS1\""), 400, "INVALID_ARGUMENT", "body");
    }

    @Test
    void anUploadNamingNoSerialIsRefused() throws IOException {
        final String manufacturer = bearer("manufacturer");
        for (final String empty : List.of("", "serial\n", "\uFEFFserial\r\n")) {
            refusedChangingNothing(() -> upload(manufacturer, LOT, CSV + "; charset=UTF-8", empty),
                    400, "INVALID_ARGUMENT", "serials");
        }
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json", "[]"),
                400, "INVALID_ARGUMENT", "serials");
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json", "{}"),
                400, "INVALID_ARGUMENT", "serials");
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json", ""),
                400, "INVALID_ARGUMENT", "body");
    }

    @Test
    void anUploadOverTheSizeCapIsA413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        final String manufacturer = bearer("manufacturer");
        // 1M in the test profile (1,048,576 bytes): fewer serials than the cap of their number, spaced out.
        final String huge = serials("BIG", 10_000).stream().map(serial -> " ".repeat(100) + "\"" + serial + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/json", huge), 413, "UPLOAD_TOO_LARGE",
                "body");

        final long height = ledger.ledger().height();
        final List<String> files = spoolFiles();
        final HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/batches/" + DemoWorld.GTIN + "/" + LOT + "/serial-uploads"))
                .version(HttpClient.Version.HTTP_1_1).header("Authorization", manufacturer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        huge.getBytes(StandardCharsets.US_ASCII)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).path("code").asText()).isEqualTo("UPLOAD_TOO_LARGE");
        assertThat(ledger.ledger().height()).isEqualTo(height);
        assertThat(spoolFiles()).isEqualTo(files);
    }

    @Test
    void anUploadOfMoreSerialsThanTheCapIsA413() throws IOException {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, csv(serials("MNY", 20_001))),
                413, "TOO_MANY_ITEMS", "serials");
    }

    @Test
    void anotherMediaTypeOrNoneIsA415() throws Exception {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> upload(manufacturer, LOT, "text/plain", "WMT1\n"), 415, "HTTP_415", null);
        refusedChangingNothing(() -> upload(manufacturer, LOT, "application/xml", "<serials/>"),
                415, "HTTP_415", null);

        final HttpResponse<String> untyped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/batches/" + DemoWorld.GTIN + "/" + LOT + "/serial-uploads"))
                .version(HttpClient.Version.HTTP_1_1).header("Authorization", manufacturer)
                .POST(HttpRequest.BodyPublishers.ofString("WMT1\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(untyped.body()).path("code").asText()).isEqualTo("HTTP_415");
        assertThat(verdict("WMT1", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void aBadGtinOrLotInThePathIsA400() throws IOException {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> given().contentType(CSV).header("Authorization", manufacturer).body("BGT1\n")
                .when().post("/api/v1/batches/{gtin}/{lot}/serial-uploads", "08960001000016", LOT).then(),
                400, "INVALID_ARGUMENT", "gtin");
        refusedChangingNothing(() -> upload(manufacturer, "PAN 2402", CSV, "BGT1\n"), 400, "INVALID_ARGUMENT",
                "lot");
    }

    // ----------------------------------------------------------------------------------------------- wrong party

    @Test
    void anAnonymousOrForgedUploadIsA401() throws IOException {
        refusedChangingNothing(() -> upload(null, LOT, CSV, "ANO1\n"), 401, "UNAUTHENTICATED", "Authorization");
        final String forged = bearer("manufacturer");
        refusedChangingNothing(() -> upload(forged.substring(0, forged.length() - 2) + "xx", LOT, CSV, "ANO1\n"),
                401, "UNAUTHENTICATED", "Authorization");
        assertThat(verdict("ANO1", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void onlyTheBatchsOwnerMayUploadItsSerials() throws IOException {
        refusedChangingNothing(() -> upload(bearer("pharmacy"), LOT, CSV, "WPA1\n"), 403, "ROLE_NOT_PERMITTED", null);
        refusedChangingNothing(() -> upload(bearer("distributor"), LOT, CSV, "WPA1\n"), 403, "ROLE_NOT_PERMITTED",
                null);
        refusedChangingNothing(() -> upload(bearer("regulator"), LOT, CSV, "WPA1\n"), 403, "ROLE_NOT_PERMITTED",
                null);
        // The importer owns a batch of its own, but not the manufacturer's; and the other way round.
        refusedChangingNothing(() -> upload(bearer("importer"), LOT, CSV, "WPA1\n"), 403, "NOT_OWNER", null);
        refusedChangingNothing(() -> given().contentType(CSV).header("Authorization", bearer("manufacturer"))
                .body("WPA1\n").when().post("/api/v1/batches/{gtin}/{lot}/serial-uploads", DemoWorld.IMPORTED_GTIN,
                        DemoWorld.IMPORTED_LOT).then(), 403, "NOT_OWNER", null);
        assertThat(verdict("WPA1", LOT)).isEqualTo("UNKNOWN_SERIAL");
    }

    @Test
    void aBatchTheContractWouldRefuseIsRefusedBeforeAnyJobWithItsCode() throws IOException {
        final String manufacturer = bearer("manufacturer");
        refusedChangingNothing(() -> upload(manufacturer, DemoWorld.RECALLED_LOT, CSV, "RCL1\n"),
                409, "BATCH_RECALLED", null);
        refusedChangingNothing(() -> upload(manufacturer, "NOSUCHLOT", CSV, "RCL1\n"), 404, "BATCH_NOT_FOUND", null);
        refusedChangingNothing(() -> upload(manufacturer, LOT, CSV, "RCL1\n" + DemoWorld.serial(5) + "\n")
                .body("detail", containsString(DemoWorld.serial(5))), 409, "SERIAL_ALREADY_COMMISSIONED", null);
    }

    @Test
    void anUploadLargerThanTheUnitsTheBatchHasLeftIsRefused() throws IOException {
        final String manufacturer = bearer("manufacturer");
        ledger.ledger().submit(manufacturer(), "RegisterBatch", DemoWorld.GTIN, "SMALL1", DemoWorld.EXPIRY, "1500");

        // The first chunk (1,000) fits; the whole (2,000) does not, so no job starts that would stop half-way.
        refusedChangingNothing(() -> upload(manufacturer, "SMALL1", CSV, csv(serials("SML", 2_000)))
                .body("detail", containsString("1500 units")), 409, "INSUFFICIENT_STOCK", "serials");
        assertThat(unserialised("SMALL1")).isEqualTo(1_500);
    }

    @Test
    void twoUploadsTogetherNeverTakeMoreUnitsThanTheBatchHas() throws Exception {
        final String manufacturer = bearer("manufacturer");
        ledger.ledger().submit(manufacturer(), "RegisterBatch", DemoWorld.GTIN, "SMALL2", DemoWorld.EXPIRY, "1500");
        final String first = upload(manufacturer, "SMALL2", CSV, csv(serials("TWA", 1_000))).statusCode(202)
                .extract().path("id");

        // Refused by the gateway while the first still runs (its units are promised), by the contract after.
        upload(manufacturer, "SMALL2", CSV, csv(serials("TWB", 1_000))).statusCode(409)
                .body("code", equalTo("INSUFFICIENT_STOCK"));

        assertThat(finished(manufacturer, first).getString("state")).isEqualTo("DONE");
        assertThat(unserialised("SMALL2")).isEqualTo(500);
        assertThat(verdict("TWB000001", "SMALL2")).isEqualTo("UNKNOWN_SERIAL");
    }
}

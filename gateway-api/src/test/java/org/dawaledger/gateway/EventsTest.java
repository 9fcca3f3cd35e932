package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.grpc.v1.EventsGrpc;
import org.dawaledger.gateway.grpc.v1.LedgerEvent;
import org.dawaledger.gateway.grpc.v1.WatchEventsRequest;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recalls, clearances and alerts as they are committed, as server-sent events and over gRPC. */
@QuarkusTest
class EventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 30;

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    GatewayConfig config;

    @GrpcClient("verification")
    EventsGrpc.EventsBlockingStub grpc;

    private Api api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Stream<String>> open = new java.util.ArrayList<>();

    @BeforeEach
    void signIn() {
        api = new Api(config.dataDir());
    }

    @AfterEach
    void close() {
        open.forEach(Stream::close);
    }

    /** One server-sent event: its fields. */
    private record Sse(String id, String event, JsonNode data) {
    }

    /** Opens a watch and answers its events as they come, read off the stream by a thread of their own. */
    private BlockingQueue<Sse> watch(final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(events).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        final HttpResponse<Stream<String>> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        open.add(response.body());
        final BlockingQueue<Sse> queue = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() -> {
            final Map<String, String> fields = new HashMap<>();
            try {
                read(response.body(), fields, queue);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        return queue;
    }

    private static void read(final Stream<String> lines, final Map<String, String> fields,
            final BlockingQueue<Sse> queue) {
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (fields.containsKey("data")) {
                    try {
                        queue.add(new Sse(fields.get("id"), fields.get("event"), JSON.readTree(fields.get("data"))));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                fields.clear();
            } else if (line.indexOf(':') > 0) {
                fields.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
            }
        });
    }

    private static Sse next(final BlockingQueue<Sse> queue) throws InterruptedException {
        final Sse event = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("an event within " + WAIT_SECONDS + " s").isNotNull();
        return event;
    }

    /** A new batch of the demo manufacturer's product, commissioned, to recall. */
    private String newLot() {
        final String lot = "EV" + System.nanoTime() % 1_000_000_000L;
        api.post("manufacturer", "/api/v1/batches", Map.of("gtin", DemoWorld.GTIN, "lot", lot, "expiry", "291231",
                "quantity", "1")).statusCode(200);
        return lot;
    }

    private String raiseAlert() {
        return api.post("pharmacy", "/api/v1/dispense", Map.of("packs", List.of(Map.of("gtin", DemoWorld.GTIN,
                "serial", "NS" + System.nanoTime() % 1_000_000_000L)))).statusCode(200).extract().path("result[0].alertId");
    }

    @Test
    void thePublicHearsRecallsButNotAlertsAndTheRegulatorHearsBoth() throws Exception {
        final BlockingQueue<Sse> anyone = watch(Map.of());
        final BlockingQueue<Sse> regulator = watch(Map.of("Authorization", "Bearer "
                + new TokenStore(config.dataDir()).issue("regulator")));
        final String lot = newLot();
        final String alertId = raiseAlert();
        api.post("regulator", "/api/v1/batches/" + DemoWorld.GTIN + "/" + lot + "/recall",
                Map.of("reason", "contaminated")).statusCode(200);

        final Sse recall = next(anyone);
        assertThat(recall.event()).isEqualTo("BatchRecalled");
        assertThat(recall.data().path("data").path("batch").path("lot").asText()).isEqualTo(lot);
        assertThat(recall.id()).isEqualTo(recall.data().path("id").asText());

        final Sse alert = next(regulator);
        assertThat(alert.event()).isEqualTo("AlertRaised");
        assertThat(alert.data().path("data").path("alertId").asText()).isEqualTo(alertId);
        assertThat(next(regulator).event()).isEqualTo("BatchRecalled");
    }

    @Test
    void aPartyHearsTheAlertsItRaisedAndNotAnothersReport() throws Exception {
        final BlockingQueue<Sse> pharmacy = watch(Map.of("Authorization", "Bearer "
                + new TokenStore(config.dataDir()).issue("pharmacy")));
        api.post("distributor", "/api/v1/alerts", Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(70),
                "description", "seal broken")).statusCode(200);
        final String mine = raiseAlert();

        final Sse heard = next(pharmacy);
        assertThat(heard.event()).isEqualTo("AlertRaised");
        assertThat(heard.data().path("data").path("alertId").asText()).isEqualTo(mine);
    }

    @Test
    void aWatcherThatReconnectsWithLastEventIdContinuesRightAfterIt() throws Exception {
        final BlockingQueue<Sse> first = watch(Map.of());
        final String lotA = newLot();
        final String lotB = newLot();
        api.post("regulator", "/api/v1/batches/" + DemoWorld.GTIN + "/" + lotA + "/recall", Map.of("reason", "a"))
                .statusCode(200);
        api.post("regulator", "/api/v1/batches/" + DemoWorld.GTIN + "/" + lotB + "/recall", Map.of("reason", "b"))
                .statusCode(200);
        final Sse a = next(first);
        assertThat(a.data().path("data").path("batch").path("lot").asText()).isEqualTo(lotA);

        final Sse resumed = next(watch(Map.of("Last-Event-ID", a.id())));
        assertThat(resumed.data().path("data").path("batch").path("lot").asText()).isEqualTo(lotB);
    }

    @Test
    void aLastEventIdTheGatewayNeverGaveIsA400() throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(events)
                .header("Last-Event-ID", "yesterday").timeout(Duration.ofSeconds(WAIT_SECONDS)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("field").asText()).isEqualTo("Last-Event-ID");
    }

    @Test
    void watchEventsOverGrpcTellsTheSameEvents() {
        final String lot = newLot();
        final long from = api.post("regulator", "/api/v1/batches/" + DemoWorld.GTIN + "/" + lot + "/recall",
                Map.of("reason", "grpc")).statusCode(200).extract().<Integer>path("block");
        final var stream = api.as(grpc, "regulator").withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
                .watchEvents(WatchEventsRequest.newBuilder().setFromBlock(from).build());
        final LedgerEvent event = stream.next();
        assertThat(event.getType()).isEqualTo("BatchRecalled");
        assertThat(event.getBlock()).isEqualTo(from);
        assertThat(event.getDataJson()).contains("\"lot\":\"" + lot + "\"");
    }
}

package org.dawaledger.gateway.commissioning;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.simulation.StateView;
import org.dawaledger.ledger.store.RocksStore;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

/**
 * An upload resumed after a restart: the packaged gateway ({@code quarkus-run.jar}) runs as a process on a new data
 * folder, takes an upload of 200,000 serials, is killed (SIGKILL) part-way, starts again and finishes the job; then the
 * ledger it leaves holds exactly the uploaded serials, each commissioned once.
 *
 * <p>{@code -Dgateway.it.http-port} and {@code -Dgateway.it.grpc-port} choose the gateway's ports (free ones when not
 * given).
 */
class SerialUploadRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERIALS = 200_000;
    private static final int CHUNK = 2_000;
    private static final int CHUNKS = SERIALS / CHUNK;
    private static final String LOT = DemoWorld.UNSERIALISED_LOT;

    private final Path jar = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int httpPort = port("gateway.it.http-port");
    private final int grpcPort = port("gateway.it.grpc-port");
    private final URI base = URI.create("http://localhost:" + httpPort);

    @Test
    void anUploadResumedAfterARestartCommissionsEverySerialOnce() throws Exception {
        assertThat(jar).as("the packaged gateway (mvn -pl gateway-api -am package)").exists();
        final Path data = Files.createTempDirectory(Path.of("target"), "serial-upload-restart-");
        final String token = issueToken(data);
        final List<String> serials = IntStream.rangeClosed(1, SERIALS)
                .mapToObj(n -> String.format(Locale.ROOT, "RST%07d", n)).toList();

        final Process first = start(data, data.resolve("gateway-1.log"));
        final String id;
        final int doneWhenKilled;
        try {
            final HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                    base.resolve("/api/v1/batches/" + DemoWorld.GTIN + "/" + LOT + "/serial-uploads"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csvOf(serials)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            id = JSON.readTree(accepted.body()).path("id").asText();

            JsonNode job = job(token, id);
            while (job.path("chunks").path("done").asInt() < 10) {
                assertThat(job.path("state").asText()).isIn("QUEUED", "RUNNING");
                job = job(token, id);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            doneWhenKilled = job.path("chunks").path("done").asInt();
        } finally {
            stop(first);
        }
        assertThat(doneWhenKilled).as("killed part-way").isLessThan(CHUNKS);
        final JsonNode kept = JSON.readTree(data.resolve("serial-uploads").resolve(id + ".json").toFile());
        assertThat(kept.path("state").asText()).isEqualTo("RUNNING");
        assertThat(kept.path("chunksDone").asInt()).as("progress kept over the kill")
                .isBetween(doneWhenKilled, CHUNKS - 1);

        final Process second = start(data, data.resolve("gateway-2.log"));
        final JsonNode done;
        try {
            done = awaitEnd(token, id);
            assertThat(Files.readString(data.resolve("gateway-2.log"))).contains("serial upload " + id
                    + ": resuming");
            final Random random = new Random(SERIALS);
            for (int i = 0; i < 50; i++) {
                assertThat(verdict(token, serials.get(random.nextInt(SERIALS)))).isEqualTo("ACTIVE");
            }
            assertThat(verdict(token, serials.get(0))).isEqualTo("ACTIVE");
            assertThat(verdict(token, serials.get(SERIALS - 1))).isEqualTo("ACTIVE");
            assertThat(verdict(null, "RST0200001")).isEqualTo("UNKNOWN_SERIAL");
        } finally {
            stop(second);
        }
        assertThat(done.path("state").asText()).as(done.toPrettyString()).isEqualTo("DONE");
        assertThat(done.path("commissioned").asInt()).isEqualTo(SERIALS);
        assertThat(done.path("chunks").path("done").asInt()).isEqualTo(CHUNKS);
        assertThat(done.path("lastCommit").path("unserialisedRemaining").asLong())
                .as("the contract's count of the batch's units still without serials")
                .isEqualTo(DemoWorld.UNSERIALISED_UNITS - SERIALS);

        assertTheLedgerHoldsEachSerialOnce(data, serials);
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    /**
     * Reads the ledger the gateway left: the batch's packs are the uploaded serials; a sample of them was written once;
     * and the commissioning transactions of the batch, in block order, name the upload's serials once each, in order.
     */
    private static void assertTheLedgerHoldsEachSerialOnce(final Path data, final List<String> serials)
            throws IOException {
        try (EmbeddedLedger ledger = EmbeddedLedger.builder(RocksStore.open(data.resolve("ledger")),
                ChaincodeService.inProcess("RegulatorMSP")).member("ManufacturerMSP", LocalCa.open(data.resolve("ca")
                        .resolve("manufacturer"), "ManufacturerMSP").certificate()).open()) {
            final String prefix = new CompositeKey("pack", DemoWorld.GTIN).toString();
            final Set<String> packs = new HashSet<>();
            final List<String> keys = new ArrayList<>();
            try (StateView.Rows rows = ledger.state().scan(prefix, prefix.substring(0, prefix.length() - 1)
                    + "\u0001")) {
                while (rows.hasNext()) {
                    final StateView.Row row = rows.next();
                    if (JSON.readTree(row.value()).path("lot").asText().equals(LOT)) {
                        final String serial = row.key().substring(prefix.length(), row.key().length() - 1);
                        assertThat(packs.add(serial)).isTrue();
                        keys.add(row.key());
                    }
                }
            }
            assertThat(packs).hasSize(SERIALS).isEqualTo(Set.copyOf(serials));
            final Random random = new Random(keys.size());
            for (int i = 0; i < 1_000; i++) {
                final String key = keys.get(random.nextInt(keys.size()));
                assertThat(ledger.state().history(key)).as("writes of %s", key).hasSize(1);
            }

            final List<String> commissioned = new ArrayList<>();
            try (BlockFeed blocks = ledger.blocks(0)) {
                for (long number = 0; number < ledger.height(); number++) {
                    final CommittedBlock block = blocks.next();
                    for (final CommittedTransaction transaction : block.transactions()) {
                        if (transaction.isValid() && transaction.event().isPresent()
                                && transaction.event().get().name().equals("PacksCommissioned")) {
                            final JsonNode event = JSON.readTree(transaction.event().get().payload()).path("data");
                            if (event.path("lot").asText().equals(LOT)) {
                                event.path("serials").forEach(serial -> commissioned.add(serial.asText()));
                            }
                        }
                    }
                }
            }
            assertThat(commissioned).as("the serials of every commissioning transaction, in order")
                    .isEqualTo(serials);
        }
    }

    private JsonNode job(final String token, final String id) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                base.resolve("/api/v1/serial-uploads/" + id)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitEnd(final String token, final String id) throws IOException, InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode job = job(token, id);
        while (!Set.of("DONE", "FAILED").contains(job.path("state").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            job = job(token, id);
        }
        return job;
    }

    /**
     * A pack's verdict; signed in (a token), so that the anonymous rate limit does not apply, or anonymous (null), so
     * that a failed scan raises no alert.
     */
    private String verdict(final String token, final String serial) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/verify"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("gtin", DemoWorld.GTIN,
                        "serial", serial, "lot", LOT)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("verdict").path("verdict").asText();
    }

    /** The manufacturer's token, issued as its organisation's admin does: with token.sh on the data folder. */
    private static String issueToken(final Path data) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder("bash", "token.sh", "issue", "manufacturer")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DAWALEDGER_DATA_DIR", data.toAbsolutePath().toString());
        final Process process = builder.start();
        final String token = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(token).startsWith("dlt_");
        return token;
    }

    private Process start(final Path data, final Path log) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("DAWALEDGER_DATA_DIR", data.toAbsolutePath().toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                "QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpcPort),
                "DAWALEDGER_SERIAL_UPLOADS_CHUNK_SIZE", Integer.toString(CHUNK)));
        final Process process = builder.start();
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the gateway runs; its log:%n%s", Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        stop(process);
        throw new AssertionError("the gateway was not ready within 2 minutes; its log:\n" + Files.readString(log));
    }

    private static void stop(final Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int port(final String property) {
        final Integer given = Integer.getInteger(property);
        if (given != null) {
            return given;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static String csvOf(final List<String> serials) {
        return serials.stream().collect(Collectors.joining("\n", "serial\n", "\n"));
    }
}

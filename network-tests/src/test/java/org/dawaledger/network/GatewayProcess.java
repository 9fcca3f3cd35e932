package org.dawaledger.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.dawaledger.network.Waits.pause;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One organisation's gateway on the real network: the packaged gateway-api ({@code quarkus-app/quarkus-run.jar}) run
 * as its own process in Fabric mode, configured by profile and environment as an operator would, with a data folder
 * whose {@code identities/} links the participants' folders of the network's crypto material.
 */
final class GatewayProcess implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("gateway.home", "../gateway-api")).toAbsolutePath()
            .normalize();
    private static final Path JAR = HOME.resolve("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Organisation organisation;
    private final Path data;
    private final int httpPort;
    private final Process process;

    private GatewayProcess(final Organisation organisation, final Path data, final int httpPort,
            final Process process) {
        this.organisation = organisation;
        this.data = data;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** An HTTP answer: its status and JSON body (null when it has none). */
    record Answer(int status, JsonNode body) {
    }

    /**
     * Starts a gateway of an organisation on a data folder (not waiting until it is ready).
     *
     * @param participants the participants it acts for, each with the network's identity it is bound to (User1, ...)
     */
    static GatewayProcess start(final Organisation organisation, final Path data,
            final Map<String, String> participants) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: package gateway-api first (mvn package)");
        }
        try {
            final Path identities = Files.createDirectories(data.resolve("identities"));
            for (final Map.Entry<String, String> participant : participants.entrySet()) {
                final Path link = identities.resolve(participant.getKey());
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, organisation.msp(participant.getValue()));
                }
            }
            return launch(organisation, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + organisation + "'s gateway in " + data, e);
        }
    }

    private static GatewayProcess launch(final Organisation organisation, final Path data) throws IOException {
        final int httpPort = FreePorts.one();
        final ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                JAR.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("gateway.log").toFile()));
        final Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_PROFILE", "fabric");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(FreePorts.one()));
        environment.put("DAWALEDGER_DATA_DIR", data.toString());
        environment.put("DAWALEDGER_FABRIC_PEER_ENDPOINT", organisation.peerEndpoint());
        environment.put("DAWALEDGER_FABRIC_TLS_CA_CERT", organisation.tlsCa().toString());
        environment.put("DAWALEDGER_FABRIC_MSP_ID", organisation.mspId());
        return new GatewayProcess(organisation, data, httpPort, builder.start());
    }

    /** The same gateway started again on its data folder, after it stopped. */
    GatewayProcess restart() {
        close();
        try {
            return launch(organisation, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + organisation + "'s gateway", e);
        }
    }

    Path data() {
        return data;
    }

    /**
     * Waits until {@code /q/health/ready} answers UP.
     *
     * @throws IllegalStateException if the process ends first, or it is not ready in time (with its log's end)
     */
    GatewayProcess awaitReady(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(organisation + "'s gateway stopped (" + process.exitValue() + "):\n"
                        + logTail());
            }
            final Answer health = tryGet("/q/health/ready");
            if (health != null && health.status() == 200) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(organisation + "'s gateway is not ready after " + timeout + ": "
                        + (health == null ? "no answer" : health.body()) + "\n" + logTail());
            }
            pause(250);
        }
    }

    /**
     * Waits until its local copy holds a block, and so its organisation's peer does (the copy follows it): a party
     * acting on another's write waits for its own gateway to have it, as its peer endorses what the party submits.
     *
     * @throws IllegalStateException if the copy does not reach the block in time
     */
    GatewayProcess awaitBlock(final long blockNumber, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long height;
        while ((height = readiness().at("/data/height").asLong()) <= blockNumber) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(organisation + "'s gateway holds " + height + " blocks after "
                        + timeout + ", not yet block " + blockNumber);
            }
            pause(100);
        }
        return this;
    }

    /** The ledger's readiness check: its status and data. */
    JsonNode readiness() {
        final Answer health = get("/q/health/ready");
        for (final JsonNode check : health.body().path("checks")) {
            if (check.path("name").asText().equals("ledger")) {
                return check;
            }
        }
        throw new IllegalStateException("no ledger check in " + health.body());
    }

    /**
     * A bearer token for a participant, issued by the organisation admin's command on this gateway's data folder.
     *
     * @throws IllegalStateException if token.sh refuses (its exit code and output in the message)
     */
    String token(final String participant) {
        final TokenRun run = tokenSh("issue", participant);
        if (run.exit() != 0) {
            throw new IllegalStateException("token.sh issue " + participant + " exited " + run.exit() + ": "
                    + run.output());
        }
        return run.output().strip();
    }

    /** What token.sh printed, and its exit code. */
    record TokenRun(int exit, String output) {
    }

    TokenRun tokenSh(final String... arguments) {
        final List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("token.sh").toString()));
        command.addAll(List.of(arguments));
        try {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DAWALEDGER_DATA_DIR", data.toString());
            final Process run = builder.start();
            final String output = new String(run.getInputStream().readAllBytes(), UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("token.sh took longer than 60 s");
            }
            return new TokenRun(run.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(final String path) {
        return get(path, null);
    }

    /** A GET with a bearer token when it is not null. */
    Answer get(final String path, final String token) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A GET of a text (the Prometheus metrics). */
    String text(final String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(organisation + "'s gateway does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST of a JSON body, with a bearer token and an Idempotency-Key when they are not null. */
    Answer post(final String path, final String body, final String token, final String idempotencyKey) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private Answer tryGet(final String path) {
        try {
            return get(path);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private Answer send(final HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isBlank() ? null
                    : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(organisation + "'s gateway does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(final String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    /** The last lines of its log, for a failure's message. */
    String logTail() {
        try {
            final List<String> lines = Files.readAllLines(data.resolve("gateway.log"), UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops it as an operator does (SIGTERM: Quarkus shuts down and closes the local copy), waiting for its end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

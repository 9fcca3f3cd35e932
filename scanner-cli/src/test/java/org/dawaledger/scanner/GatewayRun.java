/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway for integration tests: gateway-api's packaged jar run as its own process on the embedded ledger
 * (the demo world), in a data folder of its own, on free ports; stopped and started again on the same folder and
 * ports, as an operator would.
 */
final class GatewayRun implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("gateway.home", "../gateway-api")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("gateway.jar",
            HOME.resolve("target/quarkus-app/quarkus-run.jar").toString()));
    /** The JVM running the tests, for the processes they start. */
    static final String JAVA = jdkTool("java");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final int httpPort;
    private final int grpcPort;
    private final Map<String, String> settings = new HashMap<>();
    private Process process;

    GatewayRun(final Path data) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: package gateway-api first (mvn package)");
        }
        this.data = data;
        this.httpPort = freePort();
        this.grpcPort = freePort();
    }

    /** Sets a configuration key by environment, as an operator would (e.g. QUARKUS_GRPC_SERVER_SSL_KEY_STORE). */
    GatewayRun with(final String variable, final String value) {
        settings.put(variable, value);
        return this;
    }

    String grpcAddress() {
        return "localhost:" + grpcPort;
    }

    /** Starts it and waits until /q/health/ready is UP. */
    GatewayRun start() {
        try {
            Files.createDirectories(data);
            final ProcessBuilder builder = new ProcessBuilder(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                    JAR.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("gateway.log").toFile()));
            builder.environment().put("DAWALEDGER_DATA_DIR", data.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            builder.environment().put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpcPort));
            builder.environment().putAll(settings);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway in " + data, e);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped (" + process.exitValue() + "): " + logTail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        throw new IllegalStateException("the gateway is not ready after 120 s: " + logTail());
    }

    /** Stops it (SIGTERM, as Ctrl-C), and waits until it is gone. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A bearer token for a participant, from the organisation admin's command on this gateway's data folder. */
    String token(final String participant) {
        try {
            final ProcessBuilder builder = new ProcessBuilder("bash", HOME.resolve("token.sh").toString(), "issue",
                    participant).redirectErrorStream(true);
            builder.environment().put("DAWALEDGER_DATA_DIR", data.toString());
            final Process run = builder.start();
            final String output = new String(run.getInputStream().readAllBytes(), UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("token.sh issue " + participant + " failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The alerts on the ledger, as the regulator lists them (REST, GET /api/v1/alerts). */
    List<JsonNode> alerts(final String regulatorToken) {
        try {
            final HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + httpPort + "/api/v1/alerts?pageSize=1000")).header("Authorization", "Bearer " + regulatorToken)
                    .build(), HttpResponse.BodyHandlers.ofString());
            final List<JsonNode> alerts = new ArrayList<>();
            JSON.readTree(answer.body()).path("records").forEach(alerts::add);
            return alerts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            final List<String> lines = Files.readAllLines(data.resolve("gateway.log"), UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up), where an outgoing connection could take a port in
     * the seconds before the gateway binds it.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            final int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** A tool of the JDK that runs the tests ({@code java}, {@code keytool}). */
    static String jdkTool(final String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

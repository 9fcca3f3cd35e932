package org.dawaledger.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dawaledger.gateway.demo.DemoWorld;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./run.sh --fabric} runs once the network is up: scripts/fabric-gateways.sh, one gateway per organisation,
 * the demo world's goods on the network, and a curl to paste, which must work; SIGTERM (Ctrl-C in run.sh) stops
 * every gateway.
 */
@ExtendWith(FabricNetwork.class)
@Order(4)
class RunFabricIT {
    private static final Path SCRIPT = GatewayProcess.HOME.resolveSibling("scripts").resolve("fabric-gateways.sh");
    private static final Pattern CURL = Pattern.compile(
            "curl -s -X POST (http://localhost:\\d+/api/v1/verify) .*?-d '(\\{[^']*\\})'", Pattern.DOTALL);
    private static final Pattern GATEWAY = Pattern.compile("^  (\\w+) +(http://localhost:(\\d+)) +localhost:\\d+ ");
    private static final Pattern TOKEN = Pattern.compile("^  (DAWALEDGER_DATA_DIR=\\S+) gateway-api/token.sh issue (\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theGatewaysOfEveryOrganisationComeUpOnTheNetworkWithTheDemoGoodsAndThePrintedCurlVerifiesAnActivePack()
            throws Exception {
        // Data of an earlier network is of no use: the script removes it.
        Files.writeString(data.resolve("network"), "an earlier network");
        Files.createDirectories(data.resolve("pharmacy"));
        Files.writeString(data.resolve("pharmacy/of-the-earlier-network"), "");
        final int base = FreePorts.run(16);
        final ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("DAWALEDGER_FABRIC_DATA", data.toString());
        builder.environment().put("DAWALEDGER_HTTP_BASE", Integer.toString(base));
        builder.environment().put("DAWALEDGER_GRPC_BASE", Integer.toString(base + 10));
        final Process script = builder.start();
        final List<String> output = new ArrayList<>();
        final CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> read(script, output));
        try {
            final String printed = awaitLine(output, script, "    -d '", Duration.ofMinutes(10));
            System.out.println(printed);

            assertThat(printed).containsPattern("demo: (stocked the network with the demo world's goods|the network"
                    + " holds the demo product " + DemoWorld.GTIN + " already)");
            final List<Integer> ports = new ArrayList<>();
            for (final String line : printed.lines().toList()) {
                final Matcher gateway = GATEWAY.matcher(line);
                if (gateway.find()) {
                    ports.add(Integer.parseInt(gateway.group(3)));
                    assertThat(get(gateway.group(2) + "/q/health/ready").statusCode()).as(line).isEqualTo(200);
                }
            }
            assertThat(ports).containsExactly(base + 1, base + 2, base + 3, base + 4, base + 5);
            final Matcher curl = CURL.matcher(printed);
            assertThat(curl.find()).as("it prints a curl that verifies a pack").isTrue();
            final JsonNode verified = JSON.readTree(post(curl.group(1), curl.group(2), null).body());
            assertThat(verified.at("/verdict/verdict").asText()).isEqualTo("ACTIVE");

            final Matcher token = printed.lines().map(TOKEN::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow();
            final String issued = tokenFor(Path.of(token.group(1).substring("DAWALEDGER_DATA_DIR=".length())),
                    token.group(2));
            final JsonNode signedIn = JSON.readTree(post(curl.group(1), curl.group(2), issued).body());
            assertThat(signedIn.at("/verdict/custodianGln").asText()).isEqualTo(DemoWorld.PHARMACY_GLN);
            assertThat(data.resolve("pharmacy/of-the-earlier-network")).doesNotExist();
            assertThat(data.resolve("pharmacy/ledger")).isDirectory();
            assertThat(Files.readString(data.resolve("network"))).doesNotContain("an earlier network");

            // SIGTERM, as run.sh sends it on Ctrl-C (Process.destroy would also close the output being read).
            script.toHandle().destroy();
            assertThat(script.waitFor(90, TimeUnit.SECONDS)).as("the script ends on SIGTERM").isTrue();
            for (final int port : ports) {
                assertThat(listens(port)).as("port %d after the stop", port).isFalse();
            }
            reader.get(10, TimeUnit.SECONDS);
            assertThat(output).contains("gateways: stopped");
        } finally {
            script.destroyForcibly();
        }
    }

    private static void read(final Process script, final List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything printed up to the first line that starts with {@code prefix}. */
    private static String awaitLine(final List<String> output, final Process script, final String prefix,
            final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (output) {
                if (output.stream().anyMatch(line -> line.startsWith(prefix))) {
                    return String.join("\n", output);
                }
                assertThat(script.isAlive() && System.nanoTime() < deadline)
                        .as("the script is ready in %s:\n%s", timeout, String.join("\n", output)).isTrue();
            }
            Thread.sleep(500);
        }
    }

    private static String tokenFor(final Path dataDir, final String participant) throws Exception {
        final ProcessBuilder builder = new ProcessBuilder("bash", GatewayProcess.HOME.resolve("token.sh").toString(),
                "issue", participant);
        builder.environment().put("DAWALEDGER_DATA_DIR", dataDir.toString());
        final Process process = builder.start();
        final String token = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return token;
    }

    private static boolean listens(final int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static HttpResponse<String> get(final String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final String uri, final String body, final String token)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.dawaledger.scanner.queue.QueuedScan;
import org.dawaledger.scanner.queue.ScanQueue;
import org.junit.jupiter.api.Test;

/**
 * The scanner's shaded jar, as its own process, against the real gateway (packaged, embedded ledger, demo world):
 * online, then the gateway stopped and scans queued, the gateway back, a sync killed with SIGKILL part-way, and a
 * second sync that drains the queue with nothing lost and nothing dispensed twice.
 */
class ScannerOfflineIT {
    private static final Path SCANNER = Path.of(System.getProperty("scanner.jar", "target/dawa-scan.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GTIN = "08960001000015";

    private final Path folder = Path.of("target", "scanner-it-" + UUID.randomUUID()).toAbsolutePath();
    private final Path queueFile = folder.resolve("queue.db");

    private static String pack(final int n) {
        return String.format(Locale.ROOT, "(01)%s(21)PAN%06d(10)PAN2401(17)281231", GTIN, n);
    }

    private static String serial(final int n) {
        return String.format(Locale.ROOT, "PAN%06d", n);
    }

    /** What a scanner run printed, and how it exited. */
    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private Process start(final GatewayRun gateway, final String token, final String stdin, final List<String> args,
            final Path output) throws IOException {
        final List<String> command = new ArrayList<>(List.of(GatewayRun.JAVA, "-XX:TieredStopAtLevel=1",
                "-jar",
                SCANNER.toString()));
        command.add(args.get(0));
        command.addAll(List.of("--plaintext", "--gateway", gateway.grpcAddress(), "--queue", queueFile.toString(),
                "-o", "json"));
        command.addAll(args.subList(1, args.size()));
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(folder.resolve("scanner-" + UUID.randomUUID() + ".err")
                        .toFile()));
        if (output != null) {
            builder.redirectOutput(output.toFile());
        }
        final Map<String, String> environment = builder.environment();
        // the token by environment, never on the command line
        environment.put("DAWA_SCAN_TOKEN", token);
        final Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(UTF_8));
        process.getOutputStream().close();
        return process;
    }

    private Run run(final GatewayRun gateway, final String token, final String stdin, final String... args)
            throws Exception {
        final Process process = start(gateway, token, stdin, List.of(args), null);
        final List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), lines, "");
    }

    private List<QueuedScan> queued() {
        try (ScanQueue queue = ScanQueue.open(queueFile)) {
            return queue.pending();
        }
    }

    private static List<String> codes(final List<JsonNode> lines, final String action, final String serial) {
        return lines.stream().filter(line -> line.path("action").asText().equals(action)
                && line.path("serial").asText().equals(serial)).map(line -> line.path("code").asText()).toList();
    }

    @Test
    void scansQueuedWhileTheGatewayIsDownAreSentOnceBySyncEvenAfterAKilledSync() throws Exception {
        Files.createDirectories(folder);
        try (GatewayRun gateway = new GatewayRun(folder.resolve("gateway")).start()) {
            final String pharmacy = gateway.token("pharmacy");
            final String regulator = gateway.token("regulator");

            // Online: a genuine pack verifies ACTIVE, with the regulated price the demo world set, and is dispensed.
            final Run verified = run(gateway, pharmacy, "", "verify", pack(2));
            assertThat(verified.exit()).isEqualTo(ExitCodes.OK);
            assertThat(verified.lines()).singleElement().satisfies(line -> {
                assertThat(line.path("code").asText()).isEqualTo("ACTIVE");
                assertThat(line.path("price").asText()).isEqualTo("PKR 34.50");
            });
            final Run dispensed = run(gateway, pharmacy, "", "dispense", pack(2));
            assertThat(dispensed.exit()).isEqualTo(ExitCodes.OK);
            assertThat(dispensed.lines().get(0).path("code").asText()).isEqualTo("SUPPLIED");

            // The gateway stopped: packs 3 to 30 dispensed at the till, pack 2 again, and 200 verifications queue up.
            gateway.stop();
            final String toDispense = IntStream.rangeClosed(3, 30).mapToObj(ScannerOfflineIT::pack)
                    .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n" + pack(2) + "\n";
            final Run offlineDispense = run(gateway, pharmacy, toDispense, "dispense");
            assertThat(offlineDispense.exit()).isEqualTo(ExitCodes.QUEUED);
            assertThat(offlineDispense.lines()).hasSize(29).allSatisfy(line ->
                    assertThat(line.path("code").asText()).isEqualTo("QUEUED"));
            final String toVerify = IntStream.range(0, 200).mapToObj(i -> pack(31 + i % 20))
                    .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
            assertThat(run(gateway, pharmacy, toVerify, "verify").exit()).isEqualTo(ExitCodes.QUEUED);
            final List<QueuedScan> queuedScans = queued();
            assertThat(queuedScans).hasSize(229);

            // The gateway back; a sync killed (SIGKILL) after it has answered three scans and sent the fourth, whose
            // answer it holds back (--hold-after, for this test): the fourth stays queued though it may have arrived.
            gateway.start();
            // Its output goes to a file, so that every answer it printed before the kill is read.
            final Path printed = folder.resolve("killed-sync.out");
            final Process killed = start(gateway, pharmacy, "", List.of("sync", "--hold-after", "3"), printed);
            while (Files.readAllLines(printed, UTF_8).size() < 3) {
                assertThat(killed.isAlive()).as("sync still running").isTrue();
                GatewayRun.pause(5);
            }
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            final List<JsonNode> firstSync = new ArrayList<>();
            for (final String line : Files.readAllLines(printed, UTF_8)) {
                // a line cut by the kill is no answer
                if (line.startsWith("{") && line.endsWith("}")) {
                    firstSync.add(JSON.readTree(line));
                }
            }
            final int left = queued().size();
            assertThat(firstSync).hasSize(3);
            assertThat(left).as("the kill landed mid-sync, the fourth scan unrecorded").isEqualTo(229 - 3);

            // The second sync drains the queue (pack 2, queued after the others, is refused in it: exit 3).
            final Run secondSync = run(gateway, pharmacy, "", "sync");
            assertThat(queued()).isEmpty();
            assertThat(secondSync.exit()).isEqualTo(ExitCodes.SUSPECT);
            assertThat(firstSync.size() + secondSync.lines().size()).isEqualTo(229);

            final List<JsonNode> answers = new ArrayList<>(firstSync);
            answers.addAll(secondSync.lines());
            // Nothing lost: every pack dispensed offline is answered SUPPLIED (a resent one hears its first
            // outcome again), never ALREADY_SUPPLIED; pack 2, dispensed online before, is reported as such.
            for (int n = 3; n <= 30; n++) {
                assertThat(codes(answers, "dispense", serial(n))).as(serial(n)).isNotEmpty()
                        .containsOnly("SUPPLIED").hasSizeLessThanOrEqualTo(2);
            }
            assertThat(codes(answers, "dispense", serial(2))).isNotEmpty().containsOnly("ALREADY_SUPPLIED");
            assertThat(answers.stream().filter(a -> a.path("action").asText().equals("verify"))
                    .map(a -> a.path("code").asText())).hasSizeBetween(200, 201).containsOnly("ACTIVE");
            // Nothing doubled: one alert for pack 2's second dispense, however often it was sent.
            assertThat(gateway.alerts(regulator).stream().filter(alert -> alert.path("serial").asText()
                    .equals(serial(2)))).hasSize(1);
            // A resend that could not know its answer had come (the same key, queued again) hears the first outcome.
            final QueuedScan pack3 = queuedScans.get(0);
            try (ScanQueue queue = ScanQueue.open(queueFile)) {
                queue.add(QueuedScan.Action.dispense, new QueuedScan.Entry("resent", pack3.code()),
                        pack3.idempotencyKey());
            }
            final Run resent = run(gateway, pharmacy, "", "sync");
            assertThat(resent.exit()).isEqualTo(ExitCodes.OK);
            assertThat(resent.lines()).singleElement().satisfies(answer -> {
                assertThat(answer.path("serial").asText()).isEqualTo(serial(3));
                assertThat(answer.path("code").asText()).isEqualTo("SUPPLIED");
            });
            assertThat(gateway.alerts(regulator).stream().filter(alert -> alert.path("serial").asText()
                    .equals(serial(3)))).isEmpty();
            // And the ledger holds every pack dispensed: none verifies ACTIVE any more.
            final String dispensedPacks = IntStream.rangeClosed(2, 30).mapToObj(ScannerOfflineIT::pack)
                    .reduce((a, b) -> a + "\n" + b).orElseThrow();
            final Run after = run(gateway, "", dispensedPacks, "verify");
            assertThat(after.exit()).isEqualTo(ExitCodes.SUSPECT);
            assertThat(after.lines()).hasSize(29).allSatisfy(answer ->
                    assertThat(answer.path("code").asText()).isNotEqualTo("ACTIVE"));
        }
    }
}

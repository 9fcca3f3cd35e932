/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dawaledger.scanner.queue.QueuedScan;
import org.dawaledger.scanner.queue.ScanQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** verify, dispense, watch and sync against a stand-in gateway (a real gRPC server in this JVM). */
class OnlineCommandsTest {
    private static final Clock DECEMBER_2026 = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENUINE = "(01)08960001000015(21)PAN000002(10)PAN2401(17)281231";
    private static final String OTHER = "(01)08960001000015(21)PAN000003(10)PAN2401(17)281231";
    private static final String FAKE = "(01)08960001000015(21)FAKE0001(10)PAN2401(17)281231";

    @TempDir
    Path folder;

    private final FakeGateway gateway = new FakeGateway();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
    }

    private int run(final String stdin, final String... args) {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine commandLine = DawaScan.commandLine(new DawaScan(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), DECEMBER_2026));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String[] online(final String command, final String... rest) {
        return args(command, gateway.address(), rest);
    }

    private String[] offline(final String command, final String... rest) throws IOException {
        return args(command, "localhost:" + closedPort(), rest);
    }

    private String[] args(final String command, final String address, final String... rest) {
        final List<String> args = new ArrayList<>(List.of(command, "--plaintext", "--gateway", address, "--queue",
                folder.resolve("queue.db").toString()));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private List<QueuedScan> queued() {
        try (ScanQueue queue = ScanQueue.open(folder.resolve("queue.db"))) {
            return queue.pending();
        }
    }

    private List<JsonNode> jsonLines() throws IOException {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.toString().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void genuinePacksVerifiedFromStandardInputAreActiveAndExitZero() {
        final int exit = run(GENUINE + "\n\n" + OTHER + "\n", online("verify"));

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(
                "stdin line 1: ACTIVE Panadol 500 mg (GTIN 08960001000015, serial PAN000002, lot PAN2401, "
                        + "expiry 2028-12-31)\n"
                + "stdin line 3: ACTIVE Panadol 500 mg (GTIN 08960001000015, serial PAN000003, lot PAN2401, "
                        + "expiry 2028-12-31)\n");
        assertThat(gateway.verified).containsExactly(GENUINE, OTHER);
    }

    @Test
    void aSuspectVerdictAmongGoodOnesExitsThreeAndNamesItsAlertInJson() throws IOException {
        final int exit = run("", online("verify", "-o", "json", GENUINE, FAKE));

        assertThat(exit).isEqualTo(ExitCodes.SUSPECT);
        final List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("code").asText()).isEqualTo("ACTIVE");
        assertThat(lines.get(1).toString()).isEqualTo("{\"source\":\"argument 2\",\"action\":\"verify\","
                + "\"outcome\":\"suspect\",\"code\":\"UNKNOWN_SERIAL\",\"gtin\":\"08960001000015\","
                + "\"serial\":\"FAKE0001\",\"lot\":\"PAN2401\",\"expiry\":\"2028-12-31\","
                + "\"product\":\"Panadol 500 mg\","
                + "\"findings\":[\"UNKNOWN_SERIAL\"],\"block\":10,\"alertId\":\"alert-FAKE0001\"}");
    }

    @Test
    void csvOutputHasAHeaderAndOneRowPerScanWithAnEmptyPriceColumn() {
        final int exit = run("", online("verify", "--output", "csv", GENUINE));

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(
                "source,action,outcome,code,gtin,serial,lot,expiry,product,price,block,alert_id,findings,message\n"
                + "argument 1,verify,ok,ACTIVE,08960001000015,PAN000002,PAN2401,2028-12-31,Panadol 500 mg,,10,,"
                + "ACTIVE,\n");
    }

    @Test
    void aScanTheGatewayCannotJudgeIsAnErrorAndTheStreamGoesOn() {
        final int exit = run("", online("verify", "not a barcode", GENUINE));

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(out.toString()).startsWith("argument 1: INVALID_SCAN: gtin: ").contains("argument 2: ACTIVE");
    }

    @Test
    void theTokenIsSentAsABearerAndNeverPrinted() throws IOException {
        final Path tokenFile = Files.writeString(folder.resolve("token"), FakeGateway.TOKEN + "\n");

        final int exit = run("", online("verify", "--token-file", tokenFile.toString(), FAKE));

        assertThat(exit).isEqualTo(ExitCodes.SUSPECT);
        assertThat(gateway.authorizations).containsExactly("Bearer " + FakeGateway.TOKEN);
        assertThat(out.toString() + err.toString()).doesNotContain(FakeGateway.TOKEN);
    }

    @Test
    void aRefusedTokenExitsOneQueuesNothingAndIsNotEchoed() {
        final int exit = run("", online("verify", "--token", "dlt_wrong_token", GENUINE));

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("[UNAUTHENTICATED]").doesNotContain("dlt_wrong_token");
        assertThat(queued()).isEmpty();
    }

    @Test
    void anUnreachableGatewayQueuesReadableScansExitsFourAndQueuesNoUnreadableOne() throws IOException {
        final int exit = run("", offline("verify", GENUINE, "garbage", FAKE));

        assertThat(exit).isEqualTo(ExitCodes.QUEUED);
        assertThat(out.toString()).contains("argument 1: QUEUED", "argument 2: INVALID_SCAN", "argument 3: QUEUED");
        assertThat(queued()).extracting(QueuedScan::code).containsExactly(GENUINE, FAKE);
        assertThat(queued()).extracting(QueuedScan::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void syncSendsTheQueuedScansOnceReportsEachAnswerAndEmptiesTheQueue() throws IOException {
        run("", offline("verify", GENUINE, FAKE));

        final int exit = run("", online("sync"));

        assertThat(exit).isEqualTo(ExitCodes.SUSPECT);
        assertThat(out.toString()).contains("argument 1: ACTIVE", "argument 2: UNKNOWN_SERIAL");
        assertThat(gateway.verified).containsExactly(GENUINE, FAKE);
        assertThat(queued()).isEmpty();
        assertThat(run("", online("sync"))).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("nothing queued in ");
        assertThat(gateway.verified).hasSize(2);
    }

    @Test
    void dispenseSuppliesAPackOnceAndASecondDispenseIsRefusedWithExitThree() {
        assertThat(run("", online("dispense", "--token", FakeGateway.TOKEN, GENUINE))).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("argument 1: SUPPLIED (GTIN 08960001000015, serial PAN000002");

        assertThat(run("", online("dispense", "--token", FakeGateway.TOKEN, GENUINE))).isEqualTo(ExitCodes.SUSPECT);
        assertThat(out.toString()).contains("ALREADY_SUPPLIED", "[alert alert-PAN000002]");
        assertThat(gateway.dispenseKeys).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aDispenseQueuedOfflineIsSentWithTheKeyItWasQueuedWithAndARetryAnswersTheFirstOutcome()
            throws IOException {
        assertThat(run("", offline("dispense", "--token", FakeGateway.TOKEN, GENUINE, OTHER)))
                .isEqualTo(ExitCodes.QUEUED);
        final List<QueuedScan> queued = queued();
        assertThat(queued).extracting(QueuedScan::action).containsOnly(QueuedScan.Action.dispense);

        // A sync killed after sending the first scan, before it noted the answer: it is sent again.
        try (ScanQueue queue = ScanQueue.open(folder.resolve("queue.db"))) {
            queue.attempting(queued.get(0).id());
        }
        run("", online("dispense", "--token", FakeGateway.TOKEN, "-o", "json", OTHER));
        gateway.dispenseKeys.clear();
        final int exit = run("", online("sync", "--token", FakeGateway.TOKEN, "-o", "json"));

        assertThat(gateway.dispenseKeys).containsExactly(queued.get(0).idempotencyKey(),
                queued.get(1).idempotencyKey());
        final List<JsonNode> lines = jsonLines();
        assertThat(lines.get(0).path("code").asText()).isEqualTo("SUPPLIED");
        assertThat(lines.get(0).path("message").asText()).contains("sent again with its idempotency key");
        // OTHER was dispensed at the till meanwhile: sync says so
        assertThat(lines.get(1).path("code").asText()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(exit).isEqualTo(ExitCodes.SUSPECT);
        assertThat(queued()).isEmpty();
    }

    @Test
    void syncWithTheGatewayStillUnreachableKeepsEveryScanAndExitsFour() throws IOException {
        run("", offline("verify", GENUINE));

        final int exit = run("", offline("sync"));

        assertThat(exit).isEqualTo(ExitCodes.QUEUED);
        assertThat(err.toString()).contains("the gateway cannot be reached", "1 scans stay queued");
        assertThat(queued()).hasSize(1).first().extracting(QueuedScan::attempts).isEqualTo(1);
    }

    @Test
    void watchAnswersEachScannedLineAsItComes() {
        final int exit = run(GENUINE + "\n" + FAKE + "\n", online("watch"));

        assertThat(exit).isEqualTo(ExitCodes.SUSPECT);
        assertThat(out.toString().split("\n")).hasSize(2);
        assertThat(out.toString()).contains("scan 1: ACTIVE", "scan 2: UNKNOWN_SERIAL");
    }

    @Test
    void watchQueuesAScanWhileTheGatewayIsUnreachable() throws IOException {
        final int exit = run(GENUINE + "\n", offline("watch"));

        assertThat(exit).isEqualTo(ExitCodes.QUEUED);
        assertThat(out.toString()).startsWith("scan 1: QUEUED");
        assertThat(queued()).extracting(QueuedScan::code).containsExactly(GENUINE);
    }

    @Test
    void aLongRunPipedShowsNoProgressBar() {
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lines.append("(01)08960001000015(21)S").append(i).append("(10)PAN2401(17)281231\n");
        }

        assertThat(run(lines.toString(), online("verify", "-o", "csv"))).isEqualTo(ExitCodes.OK);

        assertThat(out.toString().split("\n")).hasSize(501);
        assertThat(err.toString()).isEmpty();
    }
}

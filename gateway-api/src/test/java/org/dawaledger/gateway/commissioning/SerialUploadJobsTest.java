package org.dawaledger.gateway.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dawaledger.gateway.commissioning.SerialUpload.Commit;
import org.dawaledger.gateway.commissioning.SerialUpload.Owner;
import org.dawaledger.gateway.commissioning.SerialUpload.State;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Organisation;
import org.dawaledger.ledger.BlockFeed;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.CommittedBlock;
import org.dawaledger.ledger.CommittedTransaction;
import org.dawaledger.ledger.Submitted;
import org.dawaledger.ledger.identity.LocalCa;
import org.junit.jupiter.api.Test;

/**
 * A job resumed after the gateway died, in each of the states a crash can leave it in, on the real embedded ledger: a
 * new {@link SerialUploadJobs} on the same folder is the restarted gateway.
 */
@QuarkusTest
class SerialUploadJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOT = DemoWorld.UNSERIALISED_LOT;
    private static final int CHUNK = 1_000;

    @Inject
    GatewayLedger ledger;

    private final Path folder = Path.of("target", "serial-upload-jobs-" + UUID.randomUUID());

    private SerialUploadJobs restart() {
        return new SerialUploadJobs(ledger.ledger(), folder, SerialUploads.inWallet(ledger), new SimpleMeterRegistry());
    }

    private Caller manufacturer() {
        return ledger.member(Organisation.MANUFACTURER, "user1", LocalCa.Role.CLIENT);
    }

    private static List<String> serials(final String prefix, final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> String.format(Locale.ROOT, "%s%06d", prefix, n))
                .toList();
    }

    /** A job accepted for these serials, as the gateway makes one, not started. */
    private SerialUpload accepted(final SerialUploadJobs jobs, final List<String> serials) throws IOException {
        final String csv = serials.stream().map(serial -> serial + "\n").collect(Collectors.joining());
        final SerialSpool.Spooled spooled = SerialSpool.receive(new ByteArrayInputStream(
                csv.getBytes(StandardCharsets.US_ASCII)), SerialSpool.Format.CSV, folder,
                new SerialSpool.Limits(1 << 20, 10_000, CHUNK));
        final Caller manufacturer = manufacturer();
        return jobs.create(spooled, new Owner(DemoWorld.MANUFACTURER_GLN, manufacturer.mspId(),
                manufacturer.certificatePem()), DemoWorld.GTIN, LOT, CHUNK);
    }

    /** A job accepted for these serials whose first chunk is on its way: what the gateway had written when it died. */
    private SerialUpload sendingItsFirstChunk(final List<String> serials) throws IOException {
        final SerialUploadJobs before = restart();
        return before.save(accepted(before, serials).running(Instant.now()).sending(ledger.ledger().height(),
                Instant.now()));
    }

    /** The job as a restarted gateway leaves it, having run it. */
    private SerialUpload resumed(final SerialUpload job) {
        final SerialUploadJobs after = restart();
        after.run(job.id());
        return after.find(job.id()).orElseThrow();
    }

    private Submitted commissionByHand(final List<String> serials) throws IOException {
        final Submitted submitted = ledger.ledger().submit(manufacturer(), "CommissionPacks", DemoWorld.GTIN, LOT,
                JSON.writeValueAsString(serials));
        assertThat(submitted.isValid()).isTrue();
        return submitted;
    }

    /** The valid CommissionPacks transactions of the batch since a block, in order, by id. */
    private List<String> commissionsSince(final long fromBlock) throws IOException {
        final List<String> ids = new ArrayList<>();
        final long to = ledger.ledger().height();
        try (BlockFeed blocks = ledger.ledger().blocks(fromBlock)) {
            for (long number = fromBlock; number < to; number++) {
                final CommittedBlock block = blocks.next();
                for (final CommittedTransaction transaction : block.transactions()) {
                    if (transaction.isValid() && transaction.event().isPresent()
                            && transaction.event().get().name().equals("PacksCommissioned")
                            && JSON.readTree(transaction.event().get().payload()).path("data").path("lot").asText()
                                    .equals(LOT)) {
                        ids.add(transaction.id());
                    }
                }
            }
        }
        return ids;
    }

    private void assertCommissioned(final List<String> serials) throws IOException {
        for (final String serial : serials) {
            final JsonNode verdict = JSON.readTree(ledger.ledger().evaluate(ledger.publicCaller(), "VerifyPack",
                    DemoWorld.GTIN, serial, LOT, "").answer());
            assertThat(verdict.path("verdict").asText()).as("pack %s", serial).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aChunkThatCommittedJustBeforeTheGatewayDiedIsCountedAndNotSentAgain() throws IOException {
        final List<String> serials = serials("RCA", 2_500);
        final long start = ledger.ledger().height();
        final SerialUpload job = sendingItsFirstChunk(serials);
        // The gateway sent chunk 1 and died after the ledger committed it, before the job's file said so.
        final Submitted lost = commissionByHand(serials.subList(0, CHUNK));

        final SerialUpload done = resumed(job);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.commissioned()).isEqualTo(2_500);
        assertThat(done.chunksDone()).isEqualTo(3);
        assertThat(commissionsSince(start)).hasSize(3).first().isEqualTo(lost.transactionId());
        assertCommissioned(serials);
    }

    @Test
    void aChunkInFlightThatNeverCommittedIsSentAgain() throws IOException {
        final List<String> serials = serials("RCB", 2_500);
        final long start = ledger.ledger().height();
        final SerialUpload job = sendingItsFirstChunk(serials);

        assertThat(resumed(job).state()).isEqualTo(State.DONE);
        assertThat(commissionsSince(start)).hasSize(3);
        assertCommissioned(serials);
    }

    @Test
    void aJobResumesAfterItsLastRecordedChunkReadingTheSpoolFromThere() throws IOException {
        final List<String> serials = serials("RCC", 2_500);
        final long start = ledger.ledger().height();
        final SerialUpload sending = sendingItsFirstChunk(serials);
        final Submitted first = commissionByHand(serials.subList(0, CHUNK));
        final SerialUpload job = restart().save(sending.committed(new Commit(1, first.transactionId(),
                first.blockNumber(), 0), Instant.now()));

        final SerialUpload done = resumed(job);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.commissioned()).isEqualTo(2_500);
        assertThat(commissionsSince(start)).hasSize(3).first().isEqualTo(first.transactionId());
        assertCommissioned(serials);
    }

    @Test
    void serialsCommissionedBeforeTheChunkWasSentAreNotTakenForItsCommitAndFailTheJob() throws IOException {
        final List<String> serials = serials("RCD", 2_500);
        // The very serials of chunk 1, commissioned before the job sent it (by hand, or by another upload): the
        // same event as the chunk's own commit would be, but in a block before the chunk was sent.
        commissionByHand(serials.subList(0, CHUNK));
        final long start = ledger.ledger().height();

        final SerialUpload failed = resumed(sendingItsFirstChunk(serials));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().chunk()).isEqualTo(1);
        assertThat(failed.failure().code()).isEqualTo("SERIAL_ALREADY_COMMISSIONED");
        assertThat(failed.commissioned()).isZero();
        assertThat(commissionsSince(start)).isEmpty();
    }

    @Test
    void aRestartRemovesSpoolsACrashLeftWithoutAJobAndKeepsTheJobs() throws IOException {
        final SerialUploadJobs before = restart();
        final SerialUpload job = accepted(before, serials("RCE", 10));
        Files.writeString(folder.resolve("upload-123.tmp"), "RCE1\n");
        Files.writeString(folder.resolve("00000000deadbeef.serials"), "RCE1\n");

        final SerialUploadJobs after = restart();

        assertThat(after.find(job.id())).contains(job);
        assertThat(folder.resolve("upload-123.tmp")).doesNotExist();
        assertThat(folder.resolve("00000000deadbeef.serials")).doesNotExist();
        assertThat(folder.resolve(job.id() + ".serials")).exists();
    }
}

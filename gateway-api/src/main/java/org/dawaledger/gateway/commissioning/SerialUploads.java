package org.dawaledger.gateway.commissioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dawaledger.chaincode.pack.Packs;
import org.dawaledger.gateway.commissioning.SerialUpload.Owner;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.dawaledger.gateway.ledger.Wallet;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.identity.LocalCa;

/**
 * Serial uploads on this gateway: each accepted upload becomes a job, and one worker thread runs the jobs one after
 * another in the order they came (a batch's chunks must go one after another anyway, as each writes the owner's stock
 * record). Jobs left unfinished by the last run resume at start. A job is its uploader's: the party (GLN) the signed-in
 * identity is on the ledger; any other party is told there is no such job.
 */
@ApplicationScoped
public class SerialUploads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayLedger ledger;
    private final SerialUploadConfig config;
    private final SerialUploadJobs jobs;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        final Thread thread = new Thread(task, "dawaledger-serial-uploads");
        thread.setDaemon(true);
        return thread;
    });

    SerialUploads(final GatewayConfig gateway, final SerialUploadConfig config, final GatewayLedger ledger,
            final MeterRegistry registry) {
        if (config.chunkSize() < 1 || config.chunkSize() > Packs.MAX_PACKS_PER_CALL) {
            throw new IllegalStateException("dawaledger.serial-uploads.chunk-size is " + config.chunkSize()
                    + "; it must be 1 to " + Packs.MAX_PACKS_PER_CALL);
        }
        this.ledger = ledger;
        this.config = config;
        this.jobs = new SerialUploadJobs(ledger.ledger(), gateway.dataDir().resolve("serial-uploads"),
                inWallet(ledger), registry);
    }

    void start(@Observes final StartupEvent event) {
        jobs.unfinished().forEach(this::enqueue);
    }

    void stop(@Observes final ShutdownEvent event) throws InterruptedException {
        // Let the chunk on its way commit and be recorded before the ledger closes.
        jobs.stop();
        worker.shutdown();
        worker.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** What an upload may hold. */
    SerialSpool.Limits limits() {
        return new SerialSpool.Limits(config.maxBytes().asLongValue(), config.maxSerials(), config.chunkSize());
    }

    /** Where uploads are spooled. */
    Path spoolFolder() {
        return jobs.folder();
    }

    /**
     * Accepts a received upload as a queued job. The contract first judges the first chunk exactly as the job will
     * submit it, without committing it, so that the wrong party, batch or batch state, or a serial commissioned
     * already, is refused now with the contract's code and no job is made; and the upload must fit the units of the
     * batch the owner still holds without serials, less those unfinished uploads of the batch will take.
     *
     * @throws org.dawaledger.ledger.RefusedException if the contract refuses the first chunk
     * @throws WebApplicationException a 409 {@code INSUFFICIENT_STOCK} problem if the batch has too few units left
     */
    SerialUpload accept(final Caller caller, final String gtin, final String lot, final SerialSpool.Spooled spooled)
            throws IOException {
        final JsonNode trial = read(ledger.ledger().evaluate(caller, "CommissionPacks", gtin, lot,
                JSON.writeValueAsString(spooled.firstChunk())).answer());
        final String ownerGln = glnOf(caller).orElseThrow();
        final String batchGtin = trial.path("gtin").asText();
        final String batchLot = trial.path("lot").asText();
        final long held = trial.path("unserialisedRemaining").asLong() + spooled.firstChunk().size();
        synchronized (jobs) {
            final long promised = jobs.outstanding(batchGtin, batchLot);
            if (spooled.count() > held - promised) {
                throw new WebApplicationException(Problem.response(409, "INSUFFICIENT_STOCK", "serials",
                        "the upload names " + spooled.count() + " serials; batch " + batchGtin + "/" + batchLot
                                + " has " + held + " units without serials, " + promised
                                + " of them promised to unfinished uploads"));
            }
            final SerialUpload job = jobs.create(spooled, new Owner(ownerGln, caller.mspId(),
                    caller.certificatePem()), batchGtin, batchLot, config.chunkSize());
            enqueue(job);
            return job;
        }
    }

    /** A job, if it is the caller's party's. */
    Optional<SerialUpload> find(final Caller caller, final String id) {
        final Optional<String> gln = glnOf(caller);
        return jobs.find(id).filter(job -> gln.isPresent() && job.owner().gln().equals(gln.get()));
    }

    /** The caller's party's jobs, newest first. */
    List<SerialUpload> list(final Caller caller) {
        return glnOf(caller).map(jobs::of).orElse(List.of());
    }

    private void enqueue(final SerialUpload job) {
        worker.execute(() -> jobs.run(job.id()));
    }

    /** The party the caller is on the ledger, if it is one. */
    private Optional<String> glnOf(final Caller caller) {
        final JsonNode participant = read(ledger.ledger().evaluate(caller, "WhoAmI").answer()).path("participant");
        return participant.hasNonNull("gln") ? Optional.of(participant.get("gln").asText()) : Optional.empty();
    }

    /** The wallet's identities, by organisation and certificate: how a job finds its uploader after a restart. */
    static SerialUploadJobs.Callers inWallet(final GatewayLedger ledger) {
        return (mspId, certificate) -> Wallet.participants().stream().map(Wallet::identity).flatMap(Optional::stream)
                .map(identity -> ledger.member(identity.organisation(), identity.member(), LocalCa.Role.CLIENT))
                .filter(member -> member.mspId().equals(mspId) && member.certificatePem().equals(certificate))
                .findFirst();
    }

    private static JsonNode read(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
